//! The labelled corpus the ask filters are measured on: requests and
//! meeting questions written from the articles' advice and from the ways
//! people really phrase them, veiled asks and innocent look-alikes included.
//! `true` means the text makes an ask that informational interviews avoid.

use super::asks::{asks_in, Setting};

pub const REQUESTS: &[(&str, bool)] = &[
    // Plain and veiled job asks.
    ("Hi Ana, I'm a recent graduate. Are you hiring at the moment? I'd love 15 minutes of your time.", true),
    ("Is your team recruiting this spring? I would be glad to meet for a coffee.", true),
    ("I'm looking for a job in urban planning and wondered if we could meet.", true),
    ("I am currently looking for new opportunities and would love to join a team like yours.", true),
    ("Please keep me in mind if anything opens up on your team.", true),
    ("If a position opens in your unit, I would be grateful to hear about it.", true),
    ("Could you let me know if any roles open up at Shopify?", true),
    ("Do you have any openings for junior analysts?", true),
    ("Are there any vacancies in your department right now?", true),
    ("I would love to work for your company one day, could we talk about how to get there?", true),
    ("Would you consider hiring me for the summer?", true),
    ("Could you help me get an interview with your team?", true),
    ("Would you be able to recommend me for a position in your branch?", true),
    ("Could you refer me for the data analyst posting I saw last week?", true),
    ("I was hoping you could put in a good word for me with your manager.", true),
    ("Would you pass my résumé along to the hiring manager?", true),
    ("I have attached my CV in case there is a fit on your team.", true),
    ("My résumé is attached; I would appreciate any feedback.", true),
    ("Could you look over my resume before I apply?", true),
    ("Would you be willing to review my CV and tell me what is missing?", true),
    ("I'm open to new opportunities and would love to hear if your team needs help.", true),
    ("I'd be grateful if you could think of me for any upcoming roles.", true),
    ("Is there any chance of an internal referral for the policy analyst role?", true),
    ("I am applying for the communications position at your agency and would love to chat first.", true),
    ("Could I apply to your team directly, or should I go through HR?", true),
    ("I am seeking new employment in the non-profit sector and hoped we could meet.", true),
    ("Would it be possible to be interviewed for the coordinator opening?", true),
    ("I would love the opportunity to interview for a role on your team.", true),
    ("What is the salary range for a junior designer at your firm?", true),
    ("I'd also love to know how much someone in your role earns.", true),
    ("Could you tell me whether the job pays well enough to live in Toronto?", true),
    ("Is your organization looking for people like me?", true),
    ("Would your team consider someone with my background?", true),
    ("I am hoping to land a job at your company and would value your advice.", true),
    ("Could you forward my CV to your recruiter?", true),
    ("Please share my resume with your team lead if you think it fits.", true),
    ("Do you know of any job openings in your area?", true),
    ("Let me know about any positions that might suit me.", true),
    ("I'm searching for a new role and your company is at the top of my list.", true),
    ("Could you give me a referral for the opening on your team?", true),
    ("I would be thrilled to join your team if there is ever room.", true),
    ("Maybe you could put my name forward for the next intake?", true),
    ("Are you by any chance hiring data analysts?", true),
    ("Would you keep me posted about openings in your group?", true),
    ("I'm eager to work with your organization and would love to hear about openings.", true),
    ("Could I send you my résumé so you can pass it on to the right person?", true),
    ("Would you refer me to the hiring manager for the analyst role?", true),
    ("I'm enclosing my resume for your consideration.", true),
    ("I'd love to hear whether your department has any positions available.", true),
    ("Are there roles open on your team for someone with my experience?", true),
    ("Hi Dev, I'd like to discuss how much analysts make in your sector.", true),
    ("Is anyone at your company hiring for UX roles?", true),
    ("Could you help me land an interview at the ministry?", true),
    ("I would like to get a job at your organisation; what would you advise?", true),
    // Honest requests, including the words that used to trip the old check.
    ("Hi Ana, Ben Okafor suggested I reach out. Would you be open to a 15-minute coffee to hear about your path into policy?", false),
    ("I saw your talk at the Civic Tech meetup and would love to learn how you moved from research into product.", false),
    ("I work at Ontario Employment Services and am exploring a move into data analysis. Could we talk for 15 minutes?", false),
    ("Employment and Social Development Canada published your report, and I had a few questions about it.", false),
    ("During my internship at the City of Ottawa I read your article on transit planning.", false),
    ("I am hoping to apply my accounting experience to environmental reporting and would value your perspective.", false),
    ("I'm researching job design in hospital teams and would love to hear how your unit organises shifts.", false),
    ("If you think of anyone else I should talk to, could you refer me to a colleague?", false),
    ("Would you be open to a short informational interview next week?", false),
    ("I am a second-year student exploring careers in public health. Would you have 10 minutes for a call?", false),
    ("My professor, Dr. Roy, mentioned your work on housing policy. Could we meet for a coffee?", false),
    ("I'm not looking for a job; I just want to understand what a typical day is like for a UX researcher.", false),
    ("We are both University of Waterloo alumni, and I would love to hear how you chose your specialty.", false),
    ("Would you be available for a 15-minute call in the next couple of weeks? I'm happy to work around your schedule.", false),
    ("I read your post about moving from teaching into instructional design. What helped most?", false),
    ("I'd love to learn how you apply behavioural insights in your daily work.", false),
    ("I am studying employment law and would be grateful for your view on the field.", false),
    ("I'm exploring whether to apply to a master's program in planning, and your path caught my eye.", false),
    ("My internship ends in April and I'm trying to understand the different roles in communications.", false),
    ("Could I buy you a coffee and ask a few questions about your work at the foundation?", false),
    ("I noticed your team's hiring freeze in the news and would love to understand how the department is changing.", false),
    ("I'm curious how your team approaches hiring for diversity, as I'm researching inclusive workplaces.", false),
    ("If something comes up and you need to reschedule, no problem at all.", false),
    ("Would you be open to a call? I'd love to hear what you wish you had known when you started.", false),
    ("Jane Park thought you'd be a great person to ask about working in municipal government.", false),
    ("Your article on job satisfaction in nursing resonated with me. Could we talk?", false),
    ("I'm an engineer new to Canada and would value 15 minutes to hear how you had your credentials recognised.", false),
    ("Could you recommend anyone else I should speak with about careers in sustainability?", false),
    ("Who else would you suggest I talk to about this field?", false),
    ("I'd love to hear how you found your first role in this field.", false),
    ("I'm trying to understand what skills matter most for analysts, and your career path is inspiring.", false),
    ("We met briefly at the CPA networking night; would you have time for a coffee?", false),
    ("I'm a career changer from retail management, exploring supply chain work. Could we talk for 15 minutes?", false),
    ("I'll gladly come to your office or meet wherever is easiest for you.", false),
    ("Your podcast episode on open data made me want to learn more about your team's projects.", false),
    ("I would value your advice on which certifications are worth the effort in this field.", false),
    ("I'm writing a paper on remote work and would like to interview you about your team's experience.", false),
    ("I would love to hear what it is like working for your organisation day to day.", false),
    ("Could you tell me how people usually get started in this profession?", false),
    ("What does the path from junior analyst to manager usually look like?", false),
    ("I'd be happy to share what I learn from my research in return.", false),
    ("I know your time is valuable, so 10 minutes would be more than enough.", false),
    ("Would Tuesday or Thursday afternoon work for a short call?", false),
    ("Thank you for considering it; I look forward to hearing from you.", false),
    ("I'm a member of the Ontario Planners group too, and your panel talk stayed with me.", false),
    ("I'm curious how you moved from an internship into a permanent role; that's the part I don't understand yet.", false),
    ("Could we meet at the café near your office? I'll pay for the coffee.", false),
    ("The application of machine learning to fraud detection is what I want to understand better.", false),
    ("I am exploring the field and would love to hear what drew you to employment counselling.", false),
    ("Would you be willing to share what a typical week looks like in your role?", false),
    ("I'm not asking for a position, only for your perspective on the industry.", false),
    ("My mentor at the employment centre suggested I talk with people who do this work.", false),
    ("Would it be all right if I took a few notes while we talk?", false),
    ("I'd love to know which conferences or associations you would recommend for someone new to the field.", false),
];

pub const QUESTIONS: &[(&str, bool)] = &[
    // Questions the articles say to leave out, and their variants.
    (
        "How much does a person with your education and experience earn?",
        true,
    ),
    ("How do I get a job here?", true),
    ("Would you take my resume to your boss?", true),
    ("What type of services, goods or work do you do here?", true),
    ("Is your organization looking for people like me?", true),
    ("What's the salary for this position?", true),
    ("How much do you make in a year, roughly?", true),
    ("Is the job well paid?", true),
    ("What does the role pay?", true),
    ("Are you hiring right now?", true),
    ("Does your team have any openings?", true),
    ("Could you refer me for a job on your team?", true),
    ("Would you recommend me for the next opening?", true),
    ("Can you help me get an interview here?", true),
    ("What does your company do?", true),
    ("How many employees work at your company?", true),
    ("When was the organisation founded?", true),
    ("Where is your head office?", true),
    ("Would your team hire someone with my background?", true),
    ("Could I pass my CV to your manager?", true),
    ("What kind of products does your firm sell?", true),
    ("What's the pay range for analysts?", true),
    // Questions the articles recommend, including look-alikes.
    (
        "What is the best way to apply for jobs in this profession?",
        false,
    ),
    ("Who else could you refer me to?", false),
    (
        "What do you see as the major trends in this industry?",
        false,
    ),
    (
        "What would be your advice for someone trying to get into this field?",
        false,
    ),
    (
        "Is there any specific training, certification or experience you suggest?",
        false,
    ),
    (
        "Do employers here prefer graduates of particular schools or programs?",
        false,
    ),
    (
        "What are the most important conferences, events or associations to join?",
        false,
    ),
    (
        "If you feel comfortable, would you look at my resume and tell me what is missing?",
        false,
    ),
    ("What does a typical day look like for you?", false),
    ("What kind of work do you enjoy most?", false),
    (
        "What do you pay the most attention to when you start a project?",
        false,
    ),
    ("How did you find your first job in this field?", false),
    ("What is it like working for your organisation?", false),
    ("How does your team approach hiring for new roles?", false),
    ("What surprised you most when you started here?", false),
    (
        "What skills would you build first if you were starting today?",
        false,
    ),
    (
        "How do people usually move from an internship into a permanent role?",
        false,
    ),
    ("Which parts of your job would you gladly give away?", false),
    (
        "How has the pandemic changed the way your team works?",
        false,
    ),
    (
        "How do you apply your engineering background in this role?",
        false,
    ),
    (
        "How did you get your credentials recognised in Canada?",
        false,
    ),
    (
        "What do you wish you had known about this profession five years ago?",
        false,
    ),
];

/// The same kinds of requests written in French, as a francophone job
/// seeker writes them, with the French traps: « poste » as in the post
/// office, « emploi du temps » (a schedule), « CV » inside a longer word,
/// an informational « entretien », and the negations around the verb.
pub const FRENCH_REQUESTS: &[(&str, bool)] = &[
    ("Bonjour Mme Roy, êtes-vous en train de recruter ? J'aimerais vous parler 15 minutes.", true),
    ("Est-ce que vous embauchez des analystes cet automne ?", true),
    ("Votre équipe recrute-t-elle présentement ?", true),
    ("Avez-vous un poste pour une diplômée en urbanisme ?", true),
    ("Auriez-vous des ouvertures dans votre service ?", true),
    ("Y a-t-il des postes ouverts dans votre direction ?", true),
    ("Y a-t-il actuellement des offres d'emploi chez Desjardins ?", true),
    ("Je suis à la recherche d'un emploi en communication et j'aimerais vous rencontrer.", true),
    ("Je cherche un nouveau poste et votre entreprise est en tête de ma liste.", true),
    ("Pourriez-vous me garder en tête si un poste se libère ?", true),
    ("Si un poste s'ouvre dans votre équipe, pourriez-vous penser à moi ?", true),
    ("Je rêve de travailler chez vous depuis longtemps.", true),
    ("J'aimerais beaucoup faire partie de votre équipe.", true),
    ("Serait-il possible de rejoindre votre équipe cet été ?", true),
    ("Je compte postuler au poste d'analyste affiché la semaine dernière.", true),
    ("Je suis ouverte à de nouvelles opportunités et j'aimerais en discuter.", true),
    ("Pourriez-vous me recommander pour le poste de coordonnatrice ?", true),
    ("Accepteriez-vous de me recommander à la recruteuse de votre équipe ?", true),
    ("Pourriez-vous glisser un bon mot pour moi auprès de votre gestionnaire ?", true),
    ("Seriez-vous prête à soumettre ma candidature à l'interne ?", true),
    ("Pourriez-vous m'aider à obtenir une entrevue avec votre équipe ?", true),
    ("J'espère décrocher un entretien d'embauche chez Hydro-Québec.", true),
    ("Pourriez-vous transmettre mon CV à votre gestionnaire ?", true),
    ("Vous trouverez ci-joint mon curriculum vitae.", true),
    ("Mon CV est en pièce jointe, au cas où.", true),
    ("Pourriez-vous jeter un coup d'œil à mon CV avant que je postule ?", true),
    ("J'aimerais avoir vos commentaires sur mon CV.", true),
    ("Quel est le salaire d'un analyste débutant chez vous ?", true),
    ("J'aimerais savoir combien gagne une designer dans votre domaine.", true),
    ("Quelle est l'échelle salariale pour ce type de poste ?", true),
    ("Cherchez-vous des gens comme moi dans votre équipe ?", true),
    ("Votre organisation embauche-t-elle des personnes avec mon profil ?", true),
    ("Pourriez-vous me tenir au courant des postes ouverts dans votre groupe ?", true),
    // Innocent look-alikes.
    ("Bonjour M. Tremblay, Ana Silva m'a suggéré de vous écrire. Auriez-vous 15 minutes pour un café ?", false),
    ("J'ai lu votre article sur la mobilité durable et j'aimerais en apprendre davantage sur votre parcours.", false),
    ("Accepteriez-vous un court entretien d'information par téléphone ?", false),
    ("Je ne cherche pas d'emploi : je veux seulement comprendre votre métier.", false),
    ("Je ne suis pas à la recherche d'un poste pour l'instant, seulement de conseils.", false),
    ("Avez-vous un emploi du temps chargé cette semaine ? Je peux m'adapter.", false),
    ("Je vous ai envoyé une carte par la poste pour vous remercier.", false),
    ("Y a-t-il un bureau de poste près de votre bureau, pour notre rencontre ?", false),
    ("Qu'est-ce qui vous plaît le plus dans votre poste actuel ?", false),
    ("Votre présentation sur les données ouvertes m'a beaucoup appris.", false),
    ("Je termine un certificat en analyse de données à l'Université d'Ottawa.", false),
    ("Seriez-vous disponible pour un appel de 15 minutes la semaine prochaine ?", false),
    ("Nous sommes tous les deux membres de l'Association des urbanistes.", false),
    ("J'ai entendu votre balado sur la transition énergétique.", false),
    ("J'aimerais comprendre comment vous êtes passé de la recherche au privé.", false),
    ("Je cherche à comprendre votre travail au quotidien.", false),
    ("Quels conseils donneriez-vous à quelqu'un qui débute ?", false),
    ("Le projet CVX de votre équipe m'a impressionnée.", false),
    ("Je serais ravie de vous offrir un café près de votre bureau.", false),
    ("Pourriez-vous me recommander une personne à qui parler de ce domaine ?", false),
    ("Quelles compétences comptent le plus dans votre domaine ?", false),
    ("Je suis une nouvelle arrivante et je veux comprendre le marché québécois.", false),
    ("Votre parcours, de l'ingénierie à la gestion de projet, m'inspire.", false),
    ("Pas de souci si vous manquez de temps ce mois-ci.", false),
    ("Merci d'avance pour votre temps et vos conseils.", false),
    ("Qu'est-ce que vous auriez aimé savoir à vos débuts ?", false),
    ("Comment avez-vous postulé à votre premier poste, à l'époque ?", false),
    ("Je serais heureuse d'entendre votre point de vue sur le secteur public.", false),
    ("Auriez-vous un moment pour un appel vidéo, à votre convenance ?", false),
    ("Votre conférence au Salon du numérique m'a donné envie de vous écrire.", false),
    ("Je suis diplômée de la même école que vous.", false),
    ("Qu'est-ce qui vous a amenée à travailler chez Ubisoft ?", false),
    ("Quel est votre emploi du temps type ?", false),
];

/// Meeting questions in French.
pub const FRENCH_QUESTIONS: &[(&str, bool)] = &[
    ("Embauchez-vous des stagiaires cet été ?", true),
    (
        "Avez-vous des postes ouverts pour quelqu'un comme moi ?",
        true,
    ),
    ("Pourriez-vous transmettre mon CV à votre équipe ?", true),
    ("Combien gagnez-vous par année ?", true),
    ("Quelle est la fourchette de salaire pour ce poste ?", true),
    ("Que fait votre entreprise exactement ?", true),
    ("Combien d'employés travaillent chez vous ?", true),
    ("Quand votre organisme a-t-il été fondé ?", true),
    ("Qui est le PDG de votre entreprise ?", true),
    ("Où se trouve votre siège social ?", true),
    ("Pourriez-vous me recommander pour une entrevue ?", true),
    ("Quels services offrez-vous à vos clients ?", true),
    // Questions worth asking.
    ("À quoi ressemble une journée type pour vous ?", false),
    ("Comment êtes-vous arrivée dans ce domaine ?", false),
    ("Qu'est-ce qui vous plaît le plus dans votre poste ?", false),
    (
        "Qu'est-ce qui vous a surprise en arrivant chez Desjardins ?",
        false,
    ),
    (
        "Quelles compétences devrais-je développer en premier ?",
        false,
    ),
    ("Qui d'autre me conseilleriez-vous de rencontrer ?", false),
    (
        "Quels défis votre équipe rencontre-t-elle cette année ?",
        false,
    ),
    (
        "Comment votre rôle a-t-il changé depuis vos débuts ?",
        false,
    ),
    ("Quel conseil auriez-vous aimé recevoir à mon âge ?", false),
    (
        "Comment se déroule le travail avec les autres services ?",
        false,
    ),
    (
        "Qu'est-ce que je devrais garder en tête en changeant de carrière ?",
        false,
    ),
    ("Avez-vous aimé votre premier poste ?", false),
    ("Quel est votre emploi du temps type ?", false),
    (
        "Quelles ressources me recommanderiez-vous pour apprendre ?",
        false,
    ),
    (
        "Comment les nouveaux arrivants percent-ils dans ce milieu ?",
        false,
    ),
    ("Quelle formation recommandez-vous pour ce métier ?", false),
    (
        "Comment se passe la collaboration avec la direction ?",
        false,
    ),
];

fn measure(corpus: &[(&str, bool)], setting: Setting) -> (f64, f64, Vec<String>) {
    let mut caught = 0;
    let mut asks = 0;
    let mut false_alarms = 0;
    let mut honest = 0;
    let mut wrong = Vec::new();
    for (text, is_ask) in corpus {
        let flagged = !asks_in(text, setting).is_empty();
        if *is_ask {
            asks += 1;
            caught += usize::from(flagged);
        } else {
            honest += 1;
            false_alarms += usize::from(flagged);
        }
        if flagged != *is_ask {
            wrong.push(format!(
                "{}: {text}",
                if *is_ask { "missed" } else { "false alarm" }
            ));
        }
    }
    (
        caught as f64 / asks as f64,
        false_alarms as f64 / honest as f64,
        wrong,
    )
}

#[test]
fn the_corpus_is_big_enough_and_balanced() {
    assert!(REQUESTS.len() >= 100);
    assert!(QUESTIONS.len() >= 40);
    assert!(FRENCH_REQUESTS.len() >= 60);
    assert!(FRENCH_QUESTIONS.len() >= 25);
    for corpus in [REQUESTS, QUESTIONS, FRENCH_REQUESTS, FRENCH_QUESTIONS] {
        let asks = corpus.iter().filter(|(_, ask)| *ask).count();
        assert!(asks * 3 >= corpus.len() && asks * 3 <= corpus.len() * 2);
    }
}

/// Every ask caught, at most one false alarm in twenty.
fn holds_to_the_bar(name: &str, corpus: &[(&str, bool)], setting: Setting) {
    let (recall, false_alarms, wrong) = measure(corpus, setting);
    println!("{name}: recall {recall:.3}, false alarms {false_alarms:.3}");
    assert!(recall >= 0.95, "{name} recall {recall:.3}: {wrong:#?}");
    assert!(
        false_alarms <= 0.05,
        "{name} false alarms {false_alarms:.3}: {wrong:#?}"
    );
}

#[test]
fn requests_recall_at_least_95_percent_with_at_most_5_percent_false_alarms() {
    holds_to_the_bar("requests", REQUESTS, Setting::Request);
}

#[test]
fn questions_recall_at_least_95_percent_with_at_most_5_percent_false_alarms() {
    holds_to_the_bar("questions", QUESTIONS, Setting::Question);
}

#[test]
fn french_requests_recall_at_least_95_percent_with_at_most_5_percent_false_alarms() {
    holds_to_the_bar("French requests", FRENCH_REQUESTS, Setting::Request);
}

#[test]
fn french_questions_recall_at_least_95_percent_with_at_most_5_percent_false_alarms() {
    holds_to_the_bar("French questions", FRENCH_QUESTIONS, Setting::Question);
}
