//! What a request or a meeting question asks for, read for its meaning:
//! the asks an informational interview must not make (a job, an opening, a
//! job referral, an interview, a résumé hand-off, pay), and, in questions,
//! what a quick search answers or whether they want "people like me".
//!
//! Each rule is a short list of word patterns, matched within one sentence
//! on folded (lower-case, accent-free) words. A pattern is words separated
//! by spaces, where `a|b` is either word, `-` before a word makes it
//! optional, a trailing `~` matches any word that starts so, `*` skips up
//! to three words and `**` up to eight. A match right after "not", "never"
//! or "no" does not count ("I'm not looking for a job"). Single words such as "job", "employment", "apply" or
//! "internship" never flag on their own: organisation names, studies and
//! skills being applied use them too.
//!
//! The rules read French as well as English, whatever the app's language:
//! a request to a francophone contact is written in French. French words
//! are folded the same way, and an apostrophe splits them (« d'emploi » is
//! "d emploi"). « Poste » and « emploi » never flag alone either: the post
//! office and « emploi du temps », a schedule, use them.

use super::linter::tokens;
use super::person::fold;
use crate::i18n::{t, Texts};

/// Where the text will be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// A message asking for the meeting.
    Request,
    /// A question to ask at the meeting.
    Question,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AskKind {
    Job,
    JobReferral,
    Interview,
    ResumeHandOff,
    Pay,
    QuickSearch,
    PeopleLikeMe,
}

/// One kind of ask to leave out, why, and what to say instead.
#[derive(Debug)]
pub struct AskRule {
    pub kind: AskKind,
    /// Its topic, why it hurts and a better phrasing, in a language.
    words: fn(&Texts) -> [&'static str; 3],
    /// Where it applies: some asks are only out of place in one setting.
    pub in_requests: bool,
    pub in_questions: bool,
    patterns: &'static [&'static str],
}

impl AskRule {
    /// A few words naming it, for a heading.
    pub fn topic(&self) -> &'static str {
        (self.words)(t())[0]
    }

    /// Why it hurts, in one sentence.
    pub fn why(&self) -> &'static str {
        (self.words)(t())[1]
    }

    /// A better phrasing.
    pub fn instead(&self) -> &'static str {
        (self.words)(t())[2]
    }
}

pub const ASK_RULES: &[AskRule] = &[
    AskRule {
        kind: AskKind::Job,
        words: |t| [t.asks_job_topic(), t.asks_job_why(), t.asks_job_instead()],
        in_requests: true,
        in_questions: true,
        patterns: &[
            "hire|hiring|employ me",
            "have any opening~|vacanc~|positions",
            "is|are you|your|they|anyone|anybody * hiring|recruiting",
            "is|are your|the team|company|organisation|organization|firm|group|department|office|unit hiring|recruiting",
            "is|are there * opening~|vacanc~",
            "is|are there * position|positions|role|roles|job|jobs|spot|spots available|open",
            "any - job|open opening|openings|vacancies|positions",
            "job opening~",
            "open position~|role|roles",
            "do you|they have * opening~|vacanc~|position|positions|job|jobs",
            "keep me in mind",
            "think of me if|when|for",
            "keep me posted on|about * opening~|position~|role|roles|job|jobs",
            "if|when anything|something opens|opening",
            "if|when anything|something * comes up on|in|at your",
            "if|when a|any position|role|job|opening|spot opens|comes|becomes",
            "let me know if|of|about * opening~|position~|role|roles|job|jobs|vacanc~",
            "looking|searching|hoping for - a - new job|jobs|position|role|work|employment",
            "looking|searching|hoping for new opportunities",
            "seeking|pursuing - new employment|opportunities|position|role",
            "open to - new opportunities|offers|roles|positions",
            "join a|the|your team|company|organisation|organization like yours",
            "join your team|company|organisation|organization|firm|group|department",
            "love|want|hope|hoping|keen|eager|dream to work for|at|with your|you",
            "get|land|find - a job|position|role at|with|on your|you",
            "get - a job here|there",
            "apply to|for|at your team|company|organisation|organization|firm|group|department|office|agency|ministry|posting|position|role|job|opening",
            "apply~|applied to|for|at * position|role|opening|posting on|at|with your",
            "apply for the|this|that|an|a position|role|opening|posting",
            "job for me",
            "position|role|job for someone like me",
            // French, folded: « m'embaucher » is "m embaucher".
            "m embaucher|engager|recruter",
            "embauchez|recrutez|engagez vous",
            "est ce qu|que vous|votre|on embauchez|recrutez|engagez|embauche|recrute|engage",
            "etes vous * recruter|embaucher|engager",
            "votre|vos equipe|equipes|entreprise|organisation|organisme|service|ministere|firme|direction|groupe embauche|recrute|engage|embauchent|recrutent",
            // Not « y a-t-il un bureau de poste ? », the post office.
            "y a t il - actuellement|presentement|bientot des|un|une poste|postes|ouverture|ouvertures",
            "y a t il * poste|postes|emploi|emplois ouvert|ouverts|disponible|disponibles|vacant|vacants|libre|libres",
            "y a t il * offre|offres d emploi",
            "poste|postes vacant|vacants|ouvert|ouverts|disponible|disponibles",
            "poste|postes a pourvoir|combler",
            // Not "avez-vous un emploi du temps chargé ?", a schedule.
            "avez|auriez vous des|un|une|quelques poste|postes|ouverture|ouvertures|offre|offres",
            "avez|auriez vous * poste|postes|emploi|emplois|ouverture|ouvertures|offre|offres ouvert|ouverts|ouverte|ouvertes|disponible|disponibles|vacant|vacants|pour",
            "a la recherche d|de - un|une - nouvel|nouveau|nouvelle emploi|poste|travail|job",
            "cherche|recherche|cherchais|recherchais un|une|d|des|du - nouvel|nouveau|nouvelle emploi|poste|travail|job",
            "me garder|gardiez|garderiez en tete",
            "garder|gardiez|garderiez mon profil|nom|dossier|cv en tete",
            "penser|pensiez|penseriez a moi",
            "tenir au courant * poste|postes|emploi|emplois|ouverture|ouvertures",
            "faire partie de votre|vos|l equipe|entreprise|organisation|organisme|service",
            "joindre|rejoindre|integrer votre|vos|l equipe|entreprise|organisation|organisme|service",
            "aimerais|voudrais|souhaite|souhaiterais|reve|reverais * travailler pour|chez|avec|dans votre|vous",
            "postuler|postule|postulerai|postulerais a|au|pour - votre|vos|ce|cet|cette|le|la|l|un|une poste|offre|emploi|equipe|entreprise",
            "ouvert|ouverte|ouverts a|aux - de|des - nouvelles|nouveaux opportunites|defis|offres",
            "si|quand|lorsque * poste|postes|emploi|ouverture se|s libere|ouvre|presente",
        ],
    },
    AskRule {
        kind: AskKind::JobReferral,
        words: |t| [t.asks_job_referral_topic(), t.asks_job_referral_why(), t.asks_job_referral_instead()],
        in_requests: true,
        in_questions: true,
        patterns: &[
            "refer me for",
            "refer me to - the|a|an|this|that|any|your position~|role|roles|job|jobs|opening~|posting~|hiring|recruiter~|hr",
            "recommend me for",
            "recommend me to the|a|your|- hiring|recruiter~|hr|position|role|job",
            "put me forward",
            "put my name forward|in",
            "good word",
            "internal|employee|job referral",
            "referral for the|a|this|an|that|- position|role|job|opening",
            "give|get me a referral",
            "me recommander|recommandiez|recommanderiez|referer|refereriez pour|aupres",
            "me recommander|recommandiez|recommanderiez|referer|refereriez au|a|aux - la|l poste|recruteur|recruteuse|rh|gestionnaire|responsable",
            "bon mot",
            "proposer|soumettre|avancer|presenter|poser mon nom",
            "proposer|soumettre|avancer|presenter|poser ma candidature",
            "recommandation|reference interne",
        ],
    },
    AskRule {
        kind: AskKind::Interview,
        words: |t| [t.asks_interview_topic(), t.asks_interview_why(), t.asks_interview_instead()],
        in_requests: true,
        in_questions: true,
        patterns: &[
            "help me get|land|secure an|a interview",
            "get|land|secure me an|a interview",
            "job interview~",
            "interview me",
            "interview for the|a|this|an|your position|role|job|opening",
            "interview with your team|company|organisation|organization|firm",
            "chance|opportunity to interview for|with",
            "be interviewed",
            "entrevue|entretien d embauche|emploi",
            // Not « obtenir un entretien d'information », this very meeting.
            "m aider a obtenir|decrocher une|un entrevue|entretien",
            "decrocher une|un entrevue|entretien",
            "entrevue pour|avec * poste|equipe|emploi|entreprise",
            "m interviewer",
            "me passer en entrevue",
        ],
    },
    AskRule {
        kind: AskKind::ResumeHandOff,
        words: |t| [t.asks_resume_hand_off_topic(), t.asks_resume_hand_off_why(), t.asks_resume_hand_off_instead()],
        in_requests: true,
        in_questions: true,
        patterns: &[
            "pass|passing|forward|forwarding|send|take|taking|give|hand|share|circulate - on|along my resume|cv|application",
            "pass|forward|take|give|hand|share|circulate my resume|cv|application to|with",
            "my resume|cv to|with your|the boss|manager|hr|recruiter|team",
            "send|pass|forward|give|share|take * my resume|cv",
            "attached|attaching|enclosed|enclosing my|a|- resume|cv",
            "my resume|cv is attached|enclosed",
            "resume|cv attached",
            "transmettre|transmettiez|faire|envoyer|remettre|passer|partager|acheminer * mon cv|curriculum",
            "ci joint|jointe|joints - mon|un cv|curriculum",
            "mon cv|curriculum * ci|joint|jointe|piece",
            "cv|curriculum en piece jointe",
        ],
    },
    AskRule {
        kind: AskKind::ResumeHandOff,
        words: |t| [t.asks_resume_review_topic(), t.asks_resume_review_why(), t.asks_resume_review_instead()],
        in_requests: true,
        in_questions: false,
        patterns: &[
            "look over|at my resume|cv",
            "review|critique|check my resume|cv",
            "feedback on my resume|cv",
            "resume|cv review",
            "relire|revoir|commenter|evaluer|critiquer|regarder|lire * mon cv|curriculum",
            // « Coup d'œil »: the œ stays as written after folding.
            "coup d * mon cv|curriculum",
            "commentaires|avis|retroaction sur mon cv|curriculum",
        ],
    },
    AskRule {
        kind: AskKind::Pay,
        words: |t| [t.asks_pay_topic(), t.asks_pay_why(), t.asks_pay_instead()],
        in_requests: true,
        in_questions: true,
        patterns: &[
            "salary",
            "salaries",
            "wage",
            "wages",
            "compensation",
            "paycheck",
            "paycheque",
            "how much ** make|earn|earns|earned|paid|pay|money",
            "what does|would it|this|that|the|your - role|job|position|work pay",
            "job|role|position|work pays|pay well|enough",
            "well|poorly|how paid",
            "pay range|scale|band|grade|level|rate",
            "your|the pay",
            "type|kind of money",
            "make|earn * money",
            "salaire",
            "salaires",
            "remuneration",
            "combien * gagnez|gagne|gagnent|payez|paye|payes|paie",
            "echelle|fourchette|grille salariale|salariales",
            "echelle|fourchette|grille de|des salaire|salaires",
            "taux horaire",
        ],
    },
    AskRule {
        kind: AskKind::QuickSearch,
        words: |t| [t.asks_quick_search_topic(), t.asks_quick_search_why(), t.asks_quick_search_instead()],
        in_requests: false,
        in_questions: true,
        patterns: &[
            "what does|do your|the company|organisation|organization|firm|agency|ministry|business do",
            "what type|types|kind|kinds|sort of services|products|goods",
            "what services|products|goods do|does you|your|they",
            "what do you sell|make|produce",
            "how many employees|staff",
            "how many people work at|for|in the|your company|organisation|organization|firm",
            "when was * founded|started|established|created",
            "who founded",
            "who is the ceo|president|founder",
            "where is|are your|the headquarters|offices",
            "where is|are your|the head office",
            "where are you located",
            "revenue",
            "stock price",
            "que fait|font votre|vos|l entreprise|organisation|organisme|firme|agence|ministere",
            "quels|quel|quelles|quelle genre|type|types|sorte de services|produits",
            "quels|quelles services|produits offrez|offre|offrent|vendez|vend|vendent|proposez|propose",
            "combien d employes",
            "combien de personnes travaillent",
            "quand ** fonde|fondee|fondes",
            "annee de fondation",
            "qui a fonde",
            "qui est le|la pdg|president|presidente|fondateur|fondatrice",
            "ou se trouve|trouvent|est|sont votre|vos|le|les siege|bureaux",
            "chiffre d affaires",
        ],
    },
    AskRule {
        kind: AskKind::PeopleLikeMe,
        words: |t| [t.asks_people_like_me_topic(), t.asks_people_like_me_why(), t.asks_people_like_me_instead()],
        in_requests: true,
        in_questions: true,
        patterns: &[
            "people|someone|somebody|candidates|person like me",
            "need|want|hire|take|use * someone|people with my background|skills|experience|profile",
            "looking for * people|someone with my",
            "someone with my background|skills|profile",
            "quelqu un comme moi",
            "gens|personne|personnes|candidat|candidate|candidats|candidates|profil|profils comme moi",
            "quelqu un|personnes|gens|candidats avec mon|mes|ma profil|experience|parcours|competences|formation|bagage",
        ],
    },
];

/// "C.V." as "cv": letters with dots are one word, not sentence ends.
fn join_initialisms(text: &str) -> String {
    text.split_inclusive(char::is_whitespace)
        .map(|piece| {
            let word = piece.trim_end();
            let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            let dotted = word
                .chars()
                .zip(word.chars().skip(1).chain(['.']))
                .all(|(c, next)| {
                    if c.is_alphabetic() {
                        next == '.'
                    } else {
                        c == '.'
                    }
                });
            if letters.chars().count() >= 2 && dotted {
                format!("{letters}{}", &piece[word.len()..])
            } else {
                piece.to_string()
            }
        })
        .collect()
}

/// Folded words, sentence by sentence; web addresses are left out.
fn sentences(text: &str) -> Vec<Vec<String>> {
    join_initialisms(&fold(text))
        .split(['.', '?', '!', ';', '\n', '…'])
        .map(tokens)
        .filter(|words| !words.is_empty())
        .collect()
}

fn word_matches(choice: &str, word: &str) -> bool {
    choice
        .split('|')
        .filter(|o| *o != "-")
        .any(|option| match option.strip_suffix('~') {
            Some(stem) => word.starts_with(stem),
            None => option == word,
        })
}

/// Whether `pattern` (already split into parts) matches at the start of
/// `words`.
fn matches_at(parts: &[String], words: &[String]) -> bool {
    let Some((part, rest)) = parts.split_first() else {
        return true;
    };
    let gap = match part.as_str() {
        "*" => Some(3),
        "**" => Some(8),
        _ => None,
    };
    if let Some(gap) = gap {
        return (0..=gap.min(words.len())).any(|skip| matches_at(rest, &words[skip..]));
    }
    let optional = part.split('|').any(|option| option == "-");
    if optional && matches_at(rest, words) {
        return true;
    }
    match words.split_first() {
        Some((word, after)) => word_matches(part, word) && matches_at(rest, after),
        None => false,
    }
}

/// The parts of a pattern, with a lone `-` folded into the part after it.
fn parts(pattern: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut next_optional = false;
    for part in pattern.split(' ') {
        if part == "-" {
            next_optional = true;
        } else if next_optional {
            parts.push(format!("{part}|-"));
            next_optional = false;
        } else {
            parts.push(part.to_string());
        }
    }
    parts
}

/// Words that turn what follows around: English and French (« ne », « n' »
/// and « jamais » come before the verb; « pas » mostly after it).
const NEGATIONS: [&str; 7] = ["not", "never", "no", "ne", "n", "jamais", "pas"];

fn sentence_matches(pattern: &str, words: &[String]) -> bool {
    let parts = parts(pattern);
    (0..words.len()).any(|start| {
        let before = &words[start.saturating_sub(2)..start];
        !before.iter().any(|w| NEGATIONS.contains(&w.as_str()))
            && matches_at(&parts, &words[start..])
    })
}

/// The rules `text` falls under in `setting`, each once, in list order.
pub fn asks_in(text: &str, setting: Setting) -> Vec<&'static AskRule> {
    let sentences = sentences(text);
    ASK_RULES
        .iter()
        .filter(|rule| match setting {
            Setting::Request => rule.in_requests,
            Setting::Question => rule.in_questions,
        })
        .filter(|rule| {
            rule.patterns
                .iter()
                .any(|p| sentences.iter().any(|words| sentence_matches(p, words)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_read_as_documented() {
        let words = |s: &str| sentences(s).remove(0);
        assert!(sentence_matches("hire me", &words("Could you hire me?")));
        assert!(sentence_matches(
            "is|are you * hiring",
            &words("Are you by any chance hiring")
        ));
        assert!(!sentence_matches(
            "is|are you * hiring",
            &words("Are you, by any chance at all, hiring")
        ));
        assert!(sentence_matches(
            "open to - new - opportunities",
            &words("open to opportunities")
        ));
        assert!(sentence_matches("job opening~", &words("job openings")));
        assert!(!sentence_matches("hire me", &words("They hire. Me too")));
        assert!(sentence_matches("my cv", &words("my C.V.")));
    }

    #[test]
    fn each_rule_applies_where_it_should() {
        let review = "Would you look over my résumé?";
        assert!(!asks_in(review, Setting::Request).is_empty());
        assert!(asks_in(review, Setting::Question).is_empty());
        let search = "What does your company do?";
        assert!(asks_in(search, Setting::Request).is_empty());
        assert_eq!(
            asks_in(search, Setting::Question)[0].kind,
            AskKind::QuickSearch
        );
    }
}
