//! A deterministic synthetic corpus for benchmarks and scale tests.
//!
//! [`generate`] writes `count` case studies, `content/case-studies/synth-NNNNN.md`,
//! that are valid in the documented content format: real English and Welsh
//! council names with their type and region, functions, a model, savings and
//! costs (some of them per-partner shares), lessons, contacts, sources, tags,
//! and about 900 words of Markdown in the three usual sections.
//!
//! The text is made from sentence templates filled from a domain word list of
//! several hundred words, each category drawn with Zipf-like weights, so that
//! search indexing and ranking see realistic word frequencies.
//!
//! Everything comes from a hand-written SplitMix64 generator and integer
//! arithmetic only (no floating point, no hash-map iteration), so one seed
//! gives byte-identical files on every platform. Each file has its own
//! generator seeded from (seed, index), so files can be made in parallel and
//! file N is the same whatever `count` is (links to other case studies aside,
//! which only point at indexes below `count`).

use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

/// Writes `count` synthetic case studies into `dir/content/case-studies/`.
///
/// Creates the folder if needed and removes `synth-*.md` files left there by
/// an earlier, larger run, so the folder holds exactly this corpus (other
/// files are left alone). Writes nothing else: no `site.yaml`.
pub fn generate(dir: &Path, count: usize, seed: u64) -> std::io::Result<()> {
    let folder = dir.join("content").join("case-studies");
    std::fs::create_dir_all(&folder)?;
    for entry in std::fs::read_dir(&folder)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if let Some(index) = synth_index(name)
            && (index >= count || name != file_name(index))
        {
            std::fs::remove_file(entry.path())?;
        }
    }
    (0..count).into_par_iter().try_for_each(|index| {
        let text = case_study(seed, index, count);
        std::fs::write(folder.join(file_name(index)), text)
    })
}

/// `synth-00042.md`.
pub fn file_name(index: usize) -> String {
    format!("synth-{index:05}.md")
}

/// The index of a file named like `synth-00042.md`.
fn synth_index(name: &str) -> Option<usize> {
    let digits = name.strip_prefix("synth-")?.strip_suffix(".md")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The whole text of case study `index` of a corpus of `count`.
pub fn case_study(seed: u64, index: usize, count: usize) -> String {
    let mut rng = Rng::for_file(seed, index as u64);
    let cs = Plan::new(&mut rng, index, count);
    let mut out = String::with_capacity(9 * 1024);
    cs.front_matter(&mut rng, &mut out);
    cs.body(&mut rng, &mut out);
    out
}

// ---------------------------------------------------------------------------
// The random number generator.

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn for_file(seed: u64, index: u64) -> Rng {
        let mut base = Rng(seed);
        let a = base.next_u64();
        let mut r = Rng(a ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the bias is negligible).
    fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index into a list of `n` items ordered from most to least common,
    /// with weights proportional to 1/rank (Zipf's law with s = 1).
    fn zipf(&mut self, n: usize) -> usize {
        let n = n.min(ZIPF_MAX);
        let total = ZIPF_CUMULATIVE[n];
        let x = ((u128::from(self.next_u64()) * u128::from(total)) >> 64) as u64;
        // First rank whose cumulative weight exceeds x.
        ZIPF_CUMULATIVE[1..=n].partition_point(|&c| c <= x)
    }

    fn zipf_pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.zipf(items.len())]
    }

    /// Like [`Rng::zipf_pick`], but tries not to repeat a word already in
    /// `used` (so a sentence does not say "savings and savings").
    fn fresh_pick(&mut self, items: &[&'static str], used: &mut Vec<&'static str>) -> &'static str {
        let mut word = items[self.zipf(items.len())];
        for _ in 0..3 {
            if !used.contains(&word) {
                break;
            }
            word = items[self.zipf(items.len())];
        }
        used.push(word);
        word
    }

    /// Picks by explicit integer weights.
    fn weighted<'a, T>(&mut self, items: &'a [(T, usize)]) -> &'a T {
        let total: usize = items.iter().map(|(_, w)| w).sum();
        let mut x = self.below(total);
        for (item, w) in items {
            if x < *w {
                return item;
            }
            x -= w;
        }
        &items[items.len() - 1].0
    }

    /// `k` distinct indexes below `n` (k ≤ n), Zipf-weighted, in draw order.
    fn distinct_zipf(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(k);
        while out.len() < k.min(n) {
            let i = self.zipf(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

const ZIPF_MAX: usize = 512;

/// `ZIPF_CUMULATIVE[k]` = Σ_{r<k} ⌊2^24 / (r+1)⌋: integer Zipf weights,
/// computed at compile time.
static ZIPF_CUMULATIVE: [u64; ZIPF_MAX + 1] = zipf_table();

const fn zipf_table() -> [u64; ZIPF_MAX + 1] {
    let mut t = [0u64; ZIPF_MAX + 1];
    let mut k = 1;
    while k <= ZIPF_MAX {
        t[k] = t[k - 1] + (1 << 24) / k as u64;
        k += 1;
    }
    t
}

// ---------------------------------------------------------------------------
// Organisations.

/// (name, type, region) of real English and Welsh councils as they stood in
/// 2009–2011, and a few other public, private and voluntary bodies.
#[rustfmt::skip]
const ORGANISATIONS: &[(&str, &str, &str)] = &[
    // North East
    ("Gateshead Council", "metropolitan", "north-east"),
    ("Newcastle City Council", "metropolitan", "north-east"),
    ("North Tyneside Council", "metropolitan", "north-east"),
    ("South Tyneside Council", "metropolitan", "north-east"),
    ("Sunderland City Council", "metropolitan", "north-east"),
    ("Durham County Council", "unitary", "north-east"),
    ("Northumberland County Council", "unitary", "north-east"),
    ("Darlington Borough Council", "unitary", "north-east"),
    ("Hartlepool Borough Council", "unitary", "north-east"),
    ("Middlesbrough Council", "unitary", "north-east"),
    ("Redcar and Cleveland Borough Council", "unitary", "north-east"),
    ("Stockton-on-Tees Borough Council", "unitary", "north-east"),
    // North West
    ("Blackburn with Darwen Borough Council", "unitary", "north-west"),
    ("Blackpool Council", "unitary", "north-west"),
    ("Cheshire East Council", "unitary", "north-west"),
    ("Cheshire West and Chester Council", "unitary", "north-west"),
    ("Halton Borough Council", "unitary", "north-west"),
    ("Warrington Borough Council", "unitary", "north-west"),
    ("Bolton Council", "metropolitan", "north-west"),
    ("Bury Council", "metropolitan", "north-west"),
    ("Manchester City Council", "metropolitan", "north-west"),
    ("Oldham Council", "metropolitan", "north-west"),
    ("Rochdale Borough Council", "metropolitan", "north-west"),
    ("Salford City Council", "metropolitan", "north-west"),
    ("Stockport Metropolitan Borough Council", "metropolitan", "north-west"),
    ("Tameside Metropolitan Borough Council", "metropolitan", "north-west"),
    ("Trafford Council", "metropolitan", "north-west"),
    ("Wigan Council", "metropolitan", "north-west"),
    ("Knowsley Metropolitan Borough Council", "metropolitan", "north-west"),
    ("Liverpool City Council", "metropolitan", "north-west"),
    ("Sefton Council", "metropolitan", "north-west"),
    ("St Helens Council", "metropolitan", "north-west"),
    ("Wirral Council", "metropolitan", "north-west"),
    ("Cumbria County Council", "county", "north-west"),
    ("Allerdale Borough Council", "district", "north-west"),
    ("Barrow-in-Furness Borough Council", "district", "north-west"),
    ("Carlisle City Council", "district", "north-west"),
    ("Copeland Borough Council", "district", "north-west"),
    ("Eden District Council", "district", "north-west"),
    ("South Lakeland District Council", "district", "north-west"),
    ("Lancashire County Council", "county", "north-west"),
    ("Burnley Borough Council", "district", "north-west"),
    ("Chorley Council", "district", "north-west"),
    ("Fylde Borough Council", "district", "north-west"),
    ("Hyndburn Borough Council", "district", "north-west"),
    ("Lancaster City Council", "district", "north-west"),
    ("Pendle Borough Council", "district", "north-west"),
    ("Preston City Council", "district", "north-west"),
    ("Ribble Valley Borough Council", "district", "north-west"),
    ("Rossendale Borough Council", "district", "north-west"),
    ("South Ribble Borough Council", "district", "north-west"),
    ("West Lancashire Borough Council", "district", "north-west"),
    ("Wyre Borough Council", "district", "north-west"),
    // Yorkshire and the Humber
    ("Barnsley Metropolitan Borough Council", "metropolitan", "yorkshire-humber"),
    ("Doncaster Council", "metropolitan", "yorkshire-humber"),
    ("Rotherham Metropolitan Borough Council", "metropolitan", "yorkshire-humber"),
    ("Sheffield City Council", "metropolitan", "yorkshire-humber"),
    ("City of Bradford Metropolitan District Council", "metropolitan", "yorkshire-humber"),
    ("Calderdale Council", "metropolitan", "yorkshire-humber"),
    ("Kirklees Council", "metropolitan", "yorkshire-humber"),
    ("Leeds City Council", "metropolitan", "yorkshire-humber"),
    ("Wakefield Council", "metropolitan", "yorkshire-humber"),
    ("East Riding of Yorkshire Council", "unitary", "yorkshire-humber"),
    ("Hull City Council", "unitary", "yorkshire-humber"),
    ("North East Lincolnshire Council", "unitary", "yorkshire-humber"),
    ("North Lincolnshire Council", "unitary", "yorkshire-humber"),
    ("City of York Council", "unitary", "yorkshire-humber"),
    ("North Yorkshire County Council", "county", "yorkshire-humber"),
    ("Craven District Council", "district", "yorkshire-humber"),
    ("Hambleton District Council", "district", "yorkshire-humber"),
    ("Harrogate Borough Council", "district", "yorkshire-humber"),
    ("Richmondshire District Council", "district", "yorkshire-humber"),
    ("Ryedale District Council", "district", "yorkshire-humber"),
    ("Scarborough Borough Council", "district", "yorkshire-humber"),
    ("Selby District Council", "district", "yorkshire-humber"),
    // East Midlands
    ("Derby City Council", "unitary", "east-midlands"),
    ("Leicester City Council", "unitary", "east-midlands"),
    ("Nottingham City Council", "unitary", "east-midlands"),
    ("Rutland County Council", "unitary", "east-midlands"),
    ("Derbyshire County Council", "county", "east-midlands"),
    ("Leicestershire County Council", "county", "east-midlands"),
    ("Lincolnshire County Council", "county", "east-midlands"),
    ("Northamptonshire County Council", "county", "east-midlands"),
    ("Nottinghamshire County Council", "county", "east-midlands"),
    ("Amber Valley Borough Council", "district", "east-midlands"),
    ("Bolsover District Council", "district", "east-midlands"),
    ("Chesterfield Borough Council", "district", "east-midlands"),
    ("Derbyshire Dales District Council", "district", "east-midlands"),
    ("Erewash Borough Council", "district", "east-midlands"),
    ("High Peak Borough Council", "district", "east-midlands"),
    ("North East Derbyshire District Council", "district", "east-midlands"),
    ("South Derbyshire District Council", "district", "east-midlands"),
    ("Blaby District Council", "district", "east-midlands"),
    ("Charnwood Borough Council", "district", "east-midlands"),
    ("Harborough District Council", "district", "east-midlands"),
    ("Hinckley and Bosworth Borough Council", "district", "east-midlands"),
    ("Melton Borough Council", "district", "east-midlands"),
    ("North West Leicestershire District Council", "district", "east-midlands"),
    ("Oadby and Wigston Borough Council", "district", "east-midlands"),
    ("Boston Borough Council", "district", "east-midlands"),
    ("East Lindsey District Council", "district", "east-midlands"),
    ("City of Lincoln Council", "district", "east-midlands"),
    ("North Kesteven District Council", "district", "east-midlands"),
    ("South Holland District Council", "district", "east-midlands"),
    ("South Kesteven District Council", "district", "east-midlands"),
    ("West Lindsey District Council", "district", "east-midlands"),
    ("Corby Borough Council", "district", "east-midlands"),
    ("Daventry District Council", "district", "east-midlands"),
    ("East Northamptonshire Council", "district", "east-midlands"),
    ("Kettering Borough Council", "district", "east-midlands"),
    ("Northampton Borough Council", "district", "east-midlands"),
    ("South Northamptonshire Council", "district", "east-midlands"),
    ("Borough Council of Wellingborough", "district", "east-midlands"),
    ("Ashfield District Council", "district", "east-midlands"),
    ("Bassetlaw District Council", "district", "east-midlands"),
    ("Broxtowe Borough Council", "district", "east-midlands"),
    ("Gedling Borough Council", "district", "east-midlands"),
    ("Mansfield District Council", "district", "east-midlands"),
    ("Newark and Sherwood District Council", "district", "east-midlands"),
    ("Rushcliffe Borough Council", "district", "east-midlands"),
    // West Midlands
    ("Birmingham City Council", "metropolitan", "west-midlands"),
    ("Coventry City Council", "metropolitan", "west-midlands"),
    ("Dudley Metropolitan Borough Council", "metropolitan", "west-midlands"),
    ("Sandwell Metropolitan Borough Council", "metropolitan", "west-midlands"),
    ("Solihull Metropolitan Borough Council", "metropolitan", "west-midlands"),
    ("Walsall Council", "metropolitan", "west-midlands"),
    ("Wolverhampton City Council", "metropolitan", "west-midlands"),
    ("Herefordshire Council", "unitary", "west-midlands"),
    ("Shropshire Council", "unitary", "west-midlands"),
    ("Stoke-on-Trent City Council", "unitary", "west-midlands"),
    ("Telford and Wrekin Council", "unitary", "west-midlands"),
    ("Staffordshire County Council", "county", "west-midlands"),
    ("Warwickshire County Council", "county", "west-midlands"),
    ("Worcestershire County Council", "county", "west-midlands"),
    ("Cannock Chase District Council", "district", "west-midlands"),
    ("East Staffordshire Borough Council", "district", "west-midlands"),
    ("Lichfield District Council", "district", "west-midlands"),
    ("Newcastle-under-Lyme Borough Council", "district", "west-midlands"),
    ("South Staffordshire Council", "district", "west-midlands"),
    ("Stafford Borough Council", "district", "west-midlands"),
    ("Staffordshire Moorlands District Council", "district", "west-midlands"),
    ("Tamworth Borough Council", "district", "west-midlands"),
    ("North Warwickshire Borough Council", "district", "west-midlands"),
    ("Nuneaton and Bedworth Borough Council", "district", "west-midlands"),
    ("Rugby Borough Council", "district", "west-midlands"),
    ("Stratford-on-Avon District Council", "district", "west-midlands"),
    ("Warwick District Council", "district", "west-midlands"),
    ("Bromsgrove District Council", "district", "west-midlands"),
    ("Malvern Hills District Council", "district", "west-midlands"),
    ("Redditch Borough Council", "district", "west-midlands"),
    ("Worcester City Council", "district", "west-midlands"),
    ("Wychavon District Council", "district", "west-midlands"),
    ("Wyre Forest District Council", "district", "west-midlands"),
    // East of England
    ("Bedford Borough Council", "unitary", "east-of-england"),
    ("Central Bedfordshire Council", "unitary", "east-of-england"),
    ("Luton Borough Council", "unitary", "east-of-england"),
    ("Peterborough City Council", "unitary", "east-of-england"),
    ("Southend-on-Sea Borough Council", "unitary", "east-of-england"),
    ("Thurrock Council", "unitary", "east-of-england"),
    ("Cambridgeshire County Council", "county", "east-of-england"),
    ("Essex County Council", "county", "east-of-england"),
    ("Hertfordshire County Council", "county", "east-of-england"),
    ("Norfolk County Council", "county", "east-of-england"),
    ("Suffolk County Council", "county", "east-of-england"),
    ("Cambridge City Council", "district", "east-of-england"),
    ("East Cambridgeshire District Council", "district", "east-of-england"),
    ("Fenland District Council", "district", "east-of-england"),
    ("Huntingdonshire District Council", "district", "east-of-england"),
    ("South Cambridgeshire District Council", "district", "east-of-england"),
    ("Basildon Borough Council", "district", "east-of-england"),
    ("Braintree District Council", "district", "east-of-england"),
    ("Brentwood Borough Council", "district", "east-of-england"),
    ("Castle Point Borough Council", "district", "east-of-england"),
    ("Chelmsford City Council", "district", "east-of-england"),
    ("Colchester Borough Council", "district", "east-of-england"),
    ("Epping Forest District Council", "district", "east-of-england"),
    ("Harlow Council", "district", "east-of-england"),
    ("Maldon District Council", "district", "east-of-england"),
    ("Rochford District Council", "district", "east-of-england"),
    ("Tendring District Council", "district", "east-of-england"),
    ("Uttlesford District Council", "district", "east-of-england"),
    ("Broxbourne Borough Council", "district", "east-of-england"),
    ("Dacorum Borough Council", "district", "east-of-england"),
    ("East Hertfordshire District Council", "district", "east-of-england"),
    ("Hertsmere Borough Council", "district", "east-of-england"),
    ("North Hertfordshire District Council", "district", "east-of-england"),
    ("St Albans City and District Council", "district", "east-of-england"),
    ("Stevenage Borough Council", "district", "east-of-england"),
    ("Three Rivers District Council", "district", "east-of-england"),
    ("Watford Borough Council", "district", "east-of-england"),
    ("Welwyn Hatfield Borough Council", "district", "east-of-england"),
    ("Breckland Council", "district", "east-of-england"),
    ("Broadland District Council", "district", "east-of-england"),
    ("Great Yarmouth Borough Council", "district", "east-of-england"),
    ("Borough Council of King's Lynn and West Norfolk", "district", "east-of-england"),
    ("North Norfolk District Council", "district", "east-of-england"),
    ("Norwich City Council", "district", "east-of-england"),
    ("South Norfolk Council", "district", "east-of-england"),
    ("Babergh District Council", "district", "east-of-england"),
    ("Forest Heath District Council", "district", "east-of-england"),
    ("Ipswich Borough Council", "district", "east-of-england"),
    ("Mid Suffolk District Council", "district", "east-of-england"),
    ("St Edmundsbury Borough Council", "district", "east-of-england"),
    ("Suffolk Coastal District Council", "district", "east-of-england"),
    ("Waveney District Council", "district", "east-of-england"),
    // London
    ("London Borough of Barking and Dagenham", "london-borough", "london"),
    ("London Borough of Barnet", "london-borough", "london"),
    ("London Borough of Bexley", "london-borough", "london"),
    ("London Borough of Brent", "london-borough", "london"),
    ("London Borough of Bromley", "london-borough", "london"),
    ("London Borough of Camden", "london-borough", "london"),
    ("London Borough of Croydon", "london-borough", "london"),
    ("London Borough of Ealing", "london-borough", "london"),
    ("London Borough of Enfield", "london-borough", "london"),
    ("London Borough of Greenwich", "london-borough", "london"),
    ("London Borough of Hackney", "london-borough", "london"),
    ("London Borough of Hammersmith and Fulham", "london-borough", "london"),
    ("London Borough of Haringey", "london-borough", "london"),
    ("London Borough of Harrow", "london-borough", "london"),
    ("London Borough of Havering", "london-borough", "london"),
    ("London Borough of Hillingdon", "london-borough", "london"),
    ("London Borough of Hounslow", "london-borough", "london"),
    ("London Borough of Islington", "london-borough", "london"),
    ("Royal Borough of Kensington and Chelsea", "london-borough", "london"),
    ("Royal Borough of Kingston upon Thames", "london-borough", "london"),
    ("London Borough of Lambeth", "london-borough", "london"),
    ("London Borough of Lewisham", "london-borough", "london"),
    ("London Borough of Merton", "london-borough", "london"),
    ("London Borough of Newham", "london-borough", "london"),
    ("London Borough of Redbridge", "london-borough", "london"),
    ("London Borough of Richmond upon Thames", "london-borough", "london"),
    ("London Borough of Southwark", "london-borough", "london"),
    ("London Borough of Sutton", "london-borough", "london"),
    ("London Borough of Tower Hamlets", "london-borough", "london"),
    ("London Borough of Waltham Forest", "london-borough", "london"),
    ("London Borough of Wandsworth", "london-borough", "london"),
    ("Westminster City Council", "london-borough", "london"),
    // South East
    ("Bracknell Forest Council", "unitary", "south-east"),
    ("Brighton and Hove City Council", "unitary", "south-east"),
    ("Isle of Wight Council", "unitary", "south-east"),
    ("Medway Council", "unitary", "south-east"),
    ("Milton Keynes Council", "unitary", "south-east"),
    ("Portsmouth City Council", "unitary", "south-east"),
    ("Reading Borough Council", "unitary", "south-east"),
    ("Slough Borough Council", "unitary", "south-east"),
    ("Southampton City Council", "unitary", "south-east"),
    ("West Berkshire Council", "unitary", "south-east"),
    ("Royal Borough of Windsor and Maidenhead", "unitary", "south-east"),
    ("Wokingham Borough Council", "unitary", "south-east"),
    ("Buckinghamshire County Council", "county", "south-east"),
    ("East Sussex County Council", "county", "south-east"),
    ("Hampshire County Council", "county", "south-east"),
    ("Kent County Council", "county", "south-east"),
    ("Oxfordshire County Council", "county", "south-east"),
    ("Surrey County Council", "county", "south-east"),
    ("West Sussex County Council", "county", "south-east"),
    ("Aylesbury Vale District Council", "district", "south-east"),
    ("Chiltern District Council", "district", "south-east"),
    ("South Bucks District Council", "district", "south-east"),
    ("Wycombe District Council", "district", "south-east"),
    ("Eastbourne Borough Council", "district", "south-east"),
    ("Hastings Borough Council", "district", "south-east"),
    ("Lewes District Council", "district", "south-east"),
    ("Rother District Council", "district", "south-east"),
    ("Wealden District Council", "district", "south-east"),
    ("Basingstoke and Deane Borough Council", "district", "south-east"),
    ("East Hampshire District Council", "district", "south-east"),
    ("Eastleigh Borough Council", "district", "south-east"),
    ("Fareham Borough Council", "district", "south-east"),
    ("Gosport Borough Council", "district", "south-east"),
    ("Hart District Council", "district", "south-east"),
    ("Havant Borough Council", "district", "south-east"),
    ("New Forest District Council", "district", "south-east"),
    ("Rushmoor Borough Council", "district", "south-east"),
    ("Test Valley Borough Council", "district", "south-east"),
    ("Winchester City Council", "district", "south-east"),
    ("Ashford Borough Council", "district", "south-east"),
    ("Canterbury City Council", "district", "south-east"),
    ("Dartford Borough Council", "district", "south-east"),
    ("Dover District Council", "district", "south-east"),
    ("Gravesham Borough Council", "district", "south-east"),
    ("Maidstone Borough Council", "district", "south-east"),
    ("Sevenoaks District Council", "district", "south-east"),
    ("Shepway District Council", "district", "south-east"),
    ("Swale Borough Council", "district", "south-east"),
    ("Thanet District Council", "district", "south-east"),
    ("Tonbridge and Malling Borough Council", "district", "south-east"),
    ("Tunbridge Wells Borough Council", "district", "south-east"),
    ("Cherwell District Council", "district", "south-east"),
    ("Oxford City Council", "district", "south-east"),
    ("South Oxfordshire District Council", "district", "south-east"),
    ("Vale of White Horse District Council", "district", "south-east"),
    ("West Oxfordshire District Council", "district", "south-east"),
    ("Elmbridge Borough Council", "district", "south-east"),
    ("Epsom and Ewell Borough Council", "district", "south-east"),
    ("Guildford Borough Council", "district", "south-east"),
    ("Mole Valley District Council", "district", "south-east"),
    ("Reigate and Banstead Borough Council", "district", "south-east"),
    ("Runnymede Borough Council", "district", "south-east"),
    ("Spelthorne Borough Council", "district", "south-east"),
    ("Surrey Heath Borough Council", "district", "south-east"),
    ("Tandridge District Council", "district", "south-east"),
    ("Waverley Borough Council", "district", "south-east"),
    ("Woking Borough Council", "district", "south-east"),
    ("Adur District Council", "district", "south-east"),
    ("Arun District Council", "district", "south-east"),
    ("Chichester District Council", "district", "south-east"),
    ("Crawley Borough Council", "district", "south-east"),
    ("Horsham District Council", "district", "south-east"),
    ("Mid Sussex District Council", "district", "south-east"),
    ("Worthing Borough Council", "district", "south-east"),
    // South West
    ("Bath and North East Somerset Council", "unitary", "south-west"),
    ("Bournemouth Borough Council", "unitary", "south-west"),
    ("Bristol City Council", "unitary", "south-west"),
    ("Cornwall Council", "unitary", "south-west"),
    ("North Somerset Council", "unitary", "south-west"),
    ("Plymouth City Council", "unitary", "south-west"),
    ("Borough of Poole", "unitary", "south-west"),
    ("South Gloucestershire Council", "unitary", "south-west"),
    ("Swindon Borough Council", "unitary", "south-west"),
    ("Torbay Council", "unitary", "south-west"),
    ("Wiltshire Council", "unitary", "south-west"),
    ("Devon County Council", "county", "south-west"),
    ("Dorset County Council", "county", "south-west"),
    ("Gloucestershire County Council", "county", "south-west"),
    ("Somerset County Council", "county", "south-west"),
    ("East Devon District Council", "district", "south-west"),
    ("Exeter City Council", "district", "south-west"),
    ("Mid Devon District Council", "district", "south-west"),
    ("North Devon Council", "district", "south-west"),
    ("South Hams District Council", "district", "south-west"),
    ("Teignbridge District Council", "district", "south-west"),
    ("Torridge District Council", "district", "south-west"),
    ("West Devon Borough Council", "district", "south-west"),
    ("Christchurch Borough Council", "district", "south-west"),
    ("East Dorset District Council", "district", "south-west"),
    ("North Dorset District Council", "district", "south-west"),
    ("Purbeck District Council", "district", "south-west"),
    ("West Dorset District Council", "district", "south-west"),
    ("Weymouth and Portland Borough Council", "district", "south-west"),
    ("Cheltenham Borough Council", "district", "south-west"),
    ("Cotswold District Council", "district", "south-west"),
    ("Forest of Dean District Council", "district", "south-west"),
    ("Gloucester City Council", "district", "south-west"),
    ("Stroud District Council", "district", "south-west"),
    ("Tewkesbury Borough Council", "district", "south-west"),
    ("Mendip District Council", "district", "south-west"),
    ("Sedgemoor District Council", "district", "south-west"),
    ("South Somerset District Council", "district", "south-west"),
    ("Taunton Deane Borough Council", "district", "south-west"),
    ("West Somerset Council", "district", "south-west"),
    // Wales
    ("Blaenau Gwent County Borough Council", "unitary", "wales"),
    ("Bridgend County Borough Council", "unitary", "wales"),
    ("Caerphilly County Borough Council", "unitary", "wales"),
    ("Cardiff Council", "unitary", "wales"),
    ("Carmarthenshire County Council", "unitary", "wales"),
    ("Ceredigion County Council", "unitary", "wales"),
    ("Conwy County Borough Council", "unitary", "wales"),
    ("Denbighshire County Council", "unitary", "wales"),
    ("Flintshire County Council", "unitary", "wales"),
    ("Gwynedd Council", "unitary", "wales"),
    ("Isle of Anglesey County Council", "unitary", "wales"),
    ("Merthyr Tydfil County Borough Council", "unitary", "wales"),
    ("Monmouthshire County Council", "unitary", "wales"),
    ("Neath Port Talbot County Borough Council", "unitary", "wales"),
    ("Newport City Council", "unitary", "wales"),
    ("Pembrokeshire County Council", "unitary", "wales"),
    ("Powys County Council", "unitary", "wales"),
    ("Rhondda Cynon Taf County Borough Council", "unitary", "wales"),
    ("City and County of Swansea", "unitary", "wales"),
    ("Torfaen County Borough Council", "unitary", "wales"),
    ("Vale of Glamorgan Council", "unitary", "wales"),
    ("Wrexham County Borough Council", "unitary", "wales"),
];

/// Other public bodies that join councils now and then: (name, type, region).
#[rustfmt::skip]
const OTHER_PUBLIC_BODIES: &[(&str, &str, &str)] = &[
    ("Kent Police", "police", "south-east"),
    ("Surrey Police", "police", "south-east"),
    ("Avon and Somerset Constabulary", "police", "south-west"),
    ("Lancashire Constabulary", "police", "north-west"),
    ("West Yorkshire Police", "police", "yorkshire-humber"),
    ("Essex Police", "police", "east-of-england"),
    ("Northumbria Police", "police", "north-east"),
    ("Dyfed-Powys Police", "police", "wales"),
    ("Kent Fire and Rescue Service", "fire", "south-east"),
    ("Devon and Somerset Fire and Rescue Service", "fire", "south-west"),
    ("Greater Manchester Fire and Rescue Service", "fire", "north-west"),
    ("Leicestershire Fire and Rescue Service", "fire", "east-midlands"),
    ("London Fire Brigade", "fire", "london"),
    ("NHS Herefordshire", "health", "west-midlands"),
    ("NHS Somerset", "health", "south-west"),
    ("NHS Tameside and Glossop", "health", "north-west"),
    ("NHS Peterborough", "health", "east-of-england"),
    ("Torbay Care Trust", "health", "south-west"),
    ("NHS North Lincolnshire", "health", "yorkshire-humber"),
    ("Hywel Dda Health Board", "health", "wales"),
];

#[rustfmt::skip]
const PRIVATE_PARTNERS: &[&str] = &[
    "Capita", "BT", "Serco", "Liberata", "Agilisys", "Mouchel", "Steria", "Vertex", "Veolia Environmental Services", "Kier",
    "Amey", "IBM", "Northgate", "Arvato", "Balfour Beatty", "Biffa",
];

#[rustfmt::skip]
const VOLUNTARY_PARTNERS: &[&str] = &["Citizens Advice", "Age UK", "Groundwork", "Shelter", "Crossroads Care"];

/// How an organisation is named in running text: "Bromsgrove", "Kensington and Chelsea".
fn short_name(name: &str) -> &str {
    const PREFIXES: &[&str] = &[
        "London Borough of ",
        "Royal Borough of ",
        "Borough Council of ",
        "City and County of ",
        "Borough of ",
        "City of ",
    ];
    const SUFFIXES: &[&str] = &[
        " City and District Council",
        " Metropolitan Borough Council",
        " Metropolitan District Council",
        " County Borough Council",
        " Borough Council",
        " District Council",
        " County Council",
        " City Council",
        " Council",
    ];
    let mut s = name;
    for p in PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest;
            break;
        }
    }
    for x in SUFFIXES {
        if let Some(rest) = s.strip_suffix(x) {
            s = rest;
            break;
        }
    }
    s
}

const REGIONS: &[(&str, &str)] = &[
    ("north-east", "North East"),
    ("north-west", "North West"),
    ("yorkshire-humber", "Yorkshire and the Humber"),
    ("east-midlands", "East Midlands"),
    ("west-midlands", "West Midlands"),
    ("east-of-england", "East of England"),
    ("london", "London"),
    ("south-east", "South East"),
    ("south-west", "South West"),
    ("wales", "Wales"),
];

/// Functions, most common first: (slug, how the text names it).
const FUNCTIONS: &[(&str, &str)] = &[
    ("revenues-benefits", "revenues and benefits"),
    ("ict", "ICT"),
    ("procurement", "procurement"),
    ("waste", "waste collection and recycling"),
    ("senior-management", "senior management"),
    ("legal", "legal services"),
    ("building-control", "building control"),
    ("customer-services", "customer services"),
    ("hr", "human resources"),
    ("payroll", "payroll"),
    ("internal-audit", "internal audit"),
    ("finance", "finance and accountancy"),
    ("environmental-health", "environmental health"),
    ("planning", "planning"),
    ("property", "property and facilities management"),
    ("cctv", "CCTV monitoring"),
    ("trading-standards", "trading standards"),
    ("licensing", "licensing"),
    ("emergency-planning", "emergency planning"),
    ("economic-development", "economic development"),
    ("democratic-services", "democratic services"),
    ("electoral-services", "electoral registration"),
    ("libraries", "library services"),
    ("leisure-culture", "leisure and culture"),
    ("transport", "highways and transport"),
    ("housing", "housing"),
    ("community-safety", "community safety"),
    ("pensions", "pensions administration"),
    ("sustainability", "climate change work"),
    ("social-care", "social care"),
];

const MODELS: &[(&str, usize)] = &[
    ("joint-working", 25),
    ("lead-authority", 20),
    ("joint-committee", 14),
    ("shared-management", 15),
    ("company", 8),
    ("joint-venture", 7),
    ("outsourced-partnership", 11),
];

// ---------------------------------------------------------------------------
// The word list: each category ordered from most to least common.

#[rustfmt::skip]
const NOUNS: &[&str] = &[
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
const ACTORS: &[&str] = &[
    "officers", "members", "staff", "managers", "the partners", "the joint committee", "the project board",
    "the chief executives", "the leaders", "the unions", "the shared management team", "the programme board",
    "finance directors", "portfolio holders", "cabinet members", "the section 151 officers", "service heads",
    "front-line staff", "the partner councils", "the lead authority", "the client team", "the contractor",
    "the scrutiny committee", "auditors", "the Audit Commission", "consultants", "the regional improvement and efficiency partnership",
    "trade union representatives", "the steering group", "the HR leads", "the ICT managers", "the monitoring officers",
    "the shared service manager", "team leaders", "elected members", "the joint board", "the operations board",
];

#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
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
const VERBS_PAST: &[&str] = &[
    "agreed", "reduced", "delivered", "introduced", "reviewed", "merged", "combined", "improved", "approved",
    "streamlined", "standardised", "redesigned", "rationalised", "centralised", "relocated", "procured", "negotiated",
    "launched", "piloted", "tested", "evaluated", "benchmarked", "restructured", "transferred", "recruited", "trained",
    "consulted on", "supported", "strengthened", "protected", "maintained", "extended", "expanded", "simplified",
    "automated", "digitised", "integrated", "aligned", "harmonised", "renegotiated", "re-tendered", "pooled", "managed",
    "monitored", "tracked", "reported", "published", "challenged", "resolved", "secured", "identified", "prioritised",
    "scoped", "mapped", "modelled", "costed", "tackled", "overhauled", "replaced", "commissioned",
];

#[rustfmt::skip]
const VERBS_BASE: &[&str] = &[
    "share", "reduce", "improve", "deliver", "protect", "merge", "standardise", "redesign", "streamline", "integrate",
    "align", "harmonise", "automate", "simplify", "review", "procure", "manage", "support", "strengthen", "extend",
    "expand", "consolidate", "rationalise", "relocate", "retain", "recruit", "train", "engage", "consult on", "monitor",
    "measure", "benchmark", "challenge", "test", "agree", "secure", "sustain", "build", "develop", "plan", "fund",
    "cost", "map", "scope", "document",
];

#[rustfmt::skip]
const OUTCOMES: &[&str] = &[
    "savings", "efficiencies", "resilience", "capacity", "service quality", "performance", "value for money",
    "customer satisfaction", "economies of scale", "shared expertise", "career paths", "staff morale", "accountability",
    "local identity", "sovereignty", "political support", "trust", "buy-in", "cultural change", "cashable savings",
    "non-cashable benefits", "reduced duplication", "lower overheads", "faster processing", "better outcomes",
    "higher collection rates", "fewer complaints", "stronger governance", "clearer accountability", "purchasing power",
    "market leverage", "specialist skills", "succession planning", "flexibility", "continuity", "quality assurance",
    "compliance", "risk sharing", "investment", "innovation", "recycling rates", "response times",
];

#[rustfmt::skip]
const TIMES: &[&str] = &[
    "within the first year", "at the outset", "over three years", "from April", "during the transition", "early on",
    "in the first eighteen months", "by the end of the second year", "in the later phases", "before go-live",
    "after go-live", "over the life of the contract", "during consultation", "in the business case", "at each stage",
    "from day one", "over time", "in the longer term", "in the short term", "as the partnership matured",
    "in the pilot phase", "within budget", "ahead of schedule", "later than planned", "in phases",
];

#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "jointly", "carefully", "quickly", "gradually", "significantly", "largely", "steadily", "successfully", "deliberately",
    "consistently", "broadly", "substantially", "formally", "informally", "openly", "effectively", "initially",
    "eventually", "increasingly", "actively",
];

#[rustfmt::skip]
const CONNECTORS: &[&str] = &[
    "However,", "In addition,", "As a result,", "At the same time,", "In practice,", "For example,", "Over time,",
    "Initially,", "Importantly,", "Crucially,", "By contrast,", "Equally,", "Not surprisingly,", "In hindsight,",
];

#[rustfmt::skip]
const FREQUENCIES: &[&str] = &["monthly", "every six weeks", "quarterly", "fortnightly", "weekly", "twice a year"];

#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"];

#[rustfmt::skip]
const APPROACH: &[&str] = &[
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
const ACHIEVED: &[&str] = &[
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
const LEARNED: &[&str] = &[
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
const LIST_INTROS: &[&str] = &[
    "The main workstreams were:",
    "The partners agreed a small set of principles:",
    "The business case set out the following:",
    "The project board tracked:",
];

#[rustfmt::skip]
const LEARNED_LIST_INTROS: &[&str] = &[
    "The partners would give the following advice:",
    "Looking back, the main lessons are:",
    "Officers highlighted the following points:",
];

#[rustfmt::skip]
const TITLE_FORMS: &[&str] = &[
    "{partners}: shared {function}",
    "{partners}: {function} partnership",
    "{partners} {function} service",
    "{partners}: joint {function}",
    "{region} {function} partnership",
    "{lead} {function} shared service",
];

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "governance", "trust", "staff", "culture", "political-leadership", "business-case", "trading", "new-partners",
    "ict-integration", "tupe", "customer-focus", "resilience", "channel-shift", "accommodation", "sovereignty",
    "performance", "procurement-savings", "exit-arrangements",
];

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "John", "David", "Sarah", "Helen", "Paul", "Andrew", "Karen", "Susan", "Mark", "Peter", "Claire", "Richard", "Jane",
    "Stephen", "Alison", "Ian", "Julie", "Martin", "Gareth", "Rhian", "Siân", "Nicola", "Graham", "Fiona", "Kevin",
    "Rachel", "Simon", "Deborah", "Neil", "Catherine",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts",
    "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris",
    "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "O'Neill", "Morgan",
];

#[rustfmt::skip]
const ROLES: &[&str] = &[
    "Head of Shared Services", "Chief Executive", "Director of Resources", "Head of Revenues and Benefits", "ICT Manager",
    "Head of Procurement", "Partnership Manager", "Head of Legal and Democratic Services", "Head of Finance",
    "Strategic Director", "Head of Customer Services", "Waste Services Manager", "Programme Manager",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
];

// ---------------------------------------------------------------------------
// One case study.

struct Org {
    name: &'static str,
    org_type: &'static str,
    region: Option<&'static str>,
}

impl Org {
    fn short(&self) -> &'static str {
        short_name(self.name)
    }
}

struct Plan {
    index: usize,
    count: usize,
    partners: Vec<Org>,
    lead: Option<usize>,
    functions: Vec<usize>,
    model: &'static str,
    region_label: &'static str,
    year: usize,
    month: usize,
    day: usize,
}

impl Plan {
    fn new(rng: &mut Rng, index: usize, count: usize) -> Plan {
        let model = *rng.weighted(MODELS);
        let (region, region_label) = *rng.pick(REGIONS);
        let local: Vec<&(&str, &str, &str)> =
            ORGANISATIONS.iter().filter(|o| o.2 == region).collect();
        let mut wanted = [2, 2, 2, 3, 3, 3, 4, 5][rng.below(8)];
        let mut partners: Vec<Org> = Vec::new();
        let add = |partners: &mut Vec<Org>, org: Org| {
            if !partners.iter().any(|p| p.name == org.name) {
                partners.push(org);
            }
        };
        if matches!(model, "joint-venture" | "outsourced-partnership") || rng.chance(4) {
            let private = rng.chance(85);
            let name = if private {
                rng.pick(PRIVATE_PARTNERS)
            } else {
                rng.pick(VOLUNTARY_PARTNERS)
            };
            add(
                &mut partners,
                Org {
                    name,
                    org_type: if private { "private" } else { "voluntary" },
                    region: None,
                },
            );
            wanted = wanted.max(3);
        }
        if rng.chance(6) {
            let others: Vec<&(&str, &str, &str)> = OTHER_PUBLIC_BODIES
                .iter()
                .filter(|o| o.2 == region)
                .collect();
            if let Some(o) = others.get(rng.below(others.len().max(1))) {
                add(
                    &mut partners,
                    Org {
                        name: o.0,
                        org_type: o.1,
                        region: Some(o.2),
                    },
                );
            }
        }
        while partners.len() < wanted {
            let o = if rng.chance(7) {
                rng.pick(ORGANISATIONS)
            } else {
                *rng.pick(&local)
            };
            add(
                &mut partners,
                Org {
                    name: o.0,
                    org_type: o.1,
                    region: Some(o.2),
                },
            );
        }
        // Councils first, the way editors list them.
        partners.sort_by_key(|p| {
            !matches!(
                p.org_type,
                "county" | "district" | "unitary" | "metropolitan" | "london-borough"
            )
        });
        let lead = (model == "lead-authority" || rng.chance(25)).then_some(0);
        // 1 to 4 functions, fewer more often.
        let nfunctions = rng.range(1, 4).min(rng.range(1, 4));
        let functions = rng.distinct_zipf(FUNCTIONS.len(), nfunctions);
        let year = rng.range(2005, 2011);
        let month = rng.range(1, 12);
        let day = rng.range(1, days_in_month(year, month));
        Plan {
            index,
            count,
            partners,
            lead,
            functions,
            model,
            region_label,
            year,
            month,
            day,
        }
    }

    fn function_text(&self, i: usize) -> &'static str {
        FUNCTIONS[self.functions[i]].1
    }

    fn councils(&self) -> Vec<&Org> {
        let councils: Vec<&Org> = self
            .partners
            .iter()
            .filter(|p| p.region.is_some())
            .collect();
        if councils.is_empty() {
            self.partners.iter().collect()
        } else {
            councils
        }
    }

    fn partner_list(&self, max: usize) -> String {
        let names: Vec<&str> = self
            .councils()
            .iter()
            .take(max)
            .map(|p| p.short())
            .collect();
        english_list(&names)
    }

    fn title(&self, rng: &mut Rng) -> String {
        let form = if self.councils().len() > 3 {
            TITLE_FORMS[rng.range(4, 5)]
        } else {
            *rng.pick(TITLE_FORMS)
        };
        let lead = self.councils()[0].short();
        let title = form
            .replace("{partners}", &self.partner_list(3))
            .replace("{function}", self.function_text(0))
            .replace("{region}", self.region_label)
            .replace("{lead}", lead);
        capitalise(&title)
    }

    fn summary(&self, rng: &mut Rng) -> String {
        let partners = self.partner_list(5);
        let model_phrase = match self.model {
            "joint-working" => "working together while each keeps its own staff",
            "lead-authority" => "with one council delivering the service for the others",
            "joint-committee" => "overseen by a joint committee of members from each council",
            "shared-management" => "under a single shared management team",
            "company" => "through a company they jointly own",
            "joint-venture" => "through a joint venture with a private partner",
            _ => "through a jointly procured contract",
        };
        let functions: Vec<&str> = (0..self.functions.len())
            .map(|i| self.function_text(i))
            .collect();
        let verb = if self.councils().len() > 1 {
            "share"
        } else {
            "shares"
        };
        let mut s = format!(
            "{partners} {verb} {}, {model_phrase}.",
            english_list(&functions)
        );
        let extra = [
            " The arrangement has protected front-line services while reducing costs.",
            " Savings came mainly from fewer management posts and a single ICT system.",
            " The partners expect further savings as more services join.",
            " Resilience and shared expertise mattered as much as savings.",
        ];
        if rng.chance(70) {
            s.push_str(rng.pick_str(&extra));
        }
        if s.chars().count() > 300 {
            s = format!(
                "{} councils in the {} share {}.",
                self.councils().len(),
                self.region_label,
                english_list(&functions)
            );
        }
        capitalise(&s)
    }

    fn front_matter(&self, rng: &mut Rng, out: &mut String) {
        out.push_str("---\n");
        let _ = writeln!(out, "title: {}", quoted(&self.title(rng)));
        let _ = writeln!(out, "summary: {}", quoted(&self.summary(rng)));
        let _ = writeln!(
            out,
            "date: {:04}-{:02}-{:02}",
            self.year, self.month, self.day
        );
        let status = *rng.weighted(&[
            (Some("operating"), 50),
            (Some("in-progress"), 15),
            (Some("planned"), 10),
            (Some("ended"), 8),
            (None, 17),
        ]);
        if rng.chance(75) {
            let year = rng.range(2005, self.year);
            if rng.chance(60) {
                let max_month = if year == self.year { self.month } else { 12 };
                let _ = writeln!(out, "started: {year}-{:02}", rng.range(1, max_month));
            } else {
                let _ = writeln!(out, "started: {year}");
            }
        }
        if let Some(status) = status {
            let _ = writeln!(out, "status: {status}");
        }
        let _ = writeln!(out, "model: {}", self.model);
        let functions: Vec<&str> = self.functions.iter().map(|&i| FUNCTIONS[i].0).collect();
        let _ = writeln!(out, "functions: [{}]", functions.join(", "));
        out.push_str("partners:\n");
        for (i, p) in self.partners.iter().enumerate() {
            write_partner(out, p, self.lead == Some(i));
        }
        let projected = status == Some("planned");
        let savings = rng.weighted(&[(0, 20), (1, 35), (2, 25), (3, 12), (4, 8)]);
        self.money_list(rng, out, "savings", *savings, projected);
        let costs = rng.weighted(&[(0, 55), (1, 30), (2, 15)]);
        self.money_list(rng, out, "costs", *costs, projected);
        out.push_str("lessons:\n");
        for _ in 0..rng.range(2, 5) {
            let mut s = String::new();
            let template = *rng.pick(LEARNED);
            self.sentence(rng, template, &mut s);
            capitalise_from(&mut s, 0);
            let _ = writeln!(out, "  - {}", quoted(&s));
        }
        if rng.chance(85) {
            out.push_str("contacts:\n");
            for _ in 0..if rng.chance(15) { 2 } else { 1 } {
                self.contact(rng, out);
            }
        }
        out.push_str("sources:\n");
        self.source(rng, out);
        if rng.chance(30) {
            self.source(rng, out);
        }
        let ntags = rng.weighted(&[(0, 20), (1, 35), (2, 30), (3, 15)]);
        if *ntags > 0 {
            let tags: Vec<&str> = rng
                .distinct_zipf(TAGS.len(), *ntags)
                .into_iter()
                .map(|i| TAGS[i])
                .collect();
            let _ = writeln!(out, "tags: [{}]", tags.join(", "));
        }
        out.push_str("---\n");
    }

    fn money_list(&self, rng: &mut Rng, out: &mut String, field: &str, n: usize, projected: bool) {
        if n == 0 {
            return;
        }
        let _ = writeln!(out, "{field}:");
        let mut written = 0;
        while written < n {
            let period = *rng.weighted(&[("annual", 55), ("one-off", 25), ("total", 20)]);
            let period = if field == "costs" && period == "annual" && rng.chance(60) {
                "one-off"
            } else {
                period
            };
            let pounds = money_amount(rng, period);
            let status = if projected || rng.chance(30) {
                "projected"
            } else {
                "achieved"
            };
            let years = (period == "total").then(|| rng.range(3, 10));
            let note = money_note(rng, field);
            // Now and then a combined figure followed by each partner's share.
            if n - written >= 3 && self.partners.len() >= 2 && rng.chance(40) {
                write_money(
                    out,
                    rng,
                    pounds,
                    period,
                    years,
                    status,
                    None,
                    note.as_deref(),
                );
                let a = pounds * rng.range(30, 70) as u64 / 100 / 1000 * 1000;
                write_money(
                    out,
                    rng,
                    a,
                    period,
                    years,
                    status,
                    Some(self.partners[0].name),
                    None,
                );
                write_money(
                    out,
                    rng,
                    pounds - a,
                    period,
                    years,
                    status,
                    Some(self.partners[1].name),
                    None,
                );
                written += 3;
            } else {
                let partner = rng.chance(15).then(|| rng.pick(&self.partners).name);
                write_money(
                    out,
                    rng,
                    pounds,
                    period,
                    years,
                    status,
                    partner,
                    note.as_deref(),
                );
                written += 1;
            }
        }
    }

    fn contact(&self, rng: &mut Rng, out: &mut String) {
        let first = *rng.pick(FIRST_NAMES);
        let last = *rng.pick(LAST_NAMES);
        let org = self.councils()[rng.below(self.councils().len())];
        let _ = writeln!(
            out,
            "  - name: {}",
            plain_or_quoted(&format!("{first} {last}"))
        );
        let _ = writeln!(
            out,
            "    role: {}",
            plain_or_quoted(&format!("{}, {}", rng.zipf_pick(ROLES), org.name))
        );
        if rng.chance(70) {
            let local: String = last
                .chars()
                .filter(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_ascii_lowercase();
            let domain: String = org
                .short()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let initial = first.chars().next().unwrap_or('x').to_ascii_lowercase();
            let tld = if org.region.is_some() {
                "gov.uk"
            } else {
                "co.uk"
            };
            let _ = writeln!(out, "    email: {initial}.{local}@{domain}.{tld}");
        }
        if rng.chance(30) {
            let _ = writeln!(
                out,
                "    phone: \"01{:03} {:06}\"",
                rng.below(1000),
                rng.below(1_000_000)
            );
        }
    }

    fn source(&self, rng: &mut Rng, out: &mut String) {
        match rng.below(4) {
            0 | 1 => {
                out.push_str("  - title: \"Shared services and management: a guide for councils (Local Government Group, 2011)\"\n");
                if rng.chance(50) {
                    out.push_str("    section: \"Case studies of shared services activity\"\n");
                }
            }
            2 => {
                let org = self.councils()[0];
                let _ = writeln!(
                    out,
                    "  - title: {}",
                    quoted(&format!(
                        "{}, cabinet report on {}, {} {}",
                        org.name,
                        self.function_text(0),
                        rng.pick(MONTHS),
                        self.year
                    ))
                );
                let domain: String = org
                    .short()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase();
                let _ = writeln!(out, "    url: https://www.{domain}.gov.uk/");
            }
            _ => {
                let _ = writeln!(
                    out,
                    "  - title: {}",
                    quoted(&format!(
                        "Audit Commission inspection report, {}",
                        self.year
                    ))
                );
                out.push_str("    url: http://www.audit-commission.gov.uk/\n");
            }
        }
    }

    fn body(&self, rng: &mut Rng, out: &mut String) {
        out.push('\n');
        let footnote = rng.chance(5);
        out.push_str("## What was the approach?\n\n");
        let words = rng.range(300, 380);
        self.section(
            rng,
            out,
            APPROACH,
            words,
            Extra::List(LIST_INTROS),
            30,
            footnote,
        );
        out.push_str("## What's been achieved?\n\n");
        let words = rng.range(210, 290);
        self.section(rng, out, ACHIEVED, words, Extra::Table, 35, false);
        out.push_str("## What's been learned?\n\n");
        let words = rng.range(180, 250);
        self.section(
            rng,
            out,
            LEARNED,
            words,
            Extra::List(LEARNED_LIST_INTROS),
            40,
            false,
        );
        if footnote {
            out.push_str(
                "[^1]: Figures reported by the partner councils; not independently audited.\n",
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn section(
        &self,
        rng: &mut Rng,
        out: &mut String,
        templates: &[&str],
        words: usize,
        extra: Extra,
        extra_chance: usize,
        footnote: bool,
    ) {
        let mut written = 0;
        let mut paragraphs = 0;
        let extra_after = rng.chance(extra_chance).then(|| rng.range(0, 2));
        let mut footnote = footnote;
        let mut link = rng.chance(12);
        while written < words || paragraphs < 2 {
            let mut para = String::new();
            for i in 0..rng.range(3, 6) {
                if i > 0 {
                    para.push(' ');
                }
                let start = para.len();
                let template = *rng.pick(templates);
                if rng.chance(15) {
                    para.push_str(rng.pick_str(CONNECTORS));
                    para.push(' ');
                    // "However, the ..." rather than "However, The ...".
                    // Templates start with a placeholder or an ordinary word, never a name.
                    let first = para.len();
                    self.sentence(rng, template, &mut para);
                    if template.starts_with(|c: char| c.is_ascii_uppercase()) {
                        para[first..first + 1].make_ascii_lowercase();
                    }
                } else {
                    self.sentence(rng, template, &mut para);
                }
                capitalise_from(&mut para, start);
            }
            if footnote {
                insert_before_final_stop(&mut para, "[^1]");
                footnote = false;
            }
            if link {
                self.add_link(rng, &mut para);
                link = false;
            }
            written += para.split_whitespace().count();
            wrap(&para, out);
            out.push('\n');
            if extra_after == Some(paragraphs) {
                written += match extra {
                    Extra::List(intros) => self.list(rng, out, intros, templates),
                    Extra::Table => self.table(rng, out),
                };
            }
            paragraphs += 1;
        }
    }

    fn add_link(&self, rng: &mut Rng, para: &mut String) {
        if self.count > 1 && rng.chance(60) {
            let mut other = rng.below(self.count - 1);
            if other >= self.index {
                other += 1;
            }
            let _ = write!(
                para,
                " A [similar arrangement]({}) took a different route.",
                file_name(other)
            );
        } else {
            let f = FUNCTIONS[self.functions[0]];
            let _ = write!(
                para,
                " See other examples of [shared {}](/functions/{}/).",
                f.1, f.0
            );
        }
    }

    /// A bullet (or numbered) list; returns its word count.
    fn list(&self, rng: &mut Rng, out: &mut String, intros: &[&str], templates: &[&str]) -> usize {
        let mut words = 0;
        let intro = rng.pick(intros);
        out.push_str(intro);
        out.push_str("\n\n");
        words += intro.split_whitespace().count();
        let numbered = rng.chance(25);
        for i in 0..rng.range(3, 5) {
            let mut item = String::new();
            if rng.chance(40) {
                let _ = write!(item, "**{}**: ", capitalise(rng.zipf_pick(NOUNS)));
            }
            let start = item.len();
            let template = *rng.pick(templates);
            self.sentence(rng, template, &mut item);
            capitalise_from(&mut item, start);
            words += item.split_whitespace().count();
            if numbered {
                let _ = writeln!(out, "{}. {item}", i + 1);
            } else {
                let _ = writeln!(out, "- {item}");
            }
        }
        out.push('\n');
        words
    }

    /// A small table of savings by year; returns its word count.
    fn table(&self, rng: &mut Rng, out: &mut String) -> usize {
        let first = rng.range(2005, 2009);
        let rows = rng.range(2, 4);
        out.push_str("| Year | Saving | Posts removed |\n|---|---:|---:|\n");
        let mut saving = rng.range(5, 60) * 10_000;
        for y in first..first + rows {
            let _ = writeln!(
                out,
                "| {y}/{:02} | {} | {} |",
                (y + 1) % 100,
                pounds_with_commas(saving as u64),
                rng.range(0, 12)
            );
            saving += rng.range(1, 40) * 10_000;
        }
        out.push('\n');
        3 + rows * 3
    }

    /// Expands one template into `out`.
    fn sentence(&self, rng: &mut Rng, template: &str, out: &mut String) {
        let councils = self.councils();
        let p1 = rng.below(councils.len());
        let p2 = if councils.len() > 1 {
            (p1 + 1 + rng.below(councils.len() - 1)) % councils.len()
        } else {
            p1
        };
        let mut used: Vec<&'static str> = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("closed placeholder");
            let key = &rest[open + 1..close];
            rest = &rest[close + 1..];
            match key {
                "noun" => out.push_str(rng.fresh_pick(NOUNS, &mut used)),
                "adj" => out.push_str(rng.fresh_pick(ADJECTIVES, &mut used)),
                "a_adj" => {
                    let adj = rng.fresh_pick(ADJECTIVES, &mut used);
                    out.push_str(article(adj));
                    out.push(' ');
                    out.push_str(adj);
                }
                "actor" => out.push_str(rng.zipf_pick(ACTORS)),
                "vpast" => out.push_str(rng.zipf_pick(VERBS_PAST)),
                "vbase" => out.push_str(rng.zipf_pick(VERBS_BASE)),
                "vpresent" => {
                    let v = rng.zipf_pick(VERBS_BASE);
                    out.push_str(&third_person(v));
                }
                "vgerund" => {
                    let v = rng.zipf_pick(VERBS_BASE);
                    out.push_str(&gerund(v));
                }
                "outcome" => out.push_str(rng.fresh_pick(OUTCOMES, &mut used)),
                "time" => out.push_str(rng.zipf_pick(TIMES)),
                "adv" => out.push_str(rng.zipf_pick(ADVERBS)),
                "freq" => out.push_str(rng.zipf_pick(FREQUENCIES)),
                "nword" => out.push_str(rng.pick_str(&NUMBER_WORDS[..4])),
                "partner" => out.push_str(councils[p1].short()),
                "partner2" => out.push_str(councils[p2].short()),
                "function" => out.push_str(self.function_text(rng.below(self.functions.len()))),
                "year" => {
                    let _ = write!(out, "{}", rng.range(2005, 2011));
                }
                "money" => {
                    let pounds = money_amount(rng, "annual");
                    out.push_str(&money_text(rng, pounds));
                }
                "highpct" => {
                    let _ = write!(out, "{}%", rng.range(62, 96));
                }
                "pct" => {
                    let _ = write!(out, "{}%", rng.range(2, 35));
                }
                "bigdays" => {
                    let _ = write!(out, "{}", rng.range(15, 45));
                }
                "smalldays" => {
                    let _ = write!(out, "{}", rng.range(3, 14));
                }
                "nposts" => {
                    let n = rng.range(2, 40);
                    if n <= 10 {
                        out.push_str(NUMBER_WORDS[n - 2]);
                    } else {
                        let _ = write!(out, "{n}");
                    }
                }
                "thousands" => out.push_str(
                    &pounds_with_commas(rng.range(5, 400) as u64 * 1000).replace('£', ""),
                ),
                other => unreachable!("unknown placeholder {other}"),
            }
        }
        out.push_str(rest);
    }
}

#[derive(Clone, Copy)]
enum Extra {
    List(&'static [&'static str]),
    Table,
}

fn write_partner(out: &mut String, p: &Org, lead: bool) {
    let _ = writeln!(out, "  - name: {}", plain_or_quoted(p.name));
    let _ = writeln!(out, "    type: {}", p.org_type);
    if let Some(region) = p.region {
        let _ = writeln!(out, "    region: {region}");
    }
    if lead {
        out.push_str("    lead: true\n");
    }
}

#[allow(clippy::too_many_arguments)]
fn write_money(
    out: &mut String,
    rng: &mut Rng,
    pounds: u64,
    period: &str,
    years: Option<usize>,
    status: &str,
    partner: Option<&str>,
    note: Option<&str>,
) {
    let amount = if rng.chance(40) {
        pounds.to_string()
    } else {
        quoted(&money_text(rng, pounds))
    };
    let _ = writeln!(out, "  - amount: {amount}");
    let _ = writeln!(out, "    period: {period}");
    if let Some(y) = years {
        let _ = writeln!(out, "    years: {y}");
    }
    if status != "achieved" || rng.chance(50) {
        let _ = writeln!(out, "    status: {status}");
    }
    if let Some(p) = partner {
        let _ = writeln!(out, "    partner: {}", plain_or_quoted(p));
    }
    if let Some(n) = note {
        let _ = writeln!(out, "    note: {}", quoted(n));
    }
}

/// A plausible amount in whole pounds, rounded the way reports round.
fn money_amount(rng: &mut Rng, period: &str) -> u64 {
    // Log-uniform-ish: pick a magnitude, then a mantissa.
    let (lo, hi) = match period {
        "annual" => (4, 6),
        "one-off" => (4, 6),
        _ => (5, 7),
    };
    let magnitude = 10u64.pow(rng.range(lo, hi) as u32);
    let mantissa = rng.range(10, 99) as u64;
    let raw = magnitude * mantissa / 10;
    match rng.below(3) {
        0 => raw / 1000 * 1000,
        1 => raw / 10_000 * 10_000,
        _ => (raw / 100_000 * 100_000).max(100_000),
    }
}

/// `£1.2m`, `£30.7 million`, `£71k` or `£450,000`, exactly equal to `pounds`.
fn money_text(rng: &mut Rng, pounds: u64) -> String {
    if pounds >= 1_000_000 && pounds.is_multiple_of(100_000) {
        let whole = pounds / 1_000_000;
        let tenth = pounds / 100_000 % 10;
        let number = if tenth == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{tenth}")
        };
        return if rng.chance(50) {
            format!("£{number}m")
        } else {
            format!("£{number} million")
        };
    }
    if pounds.is_multiple_of(1000) && pounds < 1_000_000 && rng.chance(50) {
        return format!("£{}k", pounds / 1000);
    }
    pounds_with_commas(pounds)
}

fn pounds_with_commas(pounds: u64) -> String {
    let digits = pounds.to_string();
    let mut out = String::from("£");
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn money_note(rng: &mut Rng, field: &str) -> Option<String> {
    if !rng.chance(55) {
        return None;
    }
    let n = rng.range(2, 11);
    let note = if field == "costs" {
        match rng.below(4) {
            0 => "Redundancy and pension strain costs".to_owned(),
            1 => format!("ICT integration and {}", rng.zipf_pick(NOUNS)),
            2 => "Project management and legal advice".to_owned(),
            _ => format!(
                "Set-up costs for the {} {}",
                rng.zipf_pick(ADJECTIVES),
                rng.zipf_pick(NOUNS)
            ),
        }
    } else {
        match rng.below(4) {
            0 => format!("{} fewer management posts", capitalise(NUMBER_WORDS[n - 2])),
            1 => format!("Lower {} costs", rng.zipf_pick(NOUNS)),
            2 => format!("From {} and {}", rng.zipf_pick(NOUNS), rng.zipf_pick(NOUNS)),
            _ => format!("Reduced spending on {}", rng.zipf_pick(NOUNS)),
        }
    };
    Some(capitalise(&note))
}

// ---------------------------------------------------------------------------
// Text helpers.

fn english_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn capitalise(s: &str) -> String {
    let mut out = s.to_owned();
    capitalise_from(&mut out, 0);
    out
}

/// Upper-cases the ASCII letter at byte `start`, if there is one.
fn capitalise_from(s: &mut String, start: usize) {
    if let Some(c) = s[start..].chars().next().filter(char::is_ascii_lowercase) {
        s.replace_range(start..start + 1, &c.to_ascii_uppercase().to_string());
    }
}

fn article(word: &str) -> &'static str {
    let lower = word.to_ascii_lowercase();
    let vowel = lower.starts_with(['a', 'e', 'i', 'o'])
        || (lower.starts_with('u') && !lower.starts_with("uni") && !lower.starts_with("use"));
    if vowel { "an" } else { "a" }
}

fn third_person(verb: &str) -> String {
    let (head, tail) = verb.split_once(' ').map_or((verb, ""), |(h, t)| (h, t));
    let s = if head.ends_with("sh")
        || head.ends_with('s')
        || head.ends_with("ch")
        || head.ends_with('x')
    {
        format!("{head}es")
    } else if head.ends_with('y') && !head.ends_with("ey") && !head.ends_with("ay") {
        format!("{}ies", &head[..head.len() - 1])
    } else {
        format!("{head}s")
    };
    if tail.is_empty() {
        s
    } else {
        format!("{s} {tail}")
    }
}

fn gerund(verb: &str) -> String {
    let (head, tail) = verb.split_once(' ').map_or((verb, ""), |(h, t)| (h, t));
    let g = if head.ends_with('e') && !head.ends_with("ee") {
        format!("{}ing", &head[..head.len() - 1])
    } else if matches!(head, "plan" | "map") {
        format!("{head}{}ing", &head[head.len() - 1..])
    } else {
        format!("{head}ing")
    };
    if tail.is_empty() {
        g
    } else {
        format!("{g} {tail}")
    }
}

/// Puts `marker` before the paragraph's final full stop.
fn insert_before_final_stop(para: &mut String, marker: &str) {
    if para.ends_with('.') {
        let at = para.len() - 1;
        para.insert_str(at, marker);
    } else {
        para.push_str(marker);
    }
}

/// Writes `text` wrapped at 80 columns, as editors' files are.
fn wrap(text: &str, out: &mut String) {
    let mut column = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let len = word.chars().count();
        if column > 0 && column + 1 + len > 80 {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
    }
    out.push('\n');
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Plain when YAML would read it back unchanged as text, quoted otherwise.
fn plain_or_quoted(s: &str) -> String {
    let safe = s.chars().next().is_some_and(|c| c.is_alphabetic())
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | ',' | '.' | '&'))
        && !s.contains(": ")
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off"
        );
    if safe { s.to_owned() } else { quoted(s) }
}

/// Days in a month, from the content format's own date rules.
fn days_in_month(year: usize, month: usize) -> usize {
    usize::from(crate::content::date::days_in_month(
        year as u16,
        month as u8,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A fresh, unique scratch folder under the system temp dir.
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("compendium-synth-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch folder");
        dir
    }

    fn read_corpus(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let folder = dir.join("content").join("case-studies");
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
            .expect("read corpus")
            .map(|e| {
                let e = e.expect("entry");
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).expect("read file"),
                )
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn same_seed_gives_identical_bytes() {
        let a = scratch("same-a");
        let b = scratch("same-b");
        generate(&a, 20, 42).expect("generate a");
        generate(&b, 20, 42).expect("generate b");
        let (fa, fb) = (read_corpus(&a), read_corpus(&b));
        assert_eq!(fa.len(), 20);
        assert_eq!(fa, fb);
        // Only case studies are written: no site.yaml, nothing else.
        let top: Vec<_> = std::fs::read_dir(a.join("content"))
            .expect("content")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(top, vec![std::ffi::OsString::from("case-studies")]);
        let _ = std::fs::remove_dir_all(&a);
        let _ = std::fs::remove_dir_all(&b);
    }

    #[test]
    fn different_seeds_differ() {
        let a = case_study(1, 0, 10);
        let b = case_study(2, 0, 10);
        assert_ne!(a, b);
        assert_ne!(case_study(1, 0, 10), case_study(1, 1, 10));
        // A case study does not depend on the corpus size unless it links to another.
        assert_eq!(case_study(7, 3, 10), case_study(7, 3, 10));
    }

    #[test]
    fn a_smaller_run_removes_stale_files() {
        let dir = scratch("stale");
        generate(&dir, 12, 5).expect("generate");
        generate(&dir, 4, 5).expect("regenerate");
        let names: Vec<String> = read_corpus(&dir).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            vec![
                "synth-00000.md",
                "synth-00001.md",
                "synth-00002.md",
                "synth-00003.md"
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn bodies_are_about_900_words() {
        let mut total = 0;
        for i in 0..40 {
            let text = case_study(9, i, 40);
            let body = text.splitn(3, "---\n").nth(2).expect("body");
            let words = body.split_whitespace().count();
            assert!(
                (600..1400).contains(&words),
                "case study {i} has {words} words"
            );
            total += words;
            for section in [
                "## What was the approach?",
                "## What's been achieved?",
                "## What's been learned?",
            ] {
                assert!(body.contains(section), "{section} missing from {i}");
            }
        }
        let mean = total / 40;
        assert!((800..1000).contains(&mean), "mean body length {mean} words");
    }

    #[test]
    fn word_frequencies_are_skewed() {
        let mut counts: std::collections::BTreeMap<String, usize> =
            std::collections::BTreeMap::new();
        for i in 0..100 {
            let text = case_study(3, i, 100);
            let body = text.splitn(3, "---\n").nth(2).expect("body");
            for w in body
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
            {
                *counts.entry(w.to_lowercase()).or_default() += 1;
            }
        }
        let mut freqs: Vec<usize> = counts.values().copied().collect();
        freqs.sort_unstable_by(|a, b| b.cmp(a));
        assert!(freqs.len() > 500, "only {} distinct words", freqs.len());
        // Zipf-like: log(frequency) against log(rank) has a slope near -1.
        let n = 500;
        let xs: Vec<f64> = (1..=n).map(|r| (r as f64).ln()).collect();
        let ys: Vec<f64> = freqs[..n].iter().map(|&f| (f as f64).ln()).collect();
        let (mx, my) = (
            xs.iter().sum::<f64>() / n as f64,
            ys.iter().sum::<f64>() / n as f64,
        );
        let cov: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
        let var: f64 = xs.iter().map(|x| (x - mx) * (x - mx)).sum();
        let slope = cov / var;
        assert!(
            (-1.4..-0.7).contains(&slope),
            "rank-frequency slope {slope}"
        );
    }

    #[test]
    fn a_generated_corpus_passes_validation() {
        let dir = scratch("valid");
        generate(&dir, 50, 2011).expect("generate");
        let opts = crate::pipeline::Options {
            root: dir.clone(),
            include_drafts: false,
            base_url: None,
        };
        let built = match crate::pipeline::run(&opts) {
            Ok(built) => built,
            Err(diags) => panic!(
                "{}",
                crate::diagnostics::render_all(&diags, crate::diagnostics::Format::Human, false)
            ),
        };
        assert_eq!(built.site.case_studies.len(), 50);
        assert!(
            built.warnings.is_empty(),
            "{}",
            crate::diagnostics::render_all(
                &built.warnings,
                crate::diagnostics::Format::Human,
                false
            )
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Every organisation of the built-in lists, in one case study: the
    /// pipeline must accept their types and regions, and must not take any two
    /// of them for one organisation spelled two ways.
    #[test]
    fn every_organisation_is_valid_and_distinct() {
        let dir = scratch("orgs");
        let folder = dir.join("content").join("case-studies");
        std::fs::create_dir_all(&folder).expect("folder");
        let mut text = String::from(
            "---\ntitle: \"Everyone\"\nsummary: \"All the organisations.\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [ict]\npartners:\n",
        );
        for o in ORGANISATIONS.iter().chain(OTHER_PUBLIC_BODIES) {
            write_partner(
                &mut text,
                &Org {
                    name: o.0,
                    org_type: o.1,
                    region: Some(o.2),
                },
                false,
            );
        }
        for name in PRIVATE_PARTNERS {
            write_partner(
                &mut text,
                &Org {
                    name,
                    org_type: "private",
                    region: None,
                },
                false,
            );
        }
        for name in VOLUNTARY_PARTNERS {
            write_partner(
                &mut text,
                &Org {
                    name,
                    org_type: "voluntary",
                    region: None,
                },
                false,
            );
        }
        text.push_str("---\n\nBody.\n");
        std::fs::write(folder.join("all.md"), text).expect("write");
        let opts = crate::pipeline::Options {
            root: dir.clone(),
            include_drafts: false,
            base_url: None,
        };
        match crate::pipeline::run(&opts) {
            Ok(built) => {
                assert!(
                    built.warnings.is_empty(),
                    "{}",
                    crate::diagnostics::render_all(
                        &built.warnings,
                        crate::diagnostics::Format::Human,
                        false
                    )
                );
                let expected = ORGANISATIONS.len()
                    + OTHER_PUBLIC_BODIES.len()
                    + PRIVATE_PARTNERS.len()
                    + VOLUNTARY_PARTNERS.len();
                assert_eq!(built.site.organisations.len(), expected);
            }
            Err(diags) => panic!(
                "{}",
                crate::diagnostics::render_all(&diags, crate::diagnostics::Format::Human, false)
            ),
        }
        for o in ORGANISATIONS {
            let short = short_name(o.0);
            assert!(
                !short.is_empty() && !short.contains("Council"),
                "{} → {short}",
                o.0
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn money_text_is_exact() {
        let mut rng = Rng(1);
        for _ in 0..2000 {
            let pounds = money_amount(&mut rng, "total");
            let text = money_text(&mut rng, pounds);
            assert_eq!(
                crate::content::amount::parse_amount(&text),
                Ok(pounds as i64 * 100),
                "{text}"
            );
        }
    }

    #[test]
    fn rng_is_stable() {
        // Pinned outputs: a change here changes every generated corpus.
        let mut r = Rng(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        let mut r = Rng(1234567);
        assert_eq!(r.next_u64(), 6457827717110365317);
        let mut z = Rng(5);
        let mut hits = [0usize; 4];
        for _ in 0..10_000 {
            hits[z.zipf(4)] += 1;
        }
        assert!(
            hits[0] > hits[1] && hits[1] > hits[2] && hits[2] > hits[3],
            "{hits:?}"
        );
    }
}
