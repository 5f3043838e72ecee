//! What a request or a meeting question asks for, read for its meaning:
//! the asks an informational interview must not make (a job, an opening, a
//! job referral, an interview, a résumé hand-off, pay), and, in questions,
//! what a quick search answers or whether they want "people like me".
//!
//! Each rule is a short list of word patterns, matched within one sentence
//! on folded (lower-case, accent-free) words. A pattern is words separated
//! by spaces, where `a|b` is either word, `-` before a word makes it
//! optional, a trailing `~` matches any word that starts so, `*` skips up
//! to three words and `**` up to eight, `@name` is any word of a class
//! (below: the same idea in both languages, such as whoever hires), and `$`
//! matches only at the end of the sentence. A match right after "not",
//! "never", "no" or "n't" does not count ("I'm not looking for a job").
//! Single words such as "job", "employment", "apply" or "internship" never
//! flag on their own: organisation names, studies and skills being applied
//! use them too. A few phrases that are never an ask ("informational
//! interview", « emploi du temps ») are blanked before matching, so no rule
//! has to step around them.
//!
//! The rules are written by meaning, not against sentences: a job ask is a
//! job word beside an opening, a wish to join, a hand-off or someone who
//! hires. They are tuned on the development half of the corpus
//! (`asks_corpus/`) and measured on a test half they never saw.
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
            "me garder|gardiez|garderiez * en tete",
            "garder|gardiez|garderiez mon profil|nom|dossier|cv en tete",
            "penser|pensiez|penseriez a moi",
            "tenir au courant * poste|postes|emploi|emplois|ouverture|ouvertures",
            "faire partie de votre|vos|l equipe|entreprise|organisation|organisme|service",
            "joindre|rejoindre|integrer votre|vos|l equipe|entreprise|organisation|organisme|service",
            "aimerais|voudrais|souhaite|souhaiterais|reve|reverais * travailler pour|chez|avec|dans votre|vous",
            "postuler|postule|postulerai|postulerais a|au|pour - votre|vos|ce|cet|cette|le|la|l|un|une poste|offre|emploi|equipe|entreprise",
            "si|quand|lorsque * poste|postes|emploi|ouverture se|s libere|ouvre|presente",
            // Openings, by any name, at their place of work.
            "openings|vacancies|ouvertures ** @unit|chez|here|ici|there",
            "@unit ** openings|vacancies|ouvertures",
            "any|some|des|aucune|quelques|une|an opening|openings|ouverture|ouvertures",
            "opportunit~|possibilit~ d|de|for emploi|travail|employment|work",
            "opportunit~|possibilit~|occasion~ at|with|chez|dans|in - your|votre|vos|l @unit",
            "opportunit~|possibilit~ ** for|pour ** me|moi|someone|quelqu|graduate~|diplome~|nouvelle|nouveau|new|junior|student~|etudiant~",
            "room|place|spot|space|places on|in|at|dans|chez - your|the|votre|vos|l @unit",
            "place|places au sein de|d - votre|vos|l @unit",
            "room|place|spot|space * for|pour * me|moi|another|autre|other|graduate~|diplome~|new|junior|nouvelle|nouveau|someone|quelqu|analyst~|developer~|developpeu~|analyste~",
            "planning|plan|prevoyez|comptez|expect|intend * grow|expand|agrandir|add|adding|ajouter",
            "taking|take|bringing|bring|adding|add|engage~|embauche~|recrute~ * new|more|nouveau~|nouvelle~|du|des people|staff|personnel|monde|employees|employes|graduates|grads|diplomes|diplomees|hires",
            // Asking how to be hired there.
            "how|comment * i|je|me|m ** job|jobs|position|role|poste|emploi|hired|embauche|embauchee ** here|there|ici|chez|your|votre|vos",
            "how|comment to|- get|land|find|decrocher|obtenir|trouver * job|position|role|emploi|poste ** chez|ici|here|there|your|votre",
            "what would it take ** me|i ** hired|job",
            "faudrait * me|je ** embauche~|poste|emploi",
            "faudrait ** @entry ** votre|vos|l @unit",
            "me|m|i|je ** get|be|faire|sois|etre|getting hired|embaucher|embauche|embauchee",
            "help|aider * me|m ** find|get|land|trouver|obtenir|decrocher|entrer ** job|position|role|poste|emploi|something|quelque|work|travail|chez",
            "my|mon foot|pied in|dans the|la door|porte",
            "pied dans la porte chez",
            // Offering to join, now or whenever there is a chance.
            "joindre|rejoindre|integrer|joignais|joindrais|rejoignais|rejoindrais|integrais|integrerais a|- votre|vos|l @unit",
            "joined|joining your @unit",
            "vous|@unit cherchez|cherche|cherchent * - du|des|de|quelqu monde|personnel|employes|gens|candidats|candidates|un",
            "you|@unit * looking for anyone|someone|somebody|people|candidates|staff|talent",
            "applied|postule ** your|votre|vos|chez @unit|vous",
            "soumis|envoye|depose ma candidature",
            "submitted an|my application",
            "be|become part of it",
            "be|become part of your|the @unit",
            "chance|chances * i|je|me ** work|travaille|travailler|join|joindre",
            "work~|travailler at|for|with|dans|chez|pour|avec your|votre|vos|la|le @unit ** interest~|interesse~|attire|appeal~|plairait|dream|reve",
            "en faire partie",
            "come|venir work|travailler",
            "come on board|aboard",
            "pret|prete|partant|partante * embarquer",
            "take|bring|taking|bringing me on|aboard|onboard",
            "me prendre comme|pour",
            "available|disponible|ready|pret|prete * start|commencer|begin|poste|job|position",
            "start|commencer right away",
            "start|commencer immediately|immediatement",
            "commencer tout de suite",
            "commencer des maintenant",
            "need|besoin ** hand|hands|help|renfort|main * @unit",
            "interested|interesse|interessee * working|travailler for|at|with|pour|chez|avec|dans|in your|votre|vos|you|vous",
            "si|if|should|when|whenever|once|quand|lorsque * @job|place ** open|opens|opened|ouvre|ouvrait|libere|liberait|presente|presentait|affiche|available|disponible|comes|arise~|arose|posted|free",
            "si|if|should|when * occasion|chance|opportunit~|possibilit~ ** @unit",
            "anything|something * open|opens|opening|available",
            "quelque chose * ouvre|libere|disponible",
            "let me know ** @job",
            "faites moi signe ** @job",
            "touch|hesitate|contacter|reach ** @job",
            "@job ** let me know",
            "@job ** touch|hesitate|contacter|reach|signe",
            // The writer getting into their place of work.
            "@self * @entry ** into|in|at|for|with|to|dans|chez|pour|avec|a|au your|votre|vos|l @unit",
            "@self * @entry ** for|with|pour|avec|chez|through|par you|vous|your|votre",
            "help|aide * getting|get|entrer|for - into|in|dans your|votre|vos @unit",
            "hat in the ring",
            "tenter ma chance",
            "fit|place|room for|pour me|moi",
            "anything|something|chose ** suitable|suit|suits|conviendrait|conviendraient|convienne",
            "anything|something|chose for|pour me|moi $",
            "anything|something|chose for|pour someone|quelqu|une|un ** @background|graduate|diplome~",
            "eye|oeil|œil ** @job",
            "hireable|employable|embauchable",
            "trial basis|period",
            "a l essai",
            "whom|who|qui * contact|contacter|write|ecrire|talk|parler|speak ** employment|emploi|@job * at|chez|with|your|votre|vos",
            "ask|demander a - your|vos|votre|the @hirer",
            "link|lien to|pour apply|postuler",
            "apply|postuler through|par you|your|votre|vous",
            "leads|piste|pistes ** @job",
            "lead|leads|mener * to|a - a|an|un|une @job",
            "chance|opportunity|occasion ** contribute|contribuer|join|joindre|work|travailler",
            "contribute|contribuer|join|joindre|work|travailler ** si|if - the|l - occasion|chance|opportunity",
            "@unit * need|needs|besoin ** glad|happy|heureux|heureuse|ravi|ravie|available|disponible|help|aider",
            "any|des|upcoming|futurs|prochains contract|contracts|contrat|contrats|remplacements|remplacement|temp",
            "posting|affichage ** open|ouvert|still|encore",
            "heads|avertir|prevenir|notify|aviser|know ** when|quand|si|if ** @job|posts|affiche~",
            "first choice|premier choix|top of my list|tete de ma liste",
            "ready for a|the - next - move|challenge|step",
            "relever * defi|defis",
            "expression|declaration|manifestation of|d interest|interet",
            "any|a|your|vos|des|de|for|pour future|upcoming|prochain|prochains|prochaine|prochaines|futur|futurs @job|contract~|contrat~|cohort~|cohorte~",
            "know|dire|tell|let ** @boss ** interested|interesse|interessee",
            "considered|considere|consideree ** hired|hiring|hire|embauche~|recrut~|cohort~|cohorte",
            // Saying you are looking for a job is itself the ask.
            "i|im|m|am|my|currently|je|suis|ma|mon * job|jobs|emploi search~|searching|hunt~|recherche",
            "recherche d emploi",
            "recherche active",
            "between jobs",
            "entre deux emplois",
            "sans emploi",
            "need|want|besoin|veux|voudrais - a|an|un|une|d|du job|emploi|poste|jobs",
            "recherche|looking de|d|for - nouveaux|autres|new|other defis|challenges|opportunites|occasions",
            "consider~|considere~ ** for|pour - a|an|un|une|the|le|la|any @job|employment|work|emploi|travail",
            "offer|give|find me * @job|work|something",
            "m|me offrir|trouver|donner * @job|travail",
        ],
    },
    // One article closes the meeting with "I'm open to opportunities, feel
    // free to contact me"; the others say to leave any offer to them. The
    // app sides with them and says so where it flags the line (see
    // docs/ADVICE.md).
    AskRule {
        kind: AskKind::Job,
        words: |t| [t.asks_open_to_offers_topic(), t.asks_open_to_offers_why(), t.asks_open_to_offers_instead()],
        in_requests: true,
        in_questions: true,
        patterns: &[
            "open to - new|any - internship|job|work opportunities|offers|roles|positions",
            "open to internships|jobs",
            "ouvert|ouverte|ouverts|ouvertes|disponible|disponibles a|aux|pour - de|des - nouvelles|nouveaux occasions|opportunites|defis|offres|postes|stages",
            "contact|reach me ** good|strong|possible candidate|fit",
            "me contacter|joindre ** bon|bonne candidat|candidate|candidature",
            "if|si * think|pensez|croyez * i|je ** good|bon|bonne|strong candidate|candidat|candidate|fit",
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
            // Being put in touch with whoever hires.
            "@link ** @hirer",
            "who|qui * @hirer",
            "name|nom of|de|du - the|la|le|l|votre|your @hirer|@boss",
            "person|personne|people|whoever|quiconque|responsable|someone|quelqu * @hirer",
            "my|mon name|nom to|in|a|au|aupres|with ** @boss|@hirer|front",
            "recommend~|recommander~|flag|mention me|m ** @boss|@hirer",
            "me signaler|mentionner ** @boss|@hirer",
            "me recommander~ * au|a|aux|aupres ** @boss",
            // Support for an application, or a reference for one.
            "who|qui|could|would|pourriez|pouvez * send|envoyer|forward|suivre|transmettre ** application|candidature",
            "support|back|backing|endorse|vouch|flag|reference|appuyer|appuieriez|appuyez|soutenir|soutiendriez|appui|signaler|check|verifier ** application|applications|candidacy|candidature",
            "application|candidacy|candidature ** support|back|endorse|stands|status|word|mot|appui|appuyer|soutenir|statut|reference|garant",
            "ou en est ma|mon candidature|dossier",
            "as|comme a|une|- reference",
            "servir|etre|agir de|une|comme reference",
            "reference for|pour my|ma|mon",
            "vouch",
            "garant|garante",
            "put~ in a word",
            "glisser * mot",
            "mot en ma faveur",
            "in my favour|favor",
            "refer|referring me $",
            "me referer $",
            "nominate me",
            "referral|recommandation ** job|position|role|poste|emploi|chances",
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
            "get|gets|getting|got|secure|land|arrange|obtain|have|passer|avoir|obtenir|decrocher|organiser|organise|faire * interview|interviews|entrevue|entrevues|entretien",
            "shortlist",
            "liste restreinte",
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
            "envoie|envoyer|envoyez|joins|joint|joindre|deposer|depose|apporter|apporterai|apporte|remettre|remets|parvenir|suivre|circuler|conserver|include|included|including|drop|bring|circulate|get|attach ** my|mon|ma|mes|copies|copy|copie cv|resume|curriculum|of|de",
            "leave|laisser ** cv|resume|curriculum with|avec|pour|to|for|aupres",
            "cv|resume|curriculum below|ci dessous|annexe",
            "cv|resume|curriculum ** on file|en dossier|dans vos dossiers",
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
            "my|mon resume|cv|curriculum ** look|glance|critique|feedback|opinion|think|stand|stands|reads|read|revue|avis|pensez|oeil|œil|commentaires|retiendrait|demarque|attention",
            "look|glance|critique|go|going|oeil|œil|avis|commentaires|feedback|opinion ** my|mon resume|cv|curriculum",
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
            "pay|pays|paid|paie|paye|payent|paient|payant|payante ** well|enough|bills|good|bien|assez|decently|mieux",
            "payant|payante|payants|lucrative|lucratif",
            "combien * faites|ferais|ferait|fais",
            "paie|paye|payent|paient combien",
            "faites|fait|gagnez|gagne par annee|an|heure|mois",
            "money|argent ** good|bon|bonne|make|earn|gagne|bring|fait|faites",
            "what ** earn~",
            "ce que * vous gagnez",
            "starting pay",
            "hourly rate",
            "tarif horaire",
            "get|gets|getting paid",
            "combien ** payee|payees",
            "faire vivre une|sa|ma|leur famille",
            "vivre de|off ce|son|votre|this|that|the metier|travail|job|work",
            "make|earn a living",
            "gagner|gagne sa|ma|leur|votre vie",
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
            "what does|do your|the @org make|sell|produce|manufacture",
            "que produit|vend|fabrique|fait votre|vos|l @org",
            "who owns|runs|leads|heads|dirige|possede * your|the|votre @org",
            "proprietaire de votre|l @org",
            "how big|large is your|the @org",
            "taille de votre|l @org",
            "how many offices|locations|branches|stores|sites",
            "@org ** specializ~|specialis~|specialise",
            "combien de bureaux|succursales|magasins|sites",
            "what|which|quel|quelle * industry|sector|secteur|industrie ** @org",
        ],
    },
    AskRule {
        kind: AskKind::PeopleLikeMe,
        words: |t| [t.asks_people_like_me_topic(), t.asks_people_like_me_why(), t.asks_people_like_me_instead()],
        in_requests: true,
        in_questions: true,
        patterns: &[
            // "Like me" is an ask beside taking someone on, not beside
            // "what should someone like me read".
            "@taking ** like me|mine",
            "@taking ** comme moi",
            "@taking ** comme le|la mien|mienne",
            "want|wants|voudrait|voudriez|veut|voulez * someone|people|somebody|quelqu|gens|personne ** like|comme me|moi $",
            "@taking ** with|avec my|mon|mes|ma|un|a|une ** @background",
            "need|want|hire|take|use * someone|people with my @background",
            "i|je * good|bon|bonne fit|candidate|candidat|candidature",
            "fit for|pour your|votre|vos",
            "stand a chance",
            "une|a chance chez|ici|at|here",
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

/// Word classes, named in patterns as `@name`: one idea, both languages.
const CLASSES: &[(&str, &str)] = &[
    // Where someone works, as a person asking to join would name it.
    ("unit", "team|teams|company|companies|organisation|organization|firm|group|department|office|unit|agency|ministry|branch|shop|studio|lab|clinic|hospital|bank|equipe|equipes|entreprise|organisme|service|ministere|firme|direction|groupe|cabinet|bureau|unite|laboratoire|clinique|agence|boutique|atelier|hopital|succursale|compagnie|banque"),
    // An organisation as a whole, what its website describes.
    ("org", "company|organisation|organization|firm|agency|business|corporation|entreprise|organisme|firme|agence|compagnie|societe|cabinet"),
    // Whoever hires, and the hiring itself.
    ("hirer", "recruiter|recruiters|recruiting|recruitment|hiring|hires|hr|recrutement|recruteur|recruteuse|recruteurs|recrute|recrutent|embauche|embauchent|rh"),
    // A job, as a noun.
    ("job", "job|jobs|position|positions|role|roles|opening|openings|vacancy|vacancies|spot|poste|postes|emploi|emplois|ouverture|ouvertures"),
    // Asking to be connected to someone.
    ("link", "introduce|introduction|introducing|connect|touch|contact|contacts|coordonnees|details|meet|presenter|presentiez|presenteriez|relation|diriger|rencontrer"),
    // Wanting, taking or having room for someone.
    ("taking", "hire|hiring|hires|take|takes|taking|consider|need|needs|looking|room|place|fit|interested|chance|open|embauch~|engage~|prend~|cherchez|cherche|cherchent|interesse~|recrut~|accueillir|ouvert|ouverte"),
    // The writer, as the one who would act.
    ("self", "i|je|me|m|moi|love|want|hope|keen|eager|aimerais|voudrais|veux|souhaite|espere|essaie|trying|try"),
    // Getting into a place of work.
    ("entry", "join|joining|joindre|rejoindre|integrer|work|working|travailler|travaille|enter|entrer|break|percer|apply|applying|postuler|get|getting|start|commencer|move|fit"),
    // A person's background, skills and experience.
    ("background", "background|skills|skill|experience|profile|qualifications|profil|parcours|competences|formation|bagage|qualifications"),
    // Someone who could hire or decide.
    ("boss", "manager|boss|director|supervisor|panel|committee|patron|patronne|directeur|directrice|gestionnaire|superieur|superieure|comite|jury|recruiter|recruteur|recruteuse|hr|rh"),
];

/// Phrases that are never an ask, blanked before matching, so that "an
/// informational interview" or « un emploi du temps » cannot be read as
/// an interview or a job; "human resources" becomes "hr".
const FIXED_PHRASES: &[(&str, &str)] = &[
    ("informational interview~", ""),
    ("information interview~", ""),
    (
        "entretien|entretiens|entrevue|entrevues d information|admission",
        "",
    ),
    ("emploi du temps", ""),
    ("bureau de poste", ""),
    ("hiring freeze", ""),
    ("gel|gele * embauche~", ""),
    ("human resources", "hr"),
    ("ressources humaines", "rh"),
];

/// Folded words, sentence by sentence; web addresses are left out.
fn sentences(text: &str) -> Vec<Vec<String>> {
    join_initialisms(&fold(text))
        .split(['.', '?', '!', ';', '\n', '…'])
        .map(|sentence| without_fixed_phrases(tokens(sentence)))
        .filter(|words| !words.is_empty())
        .collect()
}

fn without_fixed_phrases(mut words: Vec<String>) -> Vec<String> {
    for (phrase, replacement) in FIXED_PHRASES {
        let phrase = parts(phrase);
        let mut start = 0;
        while start < words.len() {
            match matched_length(&phrase, &words[start..]) {
                Some(length) if length > 0 => {
                    words.splice(start..start + length, [replacement.to_string()]);
                }
                _ => {}
            }
            start += 1;
        }
    }
    words
}

fn word_matches(choice: &str, word: &str) -> bool {
    choice.split('|').filter(|o| *o != "-").any(|option| {
        if let Some(class) = option.strip_prefix('@') {
            return CLASSES
                .iter()
                .any(|(name, words)| *name == class && word_matches(words, word));
        }
        match option.strip_suffix('~') {
            Some(stem) => word.starts_with(stem),
            None => option == word,
        }
    })
}

/// How many words `pattern` (already split into parts) covers when it
/// matches at the start of `words`, if it does.
fn matched_length(parts: &[String], words: &[String]) -> Option<usize> {
    let Some((part, rest)) = parts.split_first() else {
        return Some(0);
    };
    let gap = match part.as_str() {
        "*" => Some(3),
        "**" => Some(8),
        "$" => return words.is_empty().then_some(0),
        _ => None,
    };
    if let Some(gap) = gap {
        return (0..=gap.min(words.len()))
            .find_map(|skip| matched_length(rest, &words[skip..]).map(|n| n + skip));
    }
    let optional = part.split('|').any(|option| option == "-");
    if optional {
        if let Some(length) = matched_length(rest, words) {
            return Some(length);
        }
    }
    let (word, after) = words.split_first()?;
    if word_matches(part, word) {
        matched_length(rest, after).map(|n| n + 1)
    } else {
        None
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

/// Words that turn what follows around: English, where "don't" is "don t"
/// (a "t" after a word in "n"; French « a-t-il » is a question, not a "no"),
/// and French (« ne », « n' » and « jamais » come before the verb; « pas »
/// mostly after it).
const NEGATIONS: [&str; 7] = ["not", "never", "no", "ne", "n", "jamais", "pas"];

fn is_negation(words: &[String], at: usize) -> bool {
    let word = words[at].as_str();
    NEGATIONS.contains(&word) || (word == "t" && at > 0 && words[at - 1].ends_with('n'))
}

/// Whether `pattern` matches in the sentence with no negation in the two
/// words before it or its own first three ("I'm not looking for work at
/// your firm").
fn sentence_matches(pattern: &str, words: &[String]) -> bool {
    let parts = parts(pattern);
    (0..words.len()).any(|start| {
        matched_length(&parts, &words[start..]).is_some_and(|length| {
            let end = (start + length.min(3)).min(words.len());
            !(start.saturating_sub(2)..end).any(|at| is_negation(words, at))
        })
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
    fn where_the_articles_disagree_the_flag_says_which_side_the_app_takes() {
        let close = "Thank you for your time. I'm open to opportunities for internships or jobs in this industry. Feel free to contact me if you think I may be a good candidate.";
        let flagged = asks_in(close, Setting::Question);
        assert!(flagged
            .iter()
            .any(|rule| rule.why().starts_with("One guide ends")));
        let review =
            "If you feel comfortable, and with no commitment at all, would you look at my resume?";
        assert!(asks_in(review, Setting::Question).is_empty());
        let in_a_request = asks_in(review, Setting::Request);
        assert!(in_a_request[0]
            .why()
            .contains("Near the end of a good meeting"));
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
