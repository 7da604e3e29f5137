//! The UK local authority register: every council past and present, from
//! mySociety's register (CC BY 4.0, see `data/register/README.md`), embedded
//! in the binary and parsed once.
//!
//! [`Register::match_name`] resolves a partner name as editors write it
//! ("Redditch Borough Council", "London Borough of Hammersmith & Fulham",
//! "Shepway District Council") to its council. Names are normalised (case,
//! `&` → `and`, punctuation), then the words that say what kind of council it
//! is ("County Council", "Borough of", "City of", "Metropolitan" ...) are
//! taken off both ends and kept as *type words*. A name matches a council
//! whose place name is the same and whose type the type words allow: "X
//! County Council" is never a district, "X District Council" never a county,
//! "London Borough of X" only a London borough, "City of X" never a council
//! that calls itself "X County Council". Ties go to the name that matches
//! exactly, then to the council whose own names carry the same type words,
//! then to the council still in existence; a name that stays ambiguous
//! matches nothing.
//!
//! Types (`org_type`) are the content format's organisation-type slugs:
//!
//! | register | slug |
//! |---|---|
//! | CTY county council | `county` |
//! | NMD non-metropolitan district | `district` |
//! | NID Northern Irish district | `district` (their legal name is district council; they are single-tier but without education or social care, so not unitary) |
//! | UA, WPA (Welsh principal area), SCO (Scottish council) | `unitary` |
//! | MD metropolitan district | `metropolitan` |
//! | LBO London borough | `london-borough` |
//! | CC City of London Corporation | `london-borough` (sui generis, but counted with the boroughs) |
//! | COMB combined authority, SRA Greater London Authority | `other` |
//!
//! Regions are the content format's region slugs (`north-east` ...
//! `south-west`, `wales`, `scotland`, `northern-ireland`). The source's known
//! faults are corrected on load (see the README beside the data): councils
//! abolished without a region take their successor's, else their county's;
//! Forest Heath's county is Suffolk, not Surrey; a county council takes its
//! districts' region when they all agree (Derbyshire and Lincolnshire are in
//! the East Midlands).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/register/uk_local_authorities.csv");

/// One council of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Council {
    /// Three-letter register code (`RED`); a few abolished Northern Irish
    /// councils have longer codes (`NIR-A`).
    pub code: String,
    /// Official name: "Redditch Borough Council".
    pub name: String,
    /// ONS GSS code (`E07000236`); empty for councils abolished before GSS
    /// codes.
    pub gss: String,
    /// Content-format organisation type slug (see the module docs).
    pub org_type: &'static str,
    /// Content-format region slug.
    pub region: Option<&'static str>,
    /// Abolished (the register gives an end date).
    pub ended: bool,
    /// Short name: "Redditch".
    pub short_name: String,
    /// The register's own type code: CTY, NMD, UA, MD, LBO, NID, SCO, WPA ...
    pub register_type: String,
    /// For a district: the register code of its county council.
    pub county: Option<String>,
    /// For an abolished council: the register codes of its successors.
    pub replaced_by: Vec<String>,
    /// GSS codes this council had before (`gss` is the current one).
    pub former_gss: Vec<String>,
    /// `YYYY-MM-DD`, for an abolished council.
    pub end_date: Option<String>,
    /// Other names it is known by, former ones included (`Shepway District
    /// Council` for Folkestone and Hythe), as the register spells them:
    /// neither its name nor its short name, nor a lower-case copy.
    pub other_names: Vec<String>,
}

/// The register: councils sorted by code, with the name index.
#[derive(Debug)]
pub struct Register {
    councils: Vec<Council>,
    by_code: BTreeMap<String, usize>,
    /// Current and former GSS codes → council.
    by_gss: BTreeMap<String, usize>,
    /// Place name (the normalised name without its type words) → (council,
    /// the whole normalised name).
    names: BTreeMap<String, Vec<(usize, String)>>,
    /// Per council: the type words found in any of its names, plus those its
    /// type implies.
    markers: Vec<u8>,
}

// Type words, as bits.
const COUNTY: u8 = 1;
const DISTRICT: u8 = 2;
const BOROUGH: u8 = 4;
const CITY: u8 = 8;
const METROPOLITAN: u8 = 16;
const LONDON: u8 = 32;
const ROYAL: u8 = 64;

/// Word sequences taken off the start of a name, with the type words they carry.
const PREFIXES: &[(&[&str], u8)] = &[
    (&["london", "borough", "of"], LONDON | BOROUGH),
    (&["royal", "borough", "of"], ROYAL | BOROUGH),
    (&["metropolitan", "borough", "of"], METROPOLITAN | BOROUGH),
    (&["city", "and", "county", "of"], CITY | COUNTY),
    (&["county", "borough", "of"], COUNTY | BOROUGH),
    (&["borough", "council", "of"], BOROUGH),
    (&["district", "council", "of"], DISTRICT),
    (&["borough", "of"], BOROUGH),
    (&["city", "of"], CITY),
    (&["county", "of"], COUNTY),
    (&["council", "of", "the"], 0),
    (&["council", "of"], 0),
    (&["the"], 0),
    (&["county"], COUNTY),
];

/// Word sequences taken off the end of a name.
const SUFFIXES: &[(&[&str], u8)] = &[
    (&["council"], 0),
    (&["corporation"], 0),
    (&["ua"], 0),
    (&["london", "boro"], LONDON | BOROUGH),
    (&["city", "of"], CITY),
    (&["county", "of"], COUNTY),
    (&["borough"], BOROUGH),
    (&["district"], DISTRICT),
    (&["county"], COUNTY),
    (&["city"], CITY),
    (&["metropolitan"], METROPOLITAN),
    (&["royal"], ROYAL),
];

impl Register {
    /// The register bundled with compendium, parsed on first use.
    pub fn bundled() -> &'static Register {
        static REGISTER: OnceLock<Register> = OnceLock::new();
        REGISTER.get_or_init(|| Register::parse(DATA).expect("the bundled register parses"))
    }

    /// Every council, sorted by code.
    pub fn councils(&self) -> &[Council] {
        &self.councils
    }

    /// The council with this register code (`RED`), in any case.
    pub fn by_code(&self, code: &str) -> Option<&Council> {
        self.by_code
            .get(&code.trim().to_ascii_uppercase())
            .map(|&i| &self.councils[i])
    }

    /// The council with this GSS code, current or former.
    pub fn by_gss(&self, gss: &str) -> Option<&Council> {
        self.by_gss
            .get(&gss.trim().to_ascii_uppercase())
            .map(|&i| &self.councils[i])
    }

    /// The districts of a county council (by register code or GSS code),
    /// abolished ones included, sorted by code. Empty for anything that is not
    /// a county council.
    pub fn districts_of_county(&self, code_or_gss: &str) -> Vec<&Council> {
        let Some(county) = self
            .by_code(code_or_gss)
            .or_else(|| self.by_gss(code_or_gss))
        else {
            return Vec::new();
        };
        if county.register_type != "CTY" {
            return Vec::new();
        }
        self.councils
            .iter()
            .filter(|c| c.county.as_deref() == Some(county.code.as_str()))
            .collect()
    }

    /// The councils this one replaced (whose `replaced_by` names it), sorted by code.
    pub fn predecessors(&self, code: &str) -> Vec<&Council> {
        let code = code.trim().to_ascii_uppercase();
        self.councils
            .iter()
            .filter(|c| c.replaced_by.contains(&code))
            .collect()
    }

    /// The council a partner name denotes, if exactly one fits (see the
    /// module docs). `None` for non-councils and ambiguous names.
    pub fn match_name(&self, name: &str) -> Option<&Council> {
        let full = normalise(name);
        let (core, query) = split_type_words(&full);
        let candidates = self.names.get(&core)?;
        // (score, current) of each candidate council.
        let mut best: BTreeMap<usize, (i32, bool)> = BTreeMap::new();
        for (i, variant) in candidates {
            let council = &self.councils[*i];
            let own = self.markers[*i];
            if conflicts(query, own, &council.register_type) {
                continue;
            }
            let score = if *variant == full {
                1000
            } else {
                100 + 2 * (query & own).count_ones() as i32 - (query & !own).count_ones() as i32
            };
            let entry = best.entry(*i).or_insert((score, !council.ended));
            entry.0 = entry.0.max(score);
        }
        let top = best.values().copied().max()?;
        let mut winners = best.iter().filter(|(_, v)| **v == top);
        let (&first, _) = winners.next()?;
        if winners.next().is_some() {
            return None;
        }
        Some(&self.councils[first])
    }

    /// Every name the register knows a council by: (the whole name
    /// normalised, its place name without the type words, the council), in
    /// a fixed order.
    pub fn name_variants(&self) -> impl Iterator<Item = (&str, &str, &Council)> {
        self.names.iter().flat_map(move |(core, list)| {
            list.iter()
                .map(move |(i, full)| (full.as_str(), core.as_str(), &self.councils[*i]))
        })
    }

    /// Parses a register CSV with the columns of the bundled one.
    pub fn parse(csv_text: &str) -> Result<Register, String> {
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let headers = reader.headers().map_err(|e| e.to_string())?.clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| format!("register: no column `{name}`"))
        };
        let [
            code_c,
            name_c,
            nice_c,
            gss_c,
            end_c,
            replaced_c,
            region_c,
            type_c,
            county_c,
            alt_c,
            former_c,
        ] = [
            "local-authority-code",
            "official-name",
            "nice-name",
            "gss-code",
            "end-date",
            "replaced-by",
            "region",
            "local-authority-type",
            "county-la",
            "alt-names",
            "former-gss-codes",
        ]
        .map(column);
        let (code_c, name_c, nice_c, gss_c, end_c, replaced_c) =
            (code_c?, name_c?, nice_c?, gss_c?, end_c?, replaced_c?);
        let (region_c, type_c, county_c, alt_c, former_c) =
            (region_c?, type_c?, county_c?, alt_c?, former_c?);

        let mut councils = Vec::new();
        let mut alt_names = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| e.to_string())?;
            let field = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
            let list = |i: usize| -> Vec<String> {
                field(i)
                    .split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            };
            let register_type = field(type_c);
            let end = field(end_c);
            let county = Some(field(county_c)).filter(|c| !c.is_empty());
            councils.push(Council {
                code: field(code_c),
                name: field(name_c),
                gss: field(gss_c),
                org_type: org_type_slug(&register_type),
                region: region_slug(&field(region_c)),
                ended: !end.is_empty(),
                short_name: field(nice_c),
                register_type,
                county,
                replaced_by: list(replaced_c),
                former_gss: list(former_c),
                end_date: Some(end).filter(|e| !e.is_empty()),
                other_names: Vec::new(),
            });
            alt_names.push(split_alt_names(record.get(alt_c).unwrap_or("")));
        }
        let mut order: Vec<usize> = (0..councils.len()).collect();
        order.sort_by(|&a, &b| councils[a].code.cmp(&councils[b].code));
        let mut sorted_councils = Vec::with_capacity(councils.len());
        let mut sorted_alts = Vec::with_capacity(councils.len());
        for i in order {
            sorted_councils.push(councils[i].clone());
            sorted_alts.push(std::mem::take(&mut alt_names[i]));
        }
        let mut councils = sorted_councils;
        correct(&mut councils);
        for (c, alts) in councils.iter_mut().zip(&sorted_alts) {
            c.other_names = other_names(c, alts);
        }

        let mut by_code = BTreeMap::new();
        let mut by_gss = BTreeMap::new();
        for (i, c) in councils.iter().enumerate() {
            by_code.insert(c.code.to_ascii_uppercase(), i);
        }
        // Current codes first, so that a former code never hides a current one.
        for (i, c) in councils.iter().enumerate() {
            if !c.gss.is_empty() {
                by_gss.insert(c.gss.to_ascii_uppercase(), i);
            }
        }
        for (i, c) in councils.iter().enumerate() {
            for g in &c.former_gss {
                by_gss.entry(g.to_ascii_uppercase()).or_insert(i);
            }
        }

        let mut names: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        let mut markers = Vec::with_capacity(councils.len());
        for (i, c) in councils.iter().enumerate() {
            let mut own = implied_markers(&c.register_type);
            let mut seen = BTreeSet::new();
            let variants = [c.name.clone(), c.short_name.clone()]
                .into_iter()
                .chain(sorted_alts[i].iter().cloned());
            for v in variants {
                let full = normalise(&v);
                if full.is_empty() || !seen.insert(full.clone()) {
                    continue;
                }
                let (core, m) = split_type_words(&full);
                own |= m;
                names.entry(core).or_default().push((i, full));
            }
            markers.push(own);
        }
        Ok(Register {
            councils,
            by_code,
            by_gss,
            names,
            markers,
        })
    }
}

/// The corrections of the source's known faults (see `data/register/README.md`).
/// The register's alternative names of `c` a reader has not seen already:
/// its name and short name, and the lower-case copies the register keeps
/// for matching, left out.
fn other_names(c: &Council, alts: &[String]) -> Vec<String> {
    let mut seen: BTreeSet<String> = [c.name.to_lowercase(), c.short_name.to_lowercase()].into();
    alts.iter()
        .filter(|a| a.chars().any(char::is_uppercase))
        .filter(|a| seen.insert(a.to_lowercase()))
        .cloned()
        .collect()
}

fn correct(councils: &mut [Council]) {
    let index: BTreeMap<String, usize> = councils
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.clone(), i))
        .collect();
    // Forest Heath is in Suffolk, not Surrey.
    if let Some(&i) = index.get("FOR")
        && councils[i].county.as_deref() == Some("SRY")
    {
        councils[i].county = Some("SFK".into());
    }
    // A county council's region is its districts' when they all agree
    // (the source puts Derbyshire in the West Midlands and Lincolnshire in
    // Yorkshire and the Humber).
    for i in 0..councils.len() {
        if councils[i].register_type != "CTY" {
            continue;
        }
        let code = councils[i].code.clone();
        let regions: BTreeSet<&'static str> = councils
            .iter()
            .filter(|c| c.county.as_deref() == Some(code.as_str()))
            .filter_map(|c| c.region)
            .collect();
        if regions.len() == 1 {
            councils[i].region = regions.into_iter().next();
        }
    }
    // Councils without a region: the successor's, else the county's.
    // Repeated so that chains (abolished → abolished → current) resolve.
    for _ in 0..4 {
        for i in 0..councils.len() {
            if councils[i].region.is_some() {
                continue;
            }
            let from_successor = councils[i]
                .replaced_by
                .iter()
                .filter_map(|s| index.get(s))
                .find_map(|&j| councils[j].region);
            let from_county = councils[i]
                .county
                .as_ref()
                .and_then(|c| index.get(c))
                .and_then(|&j| councils[j].region);
            councils[i].region = from_successor.or(from_county);
        }
    }
}

/// The register's type code → the content format's organisation type.
fn org_type_slug(register_type: &str) -> &'static str {
    match register_type {
        "CTY" => "county",
        "NMD" | "NID" => "district",
        "UA" | "WPA" | "SCO" => "unitary",
        "MD" => "metropolitan",
        "LBO" | "CC" => "london-borough",
        _ => "other",
    }
}

/// The register's region (or nation) name → the content format's region slug.
pub fn region_slug(name: &str) -> Option<&'static str> {
    let slug = match normalise(name).as_str() {
        "north east" => "north-east",
        "north west" => "north-west",
        "yorkshire and the humber" | "yorkshire and humber" => "yorkshire-humber",
        "east midlands" => "east-midlands",
        "west midlands" => "west-midlands",
        "east of england" | "eastern" | "east" => "east-of-england",
        "london" => "london",
        "south east" => "south-east",
        "south west" => "south-west",
        "wales" => "wales",
        "scotland" => "scotland",
        "northern ireland" => "northern-ireland",
        _ => return None,
    };
    Some(slug)
}

/// Type words a council's type implies, whatever its names say.
fn implied_markers(register_type: &str) -> u8 {
    match register_type {
        "CTY" => COUNTY,
        "LBO" => LONDON | BOROUGH,
        "MD" => METROPOLITAN,
        _ => 0,
    }
}

/// Type words that rule a council out.
fn conflicts(query: u8, own: u8, register_type: &str) -> bool {
    let has = |m: u8| query & m != 0;
    // "London Borough of X" is a London borough; "X Metropolitan Borough
    // Council" a metropolitan district.
    if has(LONDON) && register_type != "LBO" {
        return true;
    }
    if has(METROPOLITAN) && register_type != "MD" {
        return true;
    }
    // A county council is never "X District/Borough/City Council".
    if register_type == "CTY" && has(DISTRICT | BOROUGH | CITY | METROPOLITAN | LONDON | ROYAL) {
        return true;
    }
    // "X County Council" is never a lower-tier or London council, unless
    // that council calls itself a county ("... County Borough Council").
    if has(COUNTY)
        && own & COUNTY == 0
        && matches!(register_type, "NMD" | "NID" | "MD" | "LBO" | "CC")
    {
        return true;
    }
    if has(DISTRICT) && matches!(register_type, "LBO" | "CC") {
        return true;
    }
    // "City of Durham" is not "Durham County Council", nor the reverse.
    if has(CITY) && own & CITY == 0 && own & COUNTY != 0 {
        return true;
    }
    if has(COUNTY) && own & COUNTY == 0 && own & CITY != 0 {
        return true;
    }
    false
}

/// Lower case; `&` → `and`; apostrophes dropped; other punctuation → space;
/// single spaces.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '&' => out.push_str(" and "),
            '\'' | '\u{2019}' | '\u{2018}' | '`' => {}
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A normalised name → (its place name, the type words taken off its ends).
/// Words are never all taken: "City of London" keeps "london", "Council"
/// keeps "council".
pub(crate) fn split_type_words(full: &str) -> (String, u8) {
    let mut words: Vec<&str> = full.split(' ').filter(|w| !w.is_empty()).collect();
    let mut markers = 0u8;
    loop {
        let mut changed = false;
        for (seq, m) in PREFIXES {
            if words.len() > seq.len() && words[..seq.len()] == **seq {
                words.drain(..seq.len());
                markers |= m;
                changed = true;
                break;
            }
        }
        for (seq, m) in SUFFIXES {
            if words.len() > seq.len() && words[words.len() - seq.len()..] == **seq {
                words.truncate(words.len() - seq.len());
                markers |= m;
                changed = true;
                break;
            }
        }
        if !changed {
            break;
        }
    }
    (words.join(" "), markers)
}

/// Splits the `alt-names` cell: names are separated by commas with no space
/// after them; a comma followed by a space is part of a name ("Bristol, City of").
fn split_alt_names(cell: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut current = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ',' && chars.peek().is_some_and(|n| !n.is_whitespace()) {
            names.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    names.push(current);
    names
        .into_iter()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn code_of(name: &str) -> Option<&'static str> {
        Register::bundled()
            .match_name(name)
            .map(|c| c.code.as_str())
    }

    #[test]
    fn parses_every_row() {
        let r = Register::bundled();
        assert_eq!(r.councils().len(), 470);
        let red = r.by_code("RED").unwrap();
        assert_eq!(red.name, "Redditch Borough Council");
        assert_eq!(red.short_name, "Redditch");
        assert_eq!(red.org_type, "district");
        assert_eq!(red.region, Some("west-midlands"));
        assert_eq!(red.county.as_deref(), Some("WOR"));
        assert!(!red.ended);
        assert_eq!(r.by_code("red").unwrap().code, "RED");
        assert_eq!(r.by_gss(&red.gss).unwrap().code, "RED");
        // Former GSS codes resolve to the current council.
        assert_eq!(r.by_gss("S12000015").unwrap().short_name, "Fife");
        assert!(r.by_code("XYZ").is_none());
    }

    #[test]
    fn names_as_editors_write_them() {
        let cases = [
            ("Redditch Borough Council", "RED"),
            ("Bromsgrove District Council", "BRM"),
            ("London Borough of Sutton", "STN"),
            ("Royal Borough of Kensington and Chelsea", "KEC"),
            ("London Borough of Hammersmith & Fulham", "HMF"),
            ("London Borough of Hammersmith and Fulham", "HMF"),
            ("Hammersmith and Fulham Council", "HMF"),
            ("Shepway District Council", "SHE"),
            ("Folkestone and Hythe District Council", "SHE"),
            ("Forest Heath District Council", "FOR"),
            ("Taunton Deane Borough Council", "TAU"),
            ("Weymouth and Portland Borough Council", "WEY"),
            ("Purbeck District Council", "PUR"),
            ("Cambridgeshire County Council", "CAM"),
            ("North Lincolnshire Council", "NLN"),
            ("Tameside Metropolitan Borough Council", "TAM"),
            ("Tameside Council", "TAM"),
            ("Herefordshire Council", "HEF"),
            ("Slough Borough Council", "SLG"),
            ("Canterbury City Council", "CAT"),
            ("Cheltenham Borough Council", "CHT"),
            ("Somerset County Council", "SOM"),
            ("South Somerset District Council", "SSO"),
            ("Somerset Council", "SMT"),
            ("Durham County Council", "DUR"),
            ("Dorset County Council", "DOR"),
            ("Dorset Council", "DST"),
            ("West Dorset District Council", "WDO"),
            ("Northamptonshire County Council", "NTH"),
            ("Cambridge City Council", "CAB"),
            ("Kingston upon Hull City Council", "KHL"),
            ("Royal Borough of Kingston upon Thames", "KTT"),
            ("City of Westminster", "WSM"),
            ("Bristol City Council", "BST"),
            ("Borough of Poole", "POL"),
            ("  redditch   BOROUGH council ", "RED"),
            ("King’s Lynn and West Norfolk Borough Council", "KIN"),
            ("Rhondda Cynon Taf County Borough Council", "RCT"),
            ("City of Edinburgh Council", "EDH"),
        ];
        let mut wrong = Vec::new();
        for (name, code) in cases {
            let got = code_of(name);
            if got != Some(code) {
                wrong.push(format!("{name}: expected {code}, got {got:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn non_councils_and_wrong_types_do_not_match() {
        for name in [
            "Avon and Somerset Police",
            "IBM",
            "BT",
            "Councils in Surrey",
            "Councils in Greater Manchester",
            "Health trusts in Herefordshire",
            "Essex Legal Services Partnership",
            "Pension Service",
            "Council",
            "",
            "City of Durham", // a district abolished in 2009, not Durham County Council
            "Durham City Council", // likewise
            "Cambridgeshire District Council", // a county is never a district
            "Redditch County Council", // a district is never a county
            "London Borough of Slough", // not a London borough
            "Redditch Metropolitan Borough Council",
        ] {
            assert_eq!(code_of(name), None, "{name:?} should not match");
        }
    }

    #[test]
    fn county_and_district_of_one_place_are_told_apart() {
        let r = Register::bundled();
        // Both have the place name "somerset"; the type words decide.
        assert_eq!(code_of("Somerset County Council"), Some("SOM"));
        assert_eq!(code_of("Somerset Council"), Some("SMT"));
        // Bare place names prefer the current council.
        assert_eq!(code_of("Somerset"), Some("SMT"));
        assert_eq!(code_of("Buckinghamshire Council"), Some("BUC"));
        assert_eq!(code_of("Buckinghamshire County Council"), Some("BKM"));
        assert!(r.by_code("BKM").unwrap().ended);
    }

    #[test]
    fn types_and_regions() {
        let r = Register::bundled();
        let check = |code: &str, ty: &str, region: Option<&str>| {
            let c = r.by_code(code).unwrap();
            assert_eq!((c.org_type, c.region), (ty, region), "{code}");
        };
        check("CAM", "county", Some("east-of-england"));
        check("TAM", "metropolitan", Some("north-west"));
        check("STN", "london-borough", Some("london"));
        check("HEF", "unitary", Some("west-midlands"));
        check("NLN", "unitary", Some("yorkshire-humber"));
        check("ABD", "unitary", Some("scotland"));
        check("RCT", "unitary", Some("wales"));
        check("ABC", "district", Some("northern-ireland"));
        check("LND", "london-borough", Some("london"));
        check("GLA", "other", Some("london"));
        // Corrections of the source's faults.
        check("BMH", "unitary", Some("south-west"));
        check("POL", "unitary", Some("south-west"));
        check("PUR", "district", Some("south-west"));
        check("FOR", "district", Some("east-of-england"));
        assert_eq!(r.by_code("FOR").unwrap().county.as_deref(), Some("SFK"));
        check("TAU", "district", Some("south-west"));
        check("WAV", "district", Some("east-of-england"));
        check("KET", "district", Some("east-midlands"));
        check("BKM", "county", Some("south-east"));
        check("DBY", "county", Some("east-midlands"));
        check("LIN", "county", Some("east-midlands"));
        // Every council with a GSS code has a region.
        let missing: Vec<&str> = r
            .councils()
            .iter()
            .filter(|c| c.region.is_none())
            .map(|c| c.code.as_str())
            .collect();
        assert!(missing.is_empty(), "no region: {missing:?}");
    }

    #[test]
    fn districts_and_predecessors() {
        let r = Register::bundled();
        let codes = |v: Vec<&Council>| v.into_iter().map(|c| c.code.clone()).collect::<Vec<_>>();
        let wor = codes(r.districts_of_county("WOR"));
        assert_eq!(wor, ["BRM", "MAV", "RED", "WOC", "WYC", "WYE"]);
        let gss = r.by_code("WOR").unwrap().gss.clone();
        assert_eq!(codes(r.districts_of_county(&gss)), wor);
        assert!(codes(r.districts_of_county("SFK")).contains(&"FOR".to_owned()));
        assert!(r.districts_of_county("RED").is_empty());
        let dst = codes(r.predecessors("DST"));
        assert!(dst.contains(&"PUR".to_owned()) && dst.contains(&"DOR".to_owned()));
    }

    #[test]
    fn normalising() {
        assert_eq!(normalise("Hammersmith & Fulham"), "hammersmith and fulham");
        assert_eq!(normalise("King’s Lynn"), "kings lynn");
        assert_eq!(normalise("Stockton-on-Tees"), "stockton on tees");
        assert_eq!(normalise("Edinburgh (City of)"), "edinburgh city of");
        assert_eq!(
            split_type_words("tameside metropolitan borough council"),
            ("tameside".to_owned(), METROPOLITAN | BOROUGH)
        );
        assert_eq!(split_type_words("council"), ("council".to_owned(), 0));
        assert_eq!(
            split_alt_names("Bristol, City of,bristol,city of bristol"),
            ["Bristol, City of", "bristol", "city of bristol"]
        );
    }

    /// Partner names under `partners:` in every bundled case study.
    fn partner_names(dir: &Path) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "md"));
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let mut in_partners = false;
            let mut current: Option<(String, String, String)> = None;
            for line in text.lines() {
                if line == "---" && in_partners {
                    break;
                }
                if !line.starts_with(' ') && !line.starts_with('-') {
                    in_partners = line.trim_end() == "partners:";
                    continue;
                }
                if !in_partners {
                    continue;
                }
                let t = line.trim_start();
                let unquote = |s: &str| s.trim().trim_matches('"').trim_matches('\'').to_owned();
                if let Some(name) = t.strip_prefix("- name:") {
                    out.extend(current.take());
                    current = Some((unquote(name), String::new(), String::new()));
                } else if let (Some(ty), Some(c)) = (t.strip_prefix("type:"), current.as_mut()) {
                    c.1 = unquote(ty.split('#').next().unwrap_or(""));
                } else if let (Some(rg), Some(c)) = (t.strip_prefix("region:"), current.as_mut()) {
                    c.2 = unquote(rg.split('#').next().unwrap_or(""));
                }
            }
            out.extend(current.take());
        }
        out
    }

    fn looks_like_council(name: &str) -> bool {
        let n = normalise(name);
        n.split(' ').any(|w| w == "council")
            || [
                "london borough of ",
                "royal borough of ",
                "borough of ",
                "city of ",
            ]
            .iter()
            .any(|p| n.starts_with(p))
    }

    #[test]
    fn bundled_partner_names_match() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/case-studies");
        let partners = partner_names(&dir);
        let r = Register::bundled();
        let mut unmatched = Vec::new();
        let mut seen = BTreeSet::new();
        for (name, ty, region) in &partners {
            if !seen.insert(name.clone()) {
                continue;
            }
            match r.match_name(name) {
                Some(c) => {
                    let note = if (c.org_type, c.region) != (ty.as_str(), Some(region.as_str())) {
                        format!(
                            "   (content says {ty}/{region}; register {}/{})",
                            c.org_type,
                            c.region.unwrap_or("-")
                        )
                    } else {
                        String::new()
                    };
                    println!("matched   {name:<50} → {} {}{note}", c.code, c.name);
                }
                None if looks_like_council(name) => {
                    println!("UNMATCHED {name}");
                    unmatched.push(name.clone());
                }
                None => println!("(not a council) {name}"),
            }
        }
        assert!(
            unmatched.is_empty(),
            "unmatched council names: {unmatched:?}"
        );
    }
}
