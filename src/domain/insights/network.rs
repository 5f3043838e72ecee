//! Where the network leads: chains of introductions, who introduced the
//! most people, organisations and where each stands, and the funnel
//! from asking to meeting.

use super::*;

/// A person in the network views: who, and where they stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub id: PersonId,
    pub name: String,
    pub stage: Stage,
}

/// Each person's stage, and whom you have met, read once from the chats.
struct Standings<'a> {
    stages: HashMap<PersonId, Stage>,
    met: HashSet<&'a PersonId>,
}

impl<'a> Standings<'a> {
    fn of(chats: &'a [Chat]) -> Self {
        Standings {
            stages: stages_by_person(chats),
            met: chats
                .iter()
                .filter(|c| c.entered(Stage::Done).is_some())
                .map(|c| &c.person_id)
                .collect(),
        }
    }

    fn contact(&self, person: &Person) -> Contact {
        Contact {
            id: person.id.clone(),
            name: person.name.clone(),
            stage: self.stages.get(&person.id).copied().unwrap_or(Stage::Idea),
        }
    }

    fn met(&self, person: &PersonId) -> bool {
        self.met.contains(person)
    }
}

/// Every referral path from someone who introduced people to the end of
/// the line: "Ana → Ben → Chloé". Paths of one person are left out.
pub fn referral_chains(people: &[Person], chats: &[Chat]) -> Vec<Vec<Contact>> {
    let standings = Standings::of(chats);
    let by_id = people_by_id(people);
    let mut introduced: HashMap<&PersonId, Vec<&Person>> = HashMap::new();
    for person in people {
        if let Some(by) = person
            .introduced_by
            .as_ref()
            .filter(|by| by_id.contains_key(by))
        {
            introduced.entry(by).or_default().push(person);
        }
    }
    for list in introduced.values_mut() {
        sort_by_key(list, |p| fold(&p.name));
    }
    let mut roots: Vec<&Person> = people
        .iter()
        .filter(|p| introduced.contains_key(&p.id))
        .filter(|p| {
            p.introduced_by
                .as_ref()
                .is_none_or(|by| !by_id.contains_key(by))
        })
        .collect();
    sort_by_key(&mut roots, |p| fold(&p.name));
    let mut chains = Vec::new();
    let mut reached: HashSet<&PersonId> = HashSet::new();
    for root in roots {
        walk(root, &introduced, &standings, &mut chains, &mut reached);
    }
    // People who introduce each other in a loop have no start: begin at
    // the first of them not reached yet.
    let mut in_loops: Vec<&Person> = people
        .iter()
        .filter(|p| introduced.contains_key(&p.id))
        .collect();
    sort_by_key(&mut in_loops, |p| fold(&p.name));
    for person in in_loops {
        if !reached.contains(&person.id) {
            walk(person, &introduced, &standings, &mut chains, &mut reached);
        }
    }
    chains
}

/// Every path from `root` down its introductions. Depth first, never
/// revisiting a person on the same path, so a loop in damaged data ends
/// instead of running forever.
fn walk<'p>(
    root: &'p Person,
    introduced: &HashMap<&'p PersonId, Vec<&'p Person>>,
    standings: &Standings,
    chains: &mut Vec<Vec<Contact>>,
    reached: &mut HashSet<&'p PersonId>,
) {
    let mut stack: Vec<Vec<&'p Person>> = vec![vec![root]];
    while let Some(path) = stack.pop() {
        let last = path[path.len() - 1];
        reached.insert(&last.id);
        let next: Vec<&'p Person> = introduced
            .get(&last.id)
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|p| !path.iter().any(|q| q.id == p.id))
                    .collect()
            })
            .unwrap_or_default();
        if next.is_empty() {
            if path.len() >= 2 {
                chains.push(path.iter().map(|p| standings.contact(p)).collect());
            }
            continue;
        }
        for child in next.into_iter().rev() {
            let mut longer = path.clone();
            longer.push(child);
            stack.push(longer);
        }
    }
}

/// Someone who introduced others, and what came of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Introducer {
    pub person: Contact,
    pub introduced: Vec<Contact>,
    /// Introductions that became a chat, at any stage.
    pub became_chats: usize,
    /// Introductions that led to a finished chat.
    pub met: usize,
}

/// Who introduced the most people, most first.
pub fn introducers(people: &[Person], chats: &[Chat]) -> Vec<Introducer> {
    let standings = Standings::of(chats);
    let with_chat: HashSet<&PersonId> = chats.iter().map(|c| &c.person_id).collect();
    let by_id = people_by_id(people);
    let mut found: BTreeMap<&PersonId, Introducer> = BTreeMap::new();
    for person in people {
        let Some(by) = person.introduced_by.as_ref().and_then(|id| by_id.get(id)) else {
            continue;
        };
        let entry = found.entry(&by.id).or_insert_with(|| Introducer {
            person: standings.contact(by),
            introduced: Vec::new(),
            became_chats: 0,
            met: 0,
        });
        entry.introduced.push(standings.contact(person));
        entry.became_chats += usize::from(with_chat.contains(&person.id));
        entry.met += usize::from(standings.met(&person.id));
    }
    let mut list: Vec<Introducer> = found.into_values().collect();
    for introducer in &mut list {
        sort_by_key(&mut introducer.introduced, |c| fold(&c.name));
    }
    // Each name folded once, not at every comparison.
    sort_by_key(&mut list, |i| {
        (std::cmp::Reverse(i.introduced.len()), fold(&i.person.name))
    });
    list
}

/// How things stand at one organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// You have met someone there: a possible advocate.
    Met,
    Booked,
    /// Asked, and no one has said yes yet.
    Waiting,
    /// Everyone asked said no or never answered.
    NoAnswer,
    NotAsked,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::Met => t().insights_standing_met(),
            Standing::Booked => t().insights_standing_booked(),
            Standing::Waiting => t().insights_standing_waiting(),
            Standing::NoAnswer => t().insights_standing_no_answer(),
            Standing::NotAsked => t().insights_standing_not_asked(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation {
    /// As first written.
    pub name: String,
    pub people: Vec<Contact>,
    pub standing: Standing,
}

/// Organisations with their people and where each stands, most people
/// first. Spellings that differ only in case or accents are one.
pub fn organisations(people: &[Person], chats: &[Chat]) -> Vec<Organisation> {
    let standings = Standings::of(chats);
    let mut found: BTreeMap<String, (Organisation, bool)> = BTreeMap::new();
    for person in people {
        let name = person.organisation.trim();
        if name.is_empty() {
            continue;
        }
        let (organisation, anyone_met) = found.entry(organisation_key(name)).or_insert_with(|| {
            (
                Organisation {
                    name: name.to_string(),
                    people: Vec::new(),
                    standing: Standing::NotAsked,
                },
                false,
            )
        });
        *anyone_met |= standings.met(&person.id);
        organisation.people.push(standings.contact(person));
    }
    let mut list: Vec<Organisation> = found
        .into_values()
        .map(|(mut organisation, anyone_met)| {
            let has = |stage: Stage| organisation.people.iter().any(|c| c.stage == stage);
            organisation.standing = if anyone_met {
                Standing::Met
            } else if has(Stage::Booked) {
                Standing::Booked
            } else if has(Stage::Asked) {
                Standing::Waiting
            } else if has(Stage::Declined) || has(Stage::NoReply) {
                Standing::NoAnswer
            } else {
                Standing::NotAsked
            };
            sort_by_key(&mut organisation.people, |c| fold(&c.name));
            organisation
        })
        .collect();
    sort_by_key(&mut list, |o| {
        (std::cmp::Reverse(o.people.len()), fold(&o.name))
    });
    list
}

/// From asking to meeting, over every chat.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Funnel {
    pub asked: usize,
    pub booked: usize,
    pub done: usize,
    /// Asked chats that got an answer: booked, done or declined.
    pub replied: usize,
    /// Median business days from asking to booking, over chats that did both.
    pub median_days_to_book: Option<f64>,
}

impl Funnel {
    /// The share who replied, in whole percent.
    pub fn reply_rate(&self) -> Option<u32> {
        (self.asked > 0).then(|| {
            let rate = (self.replied * 100 + self.asked / 2) / self.asked;
            u32::try_from(rate).unwrap_or(100)
        })
    }
}

fn first_entered(chat: &Chat, stage: Stage) -> Option<DateTime<Utc>> {
    chat.history.iter().find(|c| c.stage == stage).map(|c| c.at)
}

pub fn funnel(chats: &[Chat], local_date: LocalDate) -> Funnel {
    let mut funnel = Funnel::default();
    let mut days: Vec<u32> = Vec::new();
    for chat in chats {
        let asked = first_entered(chat, Stage::Asked);
        let booked = first_entered(chat, Stage::Booked);
        let ever = |stage| first_entered(chat, stage).is_some();
        funnel.asked += usize::from(asked.is_some());
        funnel.booked += usize::from(booked.is_some());
        funnel.done += usize::from(ever(Stage::Done));
        if let Some(asked) = asked {
            let answered = [Stage::Booked, Stage::Done, Stage::Declined]
                .into_iter()
                .any(|stage| {
                    chat.history
                        .iter()
                        .any(|c| c.stage == stage && c.at >= asked)
                });
            funnel.replied += usize::from(answered);
            if let Some(booked) = booked.filter(|b| *b >= asked) {
                days.push(business_days_between(local_date(asked), local_date(booked)));
            }
        }
    }
    days.sort_unstable();
    funnel.median_days_to_book = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(f64::from(days[n / 2])),
        n => Some((f64::from(days[n / 2 - 1]) + f64::from(days[n / 2])) / 2.0),
    };
    funnel
}
