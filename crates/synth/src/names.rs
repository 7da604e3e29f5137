//! Invented and real names for the people, places, projects and local
//! groups a case study mentions: real case studies are full of names that
//! occur in one or two of them, and the index should see that.
//!
//! Places are made of English place-name elements ("Ash" + "ing" + "ton"),
//! or Welsh ones for councils in Wales, and surnames of surname elements,
//! each element drawn with Zipf weights: tens of thousands of possible
//! names, a few of them common. Names that happen to be real places are
//! fine; the partners themselves stay the real councils of
//! [`crate::organisations`], since an invented partner name one letter from
//! a register name would be (rightly) warned about.

use crate::lexicon::lexicon;
use crate::rng::Rng;
use crate::text::capitalise;
use crate::words::ROLES;

/// A person a case study names: a contact, or someone quoted in the text.
pub(crate) struct Person {
    pub(crate) first: &'static str,
    pub(crate) last: String,
    pub(crate) role: &'static str,
    /// Index into the case study's councils.
    pub(crate) org: usize,
}

impl Person {
    pub(crate) fn name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

/// A person with a role at one of `councils` councils.
pub(crate) fn person(rng: &mut Rng, councils: usize) -> Person {
    let first = rng.zipf_pick(FIRST_NAMES);
    // Three in five surnames are common real ones; the rest are invented,
    // as rarer real surnames are to a word list.
    let last = if rng.chance(60) {
        rng.zipf_pick(SURNAMES).to_owned()
    } else {
        format!(
            "{}{}",
            rng.zipf_pick(SURNAME_HEADS),
            rng.zipf_pick(SURNAME_TAILS)
        )
    };
    Person {
        first,
        last,
        role: rng.zipf_pick(ROLES),
        org: rng.below(councils.max(1)),
    }
}

/// An invented town or village.
pub(crate) fn place(rng: &mut Rng, welsh: bool) -> String {
    let (heads, middles, tails) = if welsh {
        (WELSH_HEADS, WELSH_MIDDLES, WELSH_TAILS)
    } else {
        (PLACE_HEADS, PLACE_MIDDLES, PLACE_TAILS)
    };
    let head = rng.zipf_pick(heads);
    let middle = rng.zipf_pick(middles);
    let tail = rng.zipf_pick(tails);
    // "Ash" + "" + "ton", lower-case after the first letter.
    format!("{head}{middle}{tail}")
}

/// A named project or initiative: "the Kelbury Pathfinder", "Project
/// Tavora", "the Lantern Initiative".
pub(crate) fn project(rng: &mut Rng, places: &[String]) -> String {
    let kind = rng.zipf_pick(PROJECT_KINDS);
    match rng.below(10) {
        0..=3 if !places.is_empty() => format!("{} {kind}", rng.pick(places)),
        0..=6 => format!(
            "Project {}{}{}",
            rng.zipf_pick(CODE_HEADS),
            rng.zipf_pick(CODE_MIDDLES),
            rng.zipf_pick(CODE_TAILS)
        ),
        _ => format!("{} {kind}", capitalise(lexicon().word(rng))),
    }
}

/// A local group: "the Ashcombe Community Trust".
pub(crate) fn group(rng: &mut Rng, places: &[String]) -> String {
    let kind = rng.zipf_pick(GROUP_KINDS);
    match places {
        [] => format!("{} {kind}", capitalise(lexicon().word(rng))),
        _ => format!("{} {kind}", rng.pick(places)),
    }
}

/// What a project is called after its name; their words are domain words
/// (see [`crate::lexicon`]).
#[rustfmt::skip]
pub(crate) const PROJECT_KINDS: &[&str] = &[
    "Initiative", "Project", "Pathfinder", "Hub", "Pilot", "Scheme", "Network", "Compact", "Alliance",
    "Exchange", "Collaborative", "Challenge", "Accord", "Gateway", "Forum",
];

/// What a local group is called after its place.
#[rustfmt::skip]
pub(crate) const GROUP_KINDS: &[&str] = &[
    "Community Trust", "Residents' Association", "Development Trust", "Credit Union", "Volunteer Centre",
    "Chamber of Commerce", "Civic Society", "Youth Forum", "Food Bank", "Rural Network", "Business Forum",
    "Tenants' Federation", "Carers' Network", "Heritage Society", "Allotment Society",
];

/// Given names, roughly most common first among people in local
/// government at the time.
#[rustfmt::skip]
pub(crate) const FIRST_NAMES: &[&str] = &[
    "David", "John", "Sarah", "Paul", "Andrew", "Helen", "Mark", "Karen", "Peter", "Susan", "Richard",
    "Claire", "Michael", "Julie", "Stephen", "Jane", "Ian", "Alison", "Martin", "Nicola", "Simon",
    "Rachel", "Neil", "Fiona", "Graham", "Deborah", "Kevin", "Catherine", "Gareth", "Emma", "Steven",
    "Lisa", "Christopher", "Joanne", "Robert", "Angela", "Philip", "Elizabeth", "Anthony", "Louise",
    "James", "Sharon", "Gary", "Tracey", "Tony", "Amanda", "Nigel", "Gillian", "Keith", "Jacqueline",
    "Colin", "Lynne", "Alan", "Ruth", "Brian", "Caroline", "Matthew", "Samantha", "Jonathan", "Wendy",
    "Duncan", "Jill", "Chris", "Kate", "Adrian", "Lesley", "Rhian", "Siân", "Dafydd", "Huw", "Owain",
    "Eleri", "Carys", "Iwan", "Bethan", "Gwyn", "Priya", "Imran", "Sunita", "Asif", "Rajesh", "Nadia",
    "Mohammed", "Ayesha", "Sanjay", "Farah", "Tom", "Ben", "Hannah", "Laura", "Daniel", "Sophie",
    "Rebecca", "Jessica", "Lucy", "Oliver", "Charlotte", "Adam", "Victoria", "Rosemary", "Margaret",
    "Patricia", "Geoffrey", "Malcolm", "Derek", "Trevor", "Barry", "Hugh", "Moira", "Iona", "Ewan",
    "Callum", "Bronwen", "Eileen", "Maureen", "Declan", "Siobhan", "Aidan", "Niamh", "Kwame", "Chidi",
    "Grace", "Joy", "Tendai", "Marek", "Agnieszka", "Tomasz", "Zoe", "Rupert", "Harriet", "Felix",
];

/// Common surnames in England and Wales, roughly most common first.
#[rustfmt::skip]
pub(crate) const SURNAMES: &[&str] = &[
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
    "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
    "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
    "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
    "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell",
    "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller",
    "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum",
    "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt",
    "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd",
    "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey", "Graham",
    "Pearson", "Ahmed", "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews", "Stewart", "Elliott",
    "Reynolds", "Saunders", "Payne", "Fox", "Ford", "Pearce", "Day", "Brooks", "West", "Lawrence", "Cole",
    "Atkinson", "Bradley", "Spencer", "Gill", "Dawson", "Ball", "Burton", "O'Brien", "Watts", "Rose",
    "Booth", "Perry", "Ryan", "Grant", "Wells", "Armstrong", "Francis", "Rees", "Hayes", "Hart", "Hudson",
    "Newman", "Barrett", "Webster", "Hunter", "Gregory", "Carr", "Lowe", "Page", "Marsh", "Riley", "Dunn",
    "Woods", "Parsons", "Berry", "Stone", "Reid", "Holland", "Hawkins", "Harding", "Porter", "Robertson",
    "Newton", "Oliver", "Reed", "Kennedy", "Williamson", "Bird", "Gardner", "Shah", "Dean", "Lane",
    "Cooke", "Bates", "Henderson", "Parry", "Burgess", "Bishop", "Walton", "Burns", "Nicholson",
    "Shepherd", "Ross", "Cross", "Long", "Freeman", "Warren", "Nicholls", "Hamilton", "Byrne", "Sutton",
    "McDonald", "Yates", "Hodgson", "Robson", "Curtis", "Hopkins", "O'Neill", "Pritchard", "Vaughan",
    "Llewellyn", "Prosser",
];

#[rustfmt::skip]
const SURNAME_HEADS: &[&str] = &[
    "Ash", "Black", "Brad", "Brom", "Cald", "Craw", "Dun", "Fair", "Hart", "Hol", "Kings", "Lang", "Mar",
    "Pen", "Ross", "Shel", "Stan", "Thorn", "Wain", "Whit", "Wor", "Al", "Bar", "Bram", "Brig", "Cart",
    "Chad", "Dal", "Ed", "El", "Farn", "Gar", "Gos", "Hal", "Hay", "Hen", "Kel", "Kirk", "Lid", "Lyn",
    "Mot", "Nor", "Ot", "Pick", "Rad", "Rid", "Sel", "Stock", "Tal", "Ted", "Up", "War", "Wes", "Wil",
    "Win", "Yard", "Ack", "Bux", "Cul", "Dray", "Fen", "Grims", "Hux", "Lock", "Mab", "Nettle", "Pud",
    "Quar", "Rook", "Sag", "Thack", "Ulver", "Vick", "Wrax",
];

#[rustfmt::skip]
const SURNAME_TAILS: &[&str] = &[
    "worth", "ley", "ton", "by", "field", "well", "wood", "ham", "shaw", "combe", "more", "ridge",
    "stone", "hurst", "brook", "dale", "ford", "bridge", "thwaite", "cott", "wick", "low", "den", "ing",
    "er", "man", "ell", "away", "ington", "ock", "ett", "land", "sall", "grave", "house", "cliffe",
    "stead", "burn", "holt", "ings", "kin", "son", "ers", "ward",
];

#[rustfmt::skip]
const PLACE_HEADS: &[&str] = &[
    "Ash", "Brad", "Stan", "Thorn", "Wood", "Mill", "Kings", "Hol", "Brom", "Chal", "Dun", "Ever", "Fair",
    "Gold", "Hart", "Hazel", "Kel", "Lang", "Marl", "Nether", "Oak", "Pen", "Red", "Ship", "Stock", "Wal",
    "Wen", "Whit", "Wyn", "Alder", "Bar", "Bel", "Black", "Bram", "Brook", "Cal", "Cas", "Cran", "Crow",
    "Elm", "Fen", "Fern", "Fox", "Glen", "Gras", "Haw", "Heath", "Hen", "Ick", "Kirk", "Lark", "Lea",
    "Lin", "Lox", "Mar", "Mel", "Moor", "Nor", "Ot", "Pad", "Pol", "Quar", "Rad", "Rook", "Rush", "Sal",
    "Sand", "Sed", "Shel", "Sil", "Sker", "Stam", "Swin", "Tad", "Tan", "Tew", "Thur", "Ul", "Up", "Ver",
    "Wad", "War", "Wex", "Wig", "Win", "Wol", "Yar", "Yel", "Ab", "Ac", "Ald", "Amp", "Ap", "Ar", "Aven",
    "Bab", "Bain", "Bick", "Bil", "Bis", "Bot", "Brace", "Bur", "Carl", "Cher", "Chip", "Clay", "Cold",
    "Cot", "Dal", "Dray", "East", "Eg", "Fal", "Frod", "Gar", "Gos", "Hamp", "Hex", "Ing", "Kenn", "Lud",
    "Mal", "Nant", "North", "Ock", "Pit", "Rip", "Sher", "Sut", "Til", "Wick", "Wim", "Wy",
];

#[rustfmt::skip]
const PLACE_MIDDLES: &[&str] = &[
    "", "ing", "er", "en", "el", "s", "ley", "ham", "den", "ton", "mer", "ber", "ow", "ock", "a", "ling",
];

#[rustfmt::skip]
const PLACE_TAILS: &[&str] = &[
    "ton", "ford", "ley", "ham", "bury", "by", "field", "well", "wick", "worth", "stead", "mere", "combe",
    "dale", "hurst", "minster", "mouth", "borough", "bridge", "cote", "den", "don", "ing", "low", "more",
    "ridge", "shaw", "stow", "thorpe", "wood", "brook", "cliffe", "holme", "marsh", "moor", "over", "sey",
    "side", "thwaite", "try", "wold", "gate", "haven", "bourne", "cester", "chester", "ey", "hope", "lade",
    "ness", "port", "sted", "wardine", "wich", "hithe", "nor", "sall", "bergh", "acre",
];

#[rustfmt::skip]
const WELSH_HEADS: &[&str] = &[
    "Llan", "Aber", "Pen", "Cwm", "Bryn", "Caer", "Pont", "Tre", "Nant", "Glyn", "Maes", "Rhos", "Llys",
    "Dol", "Coed", "Blaen", "Cefn", "Llwyn", "Pwll", "Ystrad", "Gwaun", "Hen", "Tal", "Mynydd", "Porth",
];

#[rustfmt::skip]
const WELSH_MIDDLES: &[&str] = &["", "y", "r", "gwyn", "du", "llan", "dre"];

#[rustfmt::skip]
const WELSH_TAILS: &[&str] = &[
    "dewi", "gwyn", "fach", "fawr", "ddu", "wen", "taf", "mawr", "arth", "erch", "elli", "onnen",
    "bedw", "tawe", "ffordd", "isaf", "uchaf", "rhyd", "fynydd", "garth", "gele", "cynon", "ogwr",
    "wern", "nedd", "deg", "goch", "coed", "teifi", "mor",
];

#[rustfmt::skip]
const CODE_HEADS: &[&str] = &[
    "Ka", "Lo", "Ve", "Ri", "Sa", "Mo", "Tel", "Vor", "Zan", "Quin", "Bel", "Dor", "Fal", "Nor", "Pax",
    "Sol", "Tav", "Ul", "Xan", "Yel", "Ar", "Cor", "Del", "Em", "Hal", "Ix", "Jor", "Kel", "Mer", "Nov",
    "Or", "Per", "Ros", "Sen", "Tor", "Val", "Wen", "Ast", "Cal", "Lum",
];

#[rustfmt::skip]
const CODE_MIDDLES: &[&str] = &[
    "", "a", "o", "i", "e", "an", "en", "ar", "or", "el", "is", "um", "ra", "li", "ve", "ta",
];

#[rustfmt::skip]
const CODE_TAILS: &[&str] = &[
    "ra", "nix", "lis", "dor", "ven", "mara", "lon", "tis", "via", "nor", "qua", "ris", "sta", "tor",
    "zen", "da", "lux", "mir", "nova", "pex", "rion", "sia", "tan", "vel", "wyn", "xis", "yra", "zo",
    "ton", "ly",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_vary_and_are_single_words() {
        let mut rng = Rng::with_state(8);
        let mut places = std::collections::BTreeSet::new();
        let mut people = std::collections::BTreeSet::new();
        for i in 0..2000 {
            let p = place(&mut rng, i % 10 == 0);
            assert!(p.chars().all(char::is_alphabetic), "{p}");
            places.insert(p);
            people.insert(person(&mut rng, 3).name());
        }
        assert!(places.len() > 1000, "{} places", places.len());
        assert!(people.len() > 1500, "{} people", people.len());
    }
}
