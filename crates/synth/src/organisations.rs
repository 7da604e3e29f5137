//! The organisations case studies are made of: real councils with their type
//! and region, and a few other public, private and voluntary bodies.

/// (name, type, region) of real English and Welsh councils as they stood in
/// 2009–2011, and a few other public, private and voluntary bodies.
#[rustfmt::skip]
pub(crate) const ORGANISATIONS: &[(&str, &str, &str)] = &[
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
pub(crate) const OTHER_PUBLIC_BODIES: &[(&str, &str, &str)] = &[
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
pub(crate) const PRIVATE_PARTNERS: &[&str] = &[
    "Capita", "BT", "Serco", "Liberata", "Agilisys", "Mouchel", "Steria", "Vertex", "Veolia Environmental Services", "Kier",
    "Amey", "IBM", "Northgate", "Arvato", "Balfour Beatty", "Biffa",
];

#[rustfmt::skip]
pub(crate) const VOLUNTARY_PARTNERS: &[&str] = &["Citizens Advice", "Age UK", "Groundwork", "Shelter", "Crossroads Care"];

/// How an organisation is named in running text: "Bromsgrove", "Kensington and Chelsea".
pub(crate) fn short_name(name: &str) -> &str {
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

pub(crate) struct Org {
    pub(crate) name: &'static str,
    pub(crate) org_type: &'static str,
    pub(crate) region: Option<&'static str>,
}

impl Org {
    pub(crate) fn short(&self) -> &'static str {
        short_name(self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::write_partner;
    use crate::tests::scratch;

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
        let opts = compendium::pipeline::Options {
            root: dir.clone(),
            include_drafts: false,
            base_url: None,
        };
        match compendium::pipeline::run(&opts) {
            Ok(built) => {
                assert!(
                    built.warnings.is_empty(),
                    "{}",
                    compendium::diagnostics::render_all(
                        &built.warnings,
                        compendium::diagnostics::Format::Human,
                        false
                    )
                );
                let expected = ORGANISATIONS.len()
                    + OTHER_PUBLIC_BODIES.len()
                    + PRIVATE_PARTNERS.len()
                    + VOLUNTARY_PARTNERS.len();
                assert_eq!(built.site.all_organisations().len(), expected);
            }
            Err(diags) => panic!(
                "{}",
                compendium::diagnostics::render_all(
                    &diags,
                    compendium::diagnostics::Format::Human,
                    false
                )
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
}
