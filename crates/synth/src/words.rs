//! The domain word list and sentence templates: each category ordered from
//! most to least common, so Zipf-weighted draws give realistic word
//! frequencies. The `*_TAIL` templates carry the long tail instead: `{w}`
//! is one word of [`crate::lexicon`], `{ws}` a list of two to five, and
//! `{place}`, `{project}`, `{group}` and `{person}` (with `{role}`, the last
//! person's) name the case study's own cast ([`crate::plan::Cast`]).

#[rustfmt::skip]
pub(crate) const NOUNS: &[&str] = &[
    "service", "procurement", "recycling", "benefits", "contact centre", "council tax", "business rates", "payroll", "ICT",
    "back office", "staffing structure", "business case", "budget", "management team", "contract", "framework agreement",
    "waste collection", "customer services", "housing benefit", "legal services", "building control", "internal audit",
    "partnership agreement", "service level agreement", "workforce", "restructure", "accommodation", "telephony", "network",
    "financial system", "revenues system", "benefits system", "HR system", "document management", "workflow", "website",
    "data centre", "server estate", "software licences", "debt recovery", "fraud investigation", "treasury management",
    "accountancy", "asset management", "facilities management", "property portfolio", "office space", "depot",
    "vehicle fleet", "refuse vehicles", "garden waste", "food waste", "kerbside collection", "landfill tax", "waste disposal",
    "household waste sites", "materials recovery facility", "dry recyclables", "new claims", "change of circumstances",
    "collection rate", "arrears", "enforcement agents", "customer contact", "telephone calls", "face-to-face enquiries",
    "self-service", "online forms", "channel shift", "switchboard", "out-of-hours service", "licensing", "taxi licensing",
    "environmental health", "food safety", "noise complaints", "air quality", "contaminated land", "pest control",
    "trading standards", "CCTV", "lifeline", "emergency planning", "business continuity", "elections", "electoral registration",
    "democratic services", "committee administration", "scrutiny", "land charges", "street naming", "development control",
    "planning policy", "local development framework", "building regulations", "dangerous structures", "GIS",
    "libraries", "leisure centres", "museums", "tourism", "economic development", "regeneration", "highways",
    "parking enforcement", "concessionary fares", "school transport", "social care", "pensions", "welfare advice",
    "occupational health", "training", "learning and development", "recruitment", "job evaluation", "equal pay",
    "performance management", "risk management", "insurance", "health and safety", "information governance",
    "records management", "freedom of information", "printing", "post room", "reprographics", "purchasing cards",
    "supplier base", "tender", "specification", "options appraisal", "due diligence", "memorandum of understanding",
    "inter-authority agreement", "programme office", "change programme", "transformation programme", "TUPE transfer",
    "redundancy scheme", "pension strain", "consultation", "job descriptions", "pay scales", "terms and conditions",
    "street cleansing", "grounds maintenance", "fleet management", "bereavement services", "cemeteries", "crematorium",
    "markets", "car parks", "public conveniences", "fly-tipping", "graffiti removal", "abandoned vehicles", "dog warden service",
    "homelessness", "housing register", "private sector housing", "disabled facilities grants", "anti-social behaviour",
    "youth services", "sports development", "arts development", "visitor information", "audit committee",
    "section 151 role", "monitoring officer role", "chief executive post", "member development", "constitution",
    "scheme of delegation", "capital programme", "medium-term financial plan", "efficiency programme", "savings target",
    "cost model", "charging model", "recharge formula", "exit strategy", "governance framework", "risk register",
    "performance framework", "benchmarking club", "balanced scorecard", "customer charter", "service standards",
    "complaints procedure", "single point of contact", "one-stop shop", "mobile working", "flexible working",
    "hot-desking", "home working", "shared database", "common platform", "data migration", "system upgrade",
    "interface", "hosting arrangement", "disaster recovery", "helpdesk", "service desk", "asset register",
];

#[rustfmt::skip]
pub(crate) const ACTORS: &[&str] = &[
    "officers", "members", "staff", "managers", "the partners", "the joint committee", "the project board",
    "the chief executives", "the leaders", "the unions", "the shared management team", "the programme board",
    "finance directors", "portfolio holders", "cabinet members", "the section 151 officers", "service heads",
    "front-line staff", "the partner councils", "the lead authority", "the client team", "the contractor",
    "the scrutiny committee", "auditors", "the Audit Commission", "consultants", "the regional improvement and efficiency partnership",
    "trade union representatives", "the steering group", "the HR leads", "the ICT managers", "the monitoring officers",
    "the shared service manager", "team leaders", "elected members", "the joint board", "the operations board",
];

#[rustfmt::skip]
pub(crate) const ADJECTIVES: &[&str] = &[
    "shared", "joint", "single", "new", "integrated", "common", "existing", "combined", "separate", "consolidated",
    "standardised", "streamlined", "resilient", "efficient", "statutory", "local", "detailed", "formal", "clear",
    "strategic", "operational", "specialist", "legacy", "flexible", "lean", "transactional", "regional", "county-wide",
    "sub-regional", "duplicate", "discretionary", "generic", "robust", "sustainable", "affordable", "measurable",
    "realistic", "ambitious", "cautious", "phased", "incremental", "early", "initial", "informal", "consistent",
    "transparent", "accountable", "political", "cross-party", "professional", "customer-focused", "outcome-based",
    "evidence-based", "cost-effective", "front-line", "back-office", "multi-skilled", "mobile", "paperless", "modern",
    "fragmented", "dispersed", "unified", "interim", "permanent",
];

#[rustfmt::skip]
pub(crate) const VERBS_PAST: &[&str] = &[
    "agreed", "reduced", "delivered", "introduced", "reviewed", "merged", "combined", "improved", "approved",
    "streamlined", "standardised", "redesigned", "rationalised", "centralised", "relocated", "procured", "negotiated",
    "launched", "piloted", "tested", "evaluated", "benchmarked", "restructured", "transferred", "recruited", "trained",
    "consulted on", "supported", "strengthened", "protected", "maintained", "extended", "expanded", "simplified",
    "automated", "digitised", "integrated", "aligned", "harmonised", "renegotiated", "re-tendered", "pooled", "managed",
    "monitored", "tracked", "reported", "published", "challenged", "resolved", "secured", "identified", "prioritised",
    "scoped", "mapped", "modelled", "costed", "tackled", "overhauled", "replaced", "commissioned",
];

#[rustfmt::skip]
pub(crate) const VERBS_BASE: &[&str] = &[
    "share", "reduce", "improve", "deliver", "protect", "merge", "standardise", "redesign", "streamline", "integrate",
    "align", "harmonise", "automate", "simplify", "review", "procure", "manage", "support", "strengthen", "extend",
    "expand", "consolidate", "rationalise", "relocate", "retain", "recruit", "train", "engage", "consult on", "monitor",
    "measure", "benchmark", "challenge", "test", "agree", "secure", "sustain", "build", "develop", "plan", "fund",
    "cost", "map", "scope", "document",
];

#[rustfmt::skip]
pub(crate) const OUTCOMES: &[&str] = &[
    "savings", "efficiencies", "resilience", "capacity", "service quality", "performance", "value for money",
    "customer satisfaction", "economies of scale", "shared expertise", "career paths", "staff morale", "accountability",
    "local identity", "sovereignty", "political support", "trust", "buy-in", "cultural change", "cashable savings",
    "non-cashable benefits", "reduced duplication", "lower overheads", "faster processing", "better outcomes",
    "higher collection rates", "fewer complaints", "stronger governance", "clearer accountability", "purchasing power",
    "market leverage", "specialist skills", "succession planning", "flexibility", "continuity", "quality assurance",
    "compliance", "risk sharing", "investment", "innovation", "recycling rates", "response times",
];

#[rustfmt::skip]
pub(crate) const TIMES: &[&str] = &[
    "within the first year", "at the outset", "over three years", "from April", "during the transition", "early on",
    "in the first eighteen months", "by the end of the second year", "in the later phases", "before go-live",
    "after go-live", "over the life of the contract", "during consultation", "in the business case", "at each stage",
    "from day one", "over time", "in the longer term", "in the short term", "as the partnership matured",
    "in the pilot phase", "within budget", "ahead of schedule", "later than planned", "in phases",
];

#[rustfmt::skip]
pub(crate) const ADVERBS: &[&str] = &[
    "jointly", "carefully", "quickly", "gradually", "significantly", "largely", "steadily", "successfully", "deliberately",
    "consistently", "broadly", "substantially", "formally", "informally", "openly", "effectively", "initially",
    "eventually", "increasingly", "actively",
];

#[rustfmt::skip]
pub(crate) const CONNECTORS: &[&str] = &[
    "However,", "In addition,", "As a result,", "At the same time,", "In practice,", "For example,", "Over time,",
    "Initially,", "Importantly,", "Crucially,", "By contrast,", "Equally,", "Not surprisingly,", "In hindsight,",
];

#[rustfmt::skip]
pub(crate) const FREQUENCIES: &[&str] = &["monthly", "every six weeks", "quarterly", "fortnightly", "weekly", "twice a year"];

#[rustfmt::skip]
pub(crate) const NUMBER_WORDS: &[&str] = &["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"];

#[rustfmt::skip]
pub(crate) const APPROACH: &[&str] = &[
    "{partner} and {partner2} agreed to {vbase} their {noun} {time}.",
    "The {adj} {noun} was {vpast} by {actor} {time}.",
    "{actor} {vpast} {a_adj} business case for {function}, covering {noun} and {noun}.",
    "{a_adj} {noun} was set up, with {actor} responsible for {noun}.",
    "{actor} {adv} {vpast} the {noun} before any staff moved.",
    "The partners chose {a_adj} approach to {noun}, so that {outcome} could be {vpast} {time}.",
    "Each council kept its own {noun}, but {function} was {vpast} through {a_adj} {noun}.",
    "{partner} acted as host for the {adj} {noun}, and {actor} {vpast} the {noun}.",
    "The work covered {noun}, {noun} and {noun}.",
    "Staff transferred to {partner} {time}, and {actor} {vpast} {a_adj} {noun}.",
    "{actor} met {freq} to {vbase} the {noun} and {vbase} {outcome}.",
    "The programme ran in {nword} phases, starting with {noun} and moving on to {function}.",
    "{a_adj} {noun} set out how {outcome} would be shared between the partners.",
    "{actor} {vpast} the {noun} to {vbase} {outcome}.",
    "The first step was to {vbase} the {adj} {noun} in {partner} and {partner2}.",
    "A review of {function} in {year} found {adj} {noun} and {adj} {noun} across the councils.",
    "{actor} were {adv} involved in designing the {adj} {noun}.",
    "Rather than {vbase} everything at once, {actor} {vpast} {noun} first and {function} later.",
    "The {noun} was {vpast} under {a_adj} {noun}, overseen by {actor}.",
    "Costs are shared using {a_adj} {noun}, reviewed {freq} by {actor}.",
    "{partner} brought its {adj} {noun}, while {partner2} contributed {noun}.",
    "An external review of the {noun} {vpast} the case for {adj} {function}.",
];

#[rustfmt::skip]
pub(crate) const ACHIEVED: &[&str] = &[
    "The partnership has {vpast} {outcome} worth {money} a year.",
    "Collection rates for {noun} rose by {pct} {time}.",
    "Processing times for {noun} fell from {bigdays} days to {smalldays} days.",
    "{actor} report {adj} {outcome} and {adj} {outcome}.",
    "The {adj} {noun} has {vpast} {noun} across the partner councils.",
    "{nposts} posts were removed from the {noun}, mostly through vacancies and voluntary redundancy.",
    "Customer satisfaction with {noun} reached {highpct}.",
    "The {noun} has been {vpast} {time}, which has {vpast} {outcome}.",
    "{partner} now {vpresent} {noun} for {partner2} as well as for itself.",
    "Spending on {noun} is down by {pct} compared with {year}.",
    "The councils have {vpast} {outcome} without {adj} {noun}.",
    "{outcome} improved in {function}, according to {actor}.",
    "Savings of {money} were {vpast} in {year}, ahead of the {noun}.",
    "The {adj} {noun} handles {thousands} transactions a year for the partners.",
    "Sickness absence in the {adj} {noun} fell by {pct}.",
    "{actor} have {vpast} {outcome} by {vgerund} {noun}.",
    "The partners {vpast} {money} of {outcome} from the {noun}.",
    "{function} is now {adv} {vpast} across all the councils.",
];

#[rustfmt::skip]
pub(crate) const LEARNED: &[&str] = &[
    "{outcome} matters more than {outcome} in the early stages.",
    "It is essential to {vbase} the {noun} {time}.",
    "{actor} stressed the value of {a_adj} {noun}.",
    "Partners should {vbase} the {noun} before they {vbase} the {noun}.",
    "Without {adj} {outcome}, the {noun} would have {vpast} more slowly.",
    "{actor} found that {outcome} depends on {a_adj} {noun}.",
    "Do not underestimate the time needed to {vbase} {noun}.",
    "{outcome} and {outcome} have to be {vpast} {time}, not left until later.",
    "Sharing {function} works best where the councils already {vbase} {noun}.",
    "{a_adj} {noun} helps {actor} to {vbase} {outcome}.",
    "Political support for {function} must be {vpast} {time}.",
    "Communication with {actor} was {adv} more important than expected.",
    "The {noun} should be {vpast} before the {noun} is {vpast}.",
    "Keep the {noun} simple and {vbase} it {freq}.",
];

#[rustfmt::skip]
pub(crate) const LIST_INTROS: &[&str] = &[
    "The main workstreams were:",
    "The partners agreed a small set of principles:",
    "The business case set out the following:",
    "The project board tracked:",
];

#[rustfmt::skip]
pub(crate) const LEARNED_LIST_INTROS: &[&str] = &[
    "The partners would give the following advice:",
    "Looking back, the main lessons are:",
    "Officers highlighted the following points:",
];

#[rustfmt::skip]
pub(crate) const TITLE_FORMS: &[&str] = &[
    "{partners}: shared {function}",
    "{partners}: {function} partnership",
    "{partners} {function} service",
    "{partners}: joint {function}",
    "{region} {function} partnership",
    "{lead} {function} shared service",
];

#[rustfmt::skip]
pub(crate) const TAGS: &[&str] = &[
    "governance", "trust", "staff", "culture", "political-leadership", "business-case", "trading", "new-partners",
    "ict-integration", "tupe", "customer-focus", "resilience", "channel-shift", "accommodation", "sovereignty",
    "performance", "procurement-savings", "exit-arrangements",
];

#[rustfmt::skip]
pub(crate) const ROLES: &[&str] = &[
    "Head of Shared Services", "Chief Executive", "Director of Resources", "Head of Revenues and Benefits", "ICT Manager",
    "Head of Procurement", "Partnership Manager", "Head of Legal and Democratic Services", "Head of Finance",
    "Strategic Director", "Head of Customer Services", "Waste Services Manager", "Programme Manager",
];

#[rustfmt::skip]
pub(crate) const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
];

#[rustfmt::skip]
pub(crate) const APPROACH_TAIL: &[&str] = &[
    "Early workshops in {place} covered {ws}.",
    "{project} grew out of earlier work on {w} and {w} in {place}.",
    "{person}, {role}, described the aim as {w} {w} without {w}.",
    "Residents in {place} and {place2} had raised {ws} long before the talks began.",
    "A note to the board listed {ws} as open questions.",
    "Staff from {place} visited {group} to learn about {w} and {w}.",
    "{project} borrowed ideas on {w} from a scheme in {place}.",
    "Much of the first year went on {ws}.",
    "{person} recalls that {w} and {w} took longer than anyone expected.",
    "Visits to {place} showed how {w} {w} could work in practice.",
    "{group} asked for {w} and {w} to be part of the plan.",
    "Drafts of the plan went through {w}, {w} and several rounds of {w}.",
    "{project} began with a study of {w} and the {w} of {w}.",
];

#[rustfmt::skip]
pub(crate) const ACHIEVED_TAIL: &[&str] = &[
    "In {place}, {project} is credited with {w} and {w}.",
    "Feedback from {place} mentions {ws}.",
    "{person}, {role}, points to {w} {w} as the clearest change.",
    "Local papers in {place} covered the {w} and the {w}.",
    "{project} has since been asked to advise on {w} and {w}.",
    "{group} reports less {w} and more {w}.",
    "Figures for {place} show {w} down and {w} up.",
    "Visitors from {place} have come to see the {w} and the {w} {w}.",
    "Alongside the money, the work in {place} brought {ws}.",
    "{person} describes the results as {w} but {w}.",
    "Work with {group} has led to {ws}.",
];

#[rustfmt::skip]
pub(crate) const LEARNED_TAIL: &[&str] = &[
    "{person} would now start with {w} and leave {w} until later.",
    "Looking back, {w} mattered more than {w} or {w}.",
    "Anyone planning something similar should ask early about {ws}.",
    "The team in {place} learned to treat {w} as part of {w}.",
    "What surprised {person} most was the {w} of {w}.",
    "{group} would have liked more {w} and less {w}.",
    "In {place}, {w} and {w} turned out to matter most.",
    "{person}, {role}, advises others to plan for {ws}.",
    "Nobody expected {project} to depend so much on {w} and {w}.",
];

/// How a summary describes each delivery model (the last for any other).
#[rustfmt::skip]
pub(crate) const MODEL_PHRASES: &[(&str, &str)] = &[
    ("joint-working", "working together while each keeps its own staff"),
    ("lead-authority", "with one council delivering the service for the others"),
    ("joint-committee", "overseen by a joint committee of members from each council"),
    ("shared-management", "under a single shared management team"),
    ("company", "through a company they jointly own"),
    ("joint-venture", "through a joint venture with a private partner"),
    ("", "through a jointly procured contract"),
];

/// Sentences a summary may end with.
#[rustfmt::skip]
pub(crate) const SUMMARY_ENDINGS: &[&str] = &[
    " The arrangement has protected front-line services while reducing costs.",
    " Savings came mainly from fewer management posts and a single ICT system.",
    " The partners expect further savings as more services join.",
    " Resilience and shared expertise mattered as much as savings.",
];
