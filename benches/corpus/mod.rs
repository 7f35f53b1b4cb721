//! Deterministic benchmark-corpus generator, shared by the criterion benches (`mod corpus;`)
//! and by `examples/gen_corpus.rs` (`#[path = "../benches/corpus/mod.rs"] mod corpus;`), so there is
//! one copy of it.
//!
//! It writes English news articles in the style of `seeds/` about an open-ended series of
//! border crises: state A strikes a militant group in state B in a named operation, B condemns
//! it and sometimes strikes back, foreign ministers telephone each other, third states and
//! international organisations urge restraint or offer mediation, officials are quoted with
//! their titles — plus filler prose and the traps of news language ("called for closer
//! cooperation", "what it called a violation", "told Reuters by telephone", "designated X a
//! terrorist organisation").
//!
//! Everything is a pure function of `(seed, document index)`: document `i` is generated from
//! its own SplitMix64 stream, and every entity is a pure function of its key (an official is
//! `(state, office, term)`, a group `(state, k)`, an operation `(state, k)`), so the same
//! arguments give byte-identical files, documents can be generated in parallel, and a corpus
//! of N MB is a prefix of a corpus of M > N MB. The population of entities grows with the
//! corpus (roughly with the square root of the number of documents, as the vocabulary of a
//! real news stream does): more states take part, office holders change, new groups and new
//! operations appear — so the graph grows with the corpus. The only input is the schema's
//! `states.tsv` (names, column 1; capitals, column 4; demonyms, column 6), `offices.tsv`
//! (titles) and `organizations.tsv` (mediating organisations), read at start-up; with the
//! same schema files the output is the same.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, and good enough for text generation.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
    /// In `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The SplitMix64 finaliser.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn hash(parts: &[u64]) -> u64 {
    parts.iter().fold(0x6A09_E667_F3BC_C908, |h, &p| {
        mix64(h ^ p.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    })
}

fn isqrt(n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    let mut x = (n as f64).sqrt() as u64;
    while x * x > n {
        x -= 1;
    }
    while (x + 1) * (x + 1) <= n {
        x += 1;
    }
    x
}

// ---------------------------------------------------------------------------------------------
// Names

/// Consonants of generated names. A name's consonant sequence encodes its id with no letter
/// repeated next to itself, so two ids never share a consonant skeleton — newsgraph matches
/// transliteration variants by skeleton, and distinct generated people must stay distinct.
const CONSONANTS: &[u8] = b"bdfghjklmnprstvzq";
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "a", "i", "a", "ai", "e", "u", "ou"];

/// A capitalised word of `min_syllables` or more consonant–vowel syllables whose consonants
/// spell `id` in mixed radix (17 for the first, 16 for the others, skipping the previous
/// consonant): distinct ids give distinct consonant skeletons. `style` varies the vowels.
fn coined(id: u64, min_syllables: usize, style: u64) -> String {
    let n = CONSONANTS.len() as u64;
    let mut digits = Vec::new();
    let mut rest = id;
    digits.push((rest % n) as usize);
    rest /= n;
    while rest > 0 || digits.len() < min_syllables {
        digits.push((rest % (n - 1)) as usize);
        rest /= n - 1;
    }
    let mut out = String::new();
    let mut prev = usize::MAX;
    for (k, d) in digits.iter().enumerate() {
        let c = if k == 0 {
            *d
        } else if *d >= prev {
            d + 1
        } else {
            *d
        };
        prev = c;
        let v = VOWELS[(hash(&[id, style, k as u64]) % VOWELS.len() as u64) as usize];
        let ch = CONSONANTS[c] as char;
        if k == 0 {
            out.push(ch.to_ascii_uppercase());
        } else {
            out.push(ch);
        }
        // "q" reads better as "qa"/"qu" and never doubles a vowel cluster
        out.push_str(if ch == 'q' { "a" } else { v });
    }
    out
}

const GIVEN: &[&str] = &[
    "Ahmad", "Hassan", "Karim", "Farid", "Javed", "Imran", "Tariq", "Nadia", "Leila", "Samir",
    "Omar", "Yusuf", "Selim", "Murat", "Elena", "Marta", "Kofi", "Amina", "Ibrahim", "Rustam",
    "Dilshod", "Arjun", "Ravi", "Priya", "Mehmet", "Aylin", "Sergei", "Olga", "Pavel", "Hiroshi",
    "Kenji", "Laura", "Diego", "Mateo", "Carlos", "Sonia", "Nikolai", "Dmitri", "Zainab", "Fatima",
    "Aisha", "Bilal", "Hamza", "Khalid", "Rashid", "Walid", "Nabil", "Faisal", "Anwar", "Jalal",
    "Kamran", "Shahid", "Saeed", "Majid", "Reza", "Mahmoud", "Hossein", "Mohsen", "Vahid", "Babak",
    "Dariush", "Farhad", "Goran", "Stefan", "Tomas", "Pieter", "Henrik", "Lars", "Anders",
    "Ingrid", "Astrid", "Kwame", "Chidi", "Emeka", "Tunde", "Amadou", "Moussa", "Ousmane", "Fatou",
    "Aminata", "Thabo", "Sipho", "Nomvula", "Mariam", "Yasmin", "Rania", "Hana", "Layla", "Noor",
    "Salma", "Idris", "Zoran", "Milos", "Andrei", "Irina", "Katarina", "Mikhail", "Ayesha",
    "Rahim", "Naveed", "Sajid", "Asif", "Junaid",
];

// ---------------------------------------------------------------------------------------------
// The world, from the schema

#[derive(Debug, Clone)]
pub struct State {
    pub name: String,
    pub demonym: String,
    /// Capital, when it reads well as an all-capitals dateline ("ISLAMABAD:").
    pub capital: Option<String>,
}

/// Office titles the generator uses, when `offices.tsv` has them.
const WANTED_OFFICES: &[&str] = &[
    "Foreign Minister",
    "Prime Minister",
    "Interior Minister",
    "Defence Minister",
    "Ambassador",
    "Information Minister",
    "Governor",
    "Spokesperson",
    "President",
    "National Security Adviser",
];

/// Organisations that urge restraint and offer mediation, when `organizations.tsv` has them.
const WANTED_MEDIATORS: &[&str] = &[
    "United Nations",
    "European Union",
    "Organisation of Islamic Cooperation",
    "Arab League",
    "African Union",
    "Gulf Cooperation Council",
    "ASEAN",
    "Shanghai Cooperation Organisation",
    "Organization of American States",
    "United Nations Security Council",
];

/// Office indices in `World::offices`, by role (`None` when the schema lacks the title).
#[derive(Debug, Clone, Copy)]
struct Roles {
    fm: usize,
    pm: usize,
    interior: usize,
    defence: usize,
    ambassador: usize,
    information: usize,
    governor: usize,
    spokesperson: usize,
    president: usize,
    nsa: usize,
}

pub struct World {
    /// Every state with a demonym, in a seeded order: the population grows along it.
    pub states: Vec<State>,
    pub offices: Vec<String>,
    pub mediators: Vec<String>,
    /// Words of the schema's names (case-folded): generated names must not collide with them.
    forbidden: HashSet<String>,
    roles: Roles,
}

fn tsv_rows(path: &Path) -> io::Result<Vec<Vec<String>>> {
    let text = fs::read_to_string(path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}

impl World {
    pub fn load(schema: &Path, seed: u64) -> io::Result<World> {
        let mut forbidden = HashSet::new();
        let mut forbid = |s: &str| {
            for w in s.split(|c: char| !c.is_alphanumeric()) {
                if !w.is_empty() {
                    forbidden.insert(w.to_lowercase());
                }
            }
        };
        let mut states = Vec::new();
        for row in tsv_rows(&schema.join("states.tsv"))? {
            for f in &row {
                forbid(f);
            }
            let name = row[0].clone();
            let demonym = row
                .get(5)
                .and_then(|d| d.split('|').next())
                .unwrap_or("")
                .trim()
                .to_string();
            let capital = row.get(3).map(|c| c.trim().to_string()).filter(|c| {
                !c.is_empty()
                    && c.chars()
                        .all(|ch| ch.is_alphabetic() || ch == ' ' || ch == '-')
            });
            if !demonym.is_empty() {
                states.push(State {
                    name,
                    demonym,
                    capital,
                });
            }
        }
        // Seeded Fisher–Yates: which states come first depends on the seed.
        let mut rng = Rng::new(hash(&[seed, 0x5747]));
        for i in (1..states.len()).rev() {
            let j = rng.below(i + 1);
            states.swap(i, j);
        }
        let mut org_names = Vec::new();
        for file in ["organizations.tsv", "groups.tsv", "places.tsv"] {
            for row in tsv_rows(&schema.join(file))? {
                for f in &row {
                    forbid(f);
                }
                if file == "organizations.tsv" {
                    org_names.push(row[0].clone());
                }
            }
        }
        let mut titles = Vec::new();
        for row in tsv_rows(&schema.join("offices.tsv"))? {
            for f in &row {
                forbid(f);
            }
            titles.push(row[0].clone());
        }
        if let Ok(rows) = tsv_rows(&schema.join("lexicon.tsv")) {
            for row in rows {
                if let Some(f) = row.get(2) {
                    forbid(f);
                }
            }
        }
        let offices: Vec<String> = WANTED_OFFICES
            .iter()
            .filter(|t| titles.iter().any(|x| x == *t))
            .map(|t| t.to_string())
            .collect();
        let role = |t: &str| offices.iter().position(|x| x == t).unwrap_or(0);
        if offices.is_empty() || states.len() < 4 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "schema has too few states or office titles",
            ));
        }
        let roles = Roles {
            fm: role("Foreign Minister"),
            pm: role("Prime Minister"),
            interior: role("Interior Minister"),
            defence: role("Defence Minister"),
            ambassador: role("Ambassador"),
            information: role("Information Minister"),
            governor: role("Governor"),
            spokesperson: role("Spokesperson"),
            president: role("President"),
            nsa: role("National Security Adviser"),
        };
        let mediators = WANTED_MEDIATORS
            .iter()
            .filter(|m| org_names.iter().any(|x| x == *m))
            .map(|m| m.to_string())
            .collect();
        Ok(World {
            states,
            offices,
            mediators,
            forbidden,
            roles,
        })
    }

    /// A coined word that is not a word of any schema name.
    fn word(&self, id: u64, syllables: usize, style: u64) -> String {
        let mut s = style;
        loop {
            let w = coined(id, syllables, s);
            if !self.forbidden.contains(&w.to_lowercase()) {
                return w;
            }
            s = s.wrapping_add(0x1_0000);
        }
    }
}

// Namespaces of coined words, so that a surname never equals a town.
const NS_SURNAME: u64 = 0;
const NS_GROUP: u64 = 1;
const NS_PROVINCE: u64 = 2;
const NS_TOWN: u64 = 3;
const NS_REGION: u64 = 4;
const NS_PAPER: u64 = 5;
const NS_REPORTER: u64 = 6;
const NAMESPACES: u64 = 8;

const OP_FIRST: &[&str] = &[
    "Iron", "Steel", "Swift", "Silent", "Ashen", "Sable", "Eastern", "Ember", "Crimson", "Golden",
    "Black", "Desert", "Mountain", "River", "Thunder", "Falcon", "Eagle", "Lion", "Tiger", "Cedar",
    "Granite", "Copper", "Midnight", "Dawn", "Burning", "Rising", "Valiant", "Vigilant",
    "Resolute", "Decisive", "Radiant", "Silver", "Marg", "Zarb", "Radd", "Zafar", "Sahil",
    "Tamkeen", "Fajr", "Tufan", "Qamar", "Sayf", "Karama", "Hamza", "Azm", "Qadr", "Shams", "Noor",
    "Sarv", "Kohsar", "Ghazab", "Sabr", "Tir", "Parvaz", "Barq", "Sher", "Jawab", "Bunyan",
    "Jalal", "Toofan", "Aab", "Sadiq", "Vajra", "Trishul",
];
const OP_SECOND: &[&str] = &[
    "Shield",
    "Sword",
    "Arrow",
    "Hammer",
    "Anvil",
    "Sentinel",
    "Resolve",
    "Retort",
    "Harvest",
    "Horizon",
    "Spear",
    "Fortress",
    "Tempest",
    "Lightning",
    "Dagger",
    "Lance",
    "Citadel",
    "Guardian",
    "Vanguard",
    "Beacon",
    "Torrent",
    "Avalanche",
    "Cyclone",
    "Meteor",
    "Comet",
    "Phoenix",
    "Wolf",
    "Hawk",
    "Cobra",
    "Scorpion",
    "Viper",
    "Panther",
    "Bar",
    "Sarmachar",
    "Azb",
    "Fasad",
    "Momin",
    "Marsoos",
    "Mubeen",
    "Kaleed",
    "Sahm",
    "Hazm",
    "Kasar",
    "Jihan",
    "Qahir",
    "Sultani",
    "Amaan",
    "Paigham",
    "Nijat",
    "Istiqamat",
    "Hisar",
    "Kavach",
    "Agni",
    "Prahar",
    "Garuda",
    "Sindoor",
    "Pratap",
    "Raksha",
    "Tezz",
    "Sangram",
    "Vijay",
    "Chakra",
    "Dhruv",
    "Astra",
];
const OP_THIRD: &[&str] = &[
    "Ghazi", "Zulfiqar", "Haidari", "Shaheen", "Mehran", "Ababeel", "Burraq", "Saffron", "Indigo",
    "Cobalt", "Obsidian", "Onyx", "Jade", "Amber", "Topaz",
];
const GROUP_PATTERNS: usize = 8;

/// The index of the current holder of an office, of the current group or operation of a state:
/// it grows with the square root of the document index, at a pace and phase of its own.
fn epoch(doc: usize, pace: u64, key: &[u64]) -> u64 {
    let phase = hash(key) % pace;
    isqrt((doc as u64 + phase) / pace)
}

impl World {
    /// How many states take part by document `doc`: 12 at first, all of them after ~30,000 documents.
    pub fn state_pool(&self, doc: usize) -> usize {
        (12 + isqrt(doc as u64 / 2) as usize).min(self.states.len())
    }

    /// A person's name from a unique id: "Given [Middle] Surname".
    fn person(&self, id: u64) -> String {
        let h = hash(&[id, 0xFACE]);
        let given = GIVEN[(h % GIVEN.len() as u64) as usize];
        let surname = self.word(id * NAMESPACES + NS_SURNAME, 3, h >> 8);
        if (h >> 40) % 10 < 3 {
            let middle = GIVEN[((h >> 20) % GIVEN.len() as u64) as usize];
            if middle != given {
                return format!("{given} {middle} {surname}");
            }
        }
        format!("{given} {surname}")
    }

    /// The holder of `office` for state `s` at document `doc`.
    pub fn official(&self, s: usize, office: usize, doc: usize) -> String {
        let term = epoch(doc, 1500, &[s as u64, office as u64, 0x0FF1]).min(63);
        self.person(((s as u64 * 16 + office as u64) << 6) + term)
    }

    fn region(&self, s: usize, k: u64) -> String {
        self.word(((s as u64) << 8 | k) * NAMESPACES + NS_REGION, 3, 7)
    }

    /// The `k`-th armed group based in state `s`: (name, acronym if it has one).
    pub fn group(&self, s: usize, k: u64) -> (String, Option<String>) {
        let id = (s as u64) << 8 | k;
        let pattern = (hash(&[id, 0x6209]) % GROUP_PATTERNS as u64) as usize;
        let region = self.region(s, k);
        let word = self.word(id * NAMESPACES + NS_GROUP, 2, 3);
        let initial = region.chars().next().unwrap();
        let (name, acronym) = match pattern {
            0 => (
                format!("{region} Liberation Front"),
                Some(format!("{initial}LF")),
            ),
            1 => (
                format!("{region} Liberation Army"),
                Some(format!("{initial}LA")),
            ),
            2 => (format!("Jaish al-{word}"), None),
            3 => (format!("Ansar al-{word}"), None),
            4 => (
                format!("{region} Revolutionary Army"),
                Some(format!("{initial}RA")),
            ),
            5 => (format!("Lashkar-e-{word}"), None),
            6 => (
                format!("{region} Mujahideen Brigade"),
                Some(format!("{initial}MB")),
            ),
            _ => (
                format!("{region} Resistance Movement"),
                Some(format!("{initial}RM")),
            ),
        };
        // An acronym the gazetteer knows would be read as that group: leave it out.
        let acronym = acronym.filter(|a| !self.forbidden.contains(&a.to_lowercase()));
        (name, acronym)
    }

    /// The group active in state `s` at document `doc` (one of the two most recent).
    pub fn group_at(&self, s: usize, doc: usize, rng: &mut Rng) -> (String, Option<String>) {
        let k = epoch(doc, 700, &[s as u64, 0x6A0F]) + rng.below(2) as u64;
        self.group(s, k.min(255))
    }

    /// The `k`-th named operation of state `s` (without "Operation"): two words, or three
    /// when needed to keep every (state, k) distinct.
    pub fn operation(&self, s: usize, k: u64) -> String {
        // A bijection of (s, k) onto 0..2^16, then its base-64 digits pick the words.
        let id = ((s as u64) << 8 | k.min(255)) & 0xFFFF;
        let id = (id.wrapping_mul(40_503).wrapping_add(0x3039)) & 0xFFFF;
        let (x, y, z) = (id % 64, (id / 64) % 64, id / 4096);
        let a = OP_FIRST[x as usize];
        let b = OP_SECOND[((y + 13 * x) % 64) as usize];
        if z == 0 {
            format!("{a} {b}")
        } else {
            format!("{a} {} {b}", OP_THIRD[z as usize - 1])
        }
    }

    pub fn operation_at(&self, s: usize, doc: usize) -> String {
        self.operation(s, epoch(doc, 400, &[s as u64, 0x0B5]).min(255))
    }

    pub fn province(&self, s: usize, k: u64) -> String {
        let w = self.word(((s as u64) << 8 | k) * NAMESPACES + NS_PROVINCE, 3, 5);
        if hash(&[s as u64, k, 0x9A]).is_multiple_of(4) {
            let w2 = self.word(
                ((s as u64) << 8 | k | 0x80) * NAMESPACES + NS_PROVINCE,
                3,
                9,
            );
            format!("{w}-{w2}")
        } else {
            w
        }
    }

    pub fn province_at(&self, s: usize, doc: usize, rng: &mut Rng) -> String {
        let n = 2 + epoch(doc, 900, &[s as u64, 0x9B]);
        self.province(s, rng.below(n as usize + 1) as u64)
    }

    pub fn town_at(&self, s: usize, doc: usize, rng: &mut Rng) -> String {
        let n = 3 + epoch(doc, 500, &[s as u64, 0x70]);
        self.word(
            ((s as u64) << 12 | rng.below(n as usize + 1) as u64) * NAMESPACES + NS_TOWN,
            3,
            13,
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Articles

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const NUMBERS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "11", "12", "14", "17", "23",
];

/// Days since 1970-01-01 → (year, month 1-12, day) (Howard Hinnant's civil_from_days).
fn civil(days: i64) -> (i64, usize, usize) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as usize;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as usize;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The roles of one article.
struct Cast {
    a: usize,
    b: usize,
    c: usize,
    d: usize,
    mediator_org: Option<String>,
    group: (String, Option<String>),
    group2: (String, Option<String>),
    op: String,
    op2: String,
    prov_b: String,
    prov_a: String,
    town_b: String,
    weekday: usize,
    published: String,
}

/// Text builder with the quoting style of the article (curly or straight).
struct Writer<'w> {
    world: &'w World,
    doc: usize,
    rng: Rng,
    curly: bool,
    cast: Cast,
    /// Filler templates not used yet in this article (drawn without replacement).
    bag: Vec<usize>,
}

const FILLERS: usize = 44;

impl Writer<'_> {
    fn q(&self, s: &str) -> String {
        if self.curly {
            format!("“{s}”")
        } else {
            format!("\"{s}\"")
        }
    }
    fn sq(&self, s: &str) -> String {
        if self.curly {
            format!("‘{s}’")
        } else {
            format!("'{s}'")
        }
    }
    fn poss(&self, s: &str) -> String {
        if self.curly {
            format!("{s}’s")
        } else {
            format!("{s}'s")
        }
    }
    fn st(&self, s: usize) -> &str {
        &self.world.states[s].name
    }
    fn dem(&self, s: usize) -> &str {
        &self.world.states[s].demonym
    }
    fn off(&self, s: usize, office: usize) -> String {
        self.world.official(s, office, self.doc)
    }
    fn surname(name: &str) -> &str {
        name.rsplit(' ').next().unwrap_or(name)
    }
    fn n(&mut self) -> &'static str {
        NUMBERS[self.rng.below(NUMBERS.len())]
    }
    fn wd(&mut self) -> &'static str {
        // A day of the week before publication, as news writes it.
        let back = self.rng.range(1, 4);
        WEEKDAYS[(self.cast.weekday + 7 - back) % 7]
    }
    fn group_ref(&self, g: &(String, Option<String>)) -> String {
        match &g.1 {
            Some(acr) => format!("{} ({acr})", g.0),
            None => g.0.clone(),
        }
    }
    fn mediator(&mut self) -> String {
        match &self.cast.mediator_org {
            Some(org) if self.rng.chance(50) => format!("the {org}"),
            _ => self.st(self.cast.c).to_string(),
        }
    }

    fn strike_lead(&mut self) -> String {
        let (a, b) = (self.cast.a, self.cast.b);
        let (sa, sb, da) = (
            self.st(a).to_string(),
            self.st(b).to_string(),
            self.dem(a).to_string(),
        );
        let pb = self.poss(&sb);
        let prov = self.cast.prov_b.clone();
        let g = self.group_ref(&self.cast.group.clone());
        let wd = self.wd();
        let n = self.n();
        match self.rng.below(6) {
            0 => format!("{sa} carried out airstrikes on militant hideouts in {pb} {prov} province on {wd}, killing at least {n} people, officials said."),
            1 => format!("{da} forces on {wd} launched missile and drone attacks on what {sa} said were bases of the militant group {g} in {pb} southwestern border province of {prov}."),
            2 => format!("Tensions erupted on {wd} after {da} security forces launched what they said were {} on the bases of the militant group {g} in {pb} border province of {prov}.", self.q("missile and drone attacks")),
            3 => format!("{sa} on {wd} carried out retaliatory airstrikes against {} in {pb} {prov} province, which were used to launch attacks against {da} security forces.", self.q("terrorist hideouts")),
            4 => format!("The {da} attack on {sb} killed {n} civilians, including children, in the border town of {}, local officials said.", self.cast.town_b),
            _ => format!("{sa} struck {} in {pb} {prov} province on {wd}, in an intelligence-based operation codenamed {}.", self.q(&format!("hideouts used by terrorist organisations namely {g}")), self.sq(&self.cast.op.clone())),
        }
    }

    fn operation_para(&mut self) -> String {
        let (sa, sb) = (
            self.st(self.cast.a).to_string(),
            self.st(self.cast.b).to_string(),
        );
        let op = self.cast.op.clone();
        let g = self.cast.group.0.clone();
        let pa = self.poss(&sa);
        match self.rng.below(4) {
            0 => format!("{pa} military said the operation, codenamed {}, targeted hideouts used by the {g} inside {sb}.", self.q(&op)),
            1 => format!("The forum also took stock of the {}, which was successfully executed against {}-based militants residing on the ungoverned spaces inside {sb}.", self.sq(&format!("Operation {op}")), self.dem(self.cast.b)),
            2 => format!("{} He stated that {pa} Operation {} was aimed at terrorist camps inside {sb} and that {sa} has no interest or desire in escalation,{} the statement said.", if self.curly { "“" } else { "\"" }, self.sq(&op), if self.curly { "”" } else { "\"" }),
            _ => format!("{sa} conducted Operation {op} against militant positions in {sb}, the army{} media wing said, adding that maximum care was taken to avoid collateral damage.", if self.curly { "’s" } else { "'s" }),
        }
    }

    fn retaliation(&mut self) -> String {
        let (sa, sb) = (
            self.st(self.cast.a).to_string(),
            self.st(self.cast.b).to_string(),
        );
        let pa = self.poss(&sa);
        let prov = self.cast.prov_a.clone();
        let g2 = self.group_ref(&self.cast.group2.clone());
        let op2 = self.cast.op2.clone();
        let wd = self.wd();
        match self.rng.below(3) {
            0 => format!("The next day, {sb} struck back at hideouts of the {g2} in {pa} {prov} province, in an operation codenamed {}.", self.sq(&op2)),
            1 => format!("In retaliation, {sb} also carried out {} inside {pa} {prov} province to target terrorist hideouts.", self.q("precision strikes")),
            _ => format!("Before {sb} struck back on {wd}, it had publicly told {sa} that it reserved the right to respond to the provocative act, and it did."),
        }
    }

    fn condemnation(&mut self) -> String {
        let (a, b, c) = (self.cast.a, self.cast.b, self.cast.c);
        let (sa, sb, sc) = (
            self.st(a).to_string(),
            self.st(b).to_string(),
            self.st(c).to_string(),
        );
        let (da, db, dc) = (
            self.dem(a).to_string(),
            self.dem(b).to_string(),
            self.dem(c).to_string(),
        );
        let fm_b = self.off(b, self.world.roles.fm);
        let n = self.n();
        match self.rng.below(6) {
            0 => format!("{sb} condemned the attack as a {} of its territorial sovereignty, saying it killed {n} children and injured several other civilians.", self.q("blatant violation")),
            1 => format!("{sb} strongly condemned the unprovoked violation of its airspace that resulted in the killing of {n} civilians."),
            2 => format!("The {dc} foreign ministry denounced the strikes on {sb} and called them a violation of international law."),
            3 => format!("Expressing {} unreserved condemnation of the attack, {db} Foreign Minister {fm_b} said the incident had caused serious damage to bilateral ties between {sb} and {sa}.", self.poss(&sb)),
            4 => format!("{sc} condemned the {da} strikes, saying they endangered regional peace and stability."),
            _ => format!("{sb} had condemned the strikes, and summoned {} charge d{}affaires {} according to a statement by foreign ministry spokesman {}.", self.poss(&sa), if self.curly { "’" } else { "'" }, self.q(&format!("to protest and request an explanation from the {da} government,")), self.off(b, self.world.roles.spokesperson)),
        }
    }

    fn phone_call(&mut self) -> String {
        let (a, b, c) = (self.cast.a, self.cast.b, self.cast.c);
        let r = self.world.roles;
        let (fa, fb, fc) = (self.off(a, r.fm), self.off(b, r.fm), self.off(c, r.fm));
        let (da, db, dc) = (
            self.dem(a).to_string(),
            self.dem(b).to_string(),
            self.dem(c).to_string(),
        );
        let wd = self.wd();
        match self.rng.below(5) {
            0 => format!("This culminated late {wd} evening with a telephone call between Foreign Minister {fb} and his {da} counterpart {fa}, in which both ministers talked about the return of ambassadors of the two countries to their respective capitals."),
            1 => format!("Earlier, {dc} Foreign Minister {fc} telephoned his {db} counterpart {fb} to discuss the ongoing developments between {} and {}.", self.st(a), self.st(b)),
            2 => format!("The development came during a telephonic conversation between Foreign Minister {fa} and his {db} counterpart {fb}, the foreign ministry spokesperson said in a statement."),
            3 => format!("{da} Foreign Minister {fa} called {db} Foreign Minister {fb} on {wd} to convey his government{} position.", if self.curly { "’s" } else { "'s" }),
            _ => format!("According to the foreign ministry, the agreement originated from a phone conversation between Foreign Minister {fb} and his {da} counterpart {fa}."),
        }
    }

    fn mediation(&mut self) -> String {
        let (a, b, c, d) = (self.cast.a, self.cast.b, self.cast.c, self.cast.d);
        let (sa, sb, sc, sd) = (
            self.st(a).to_string(),
            self.st(b).to_string(),
            self.st(c).to_string(),
            self.st(d).to_string(),
        );
        let w = self.mediator();
        let w_cap = capitalise(&w);
        match self.rng.below(6) {
            0 => format!("{w_cap} urged the two countries to exercise restraint and ease tensions with each other."),
            1 => format!("{sc}, which had last year mediated between {sd} and {sb}, also urged both sides to de-escalate the situation."),
            2 => format!("Military tensions between the two countries prompted {w} and {sd} to urge the two neighbours to exercise restraint."),
            3 => format!("{sc} offered to mediate between {sa} and {sb}, its foreign ministry said."),
            4 => format!("{w_cap} called on {sa} and {sb} to {}.", self.q("exercise maximum restraint to avoid a further escalation of tensions")),
            _ => format!("In this regard, senior {} and {} diplomats reached out to each other on Friday morning, with {sc}, {sd} and {w} calling for restraint and working behind the scenes.", self.dem(a), self.dem(b)),
        }
    }

    fn officials(&mut self) -> String {
        let (a, b) = (self.cast.a, self.cast.b);
        let r = self.world.roles;
        let (sa, sb, da, db) = (
            self.st(a).to_string(),
            self.st(b).to_string(),
            self.dem(a).to_string(),
            self.dem(b).to_string(),
        );
        let prov = self.cast.prov_b.clone();
        let n = self.n();
        let wd = self.wd();
        match self.rng.below(8) {
            0 => format!("{db} Interior Minister {} said all the dead {}.", self.off(b, r.interior), self.q("were foreign nationals")),
            1 => format!("{}, {}, was recalled to {} for consultations.", {
                let p = self.poss(&sa);
                format!("{p} Ambassador to {sb}")
            }, self.off(a, r.ambassador), self.world.states[a].capital.clone().unwrap_or_else(|| sa.clone())),
            2 => format!("{} {n} men were also killed in the attack this morning in one of the border villages,{} the news agency said quoting {}, deputy provincial governor of the {prov} province.", if self.curly { "“" } else { "\"" }, if self.curly { "”" } else { "\"" }, self.off(b, r.governor)),
            3 => format!("Caretaker Prime Minister {} chaired a meeting of the National Security Committee on {wd} to review the situation along the border with {sb}.", self.off(a, r.pm)),
            4 => format!("{db} Defence Minister {} warned that any further violation would be met with full force.", self.off(b, r.defence)),
            5 => format!("Meanwhile, {da} Ambassador to {sb} {} tweeted from his personal account, pointing to the many times that {sa} had supported {sb}.", self.off(a, r.ambassador)),
            6 => format!("{da} President {} said on {wd} that his country respected the sovereignty and territorial integrity of its neighbours.", self.off(a, r.president)),
            _ => format!("{db} National Security Adviser {} briefed the cabinet about the situation arising from the {da} attack.", self.off(b, r.nsa)),
        }
    }

    fn group_activity(&mut self) -> String {
        let sa = self.st(self.cast.a).to_string();
        let g = self.cast.group.0.clone();
        let town = self.cast.town_b.clone();
        let n = self.n();
        match self.rng.below(3) {
            0 => format!("{sa} accused {g} of carrying out attacks on its soil, and last month the group stormed a police station in {town}, killing {n} police officers."),
            1 => format!("The {g} claimed responsibility for an attack on a police station in {town} that killed {n} members of the security forces."),
            _ => format!("Officials said the militant group {g} had attacked a checkpoint near {town} and {} security forces on both sides of the border.", "regularly attacks"),
        }
    }

    fn trap(&mut self) -> String {
        let (a, b, c) = (self.cast.a, self.cast.b, self.cast.c);
        let r = self.world.roles;
        let (sa, sb, sc) = (
            self.st(a).to_string(),
            self.st(b).to_string(),
            self.st(c).to_string(),
        );
        let g = self.cast.group.0.clone();
        let wd = self.wd();
        match self.rng.below(6) {
            0 => format!("{} foreign minister on {wd} called for {} with {sb} on security matters, as the two neighbours sought to defuse tensions.", self.poss(&sa), self.q("closer cooperation")),
            1 => format!("A meeting of {} top security body praised its military for responding to what it called an unlawful violation of its sovereignty by {sa}, and urged both countries to use dialogue and diplomacy to resolve their differences.", self.poss(&sb)),
            2 => {
                let pm = self.off(b, r.pm);
                format!("PM {} will chair the high-level meeting, caretaker Information Minister {} told Reuters by telephone.", Self::surname(&pm), self.off(b, r.information))
            }
            3 => format!("The {sc} has designated the {g} as a global terrorist organization."),
            4 => format!("It must be noted that despite the tense few weeks, {} Foreign Office has called {sb} a brotherly country.", sa),
            _ => format!("He underscored the need for closer cooperation on security issues with {sb}, the statement said."),
        }
    }

    fn filler(&mut self) -> String {
        let (a, b) = (self.cast.a, self.cast.b);
        let (sa, sb, da, db) = (
            self.st(a).to_string(),
            self.st(b).to_string(),
            self.dem(a).to_string(),
            self.dem(b).to_string(),
        );
        let pa = self.poss(&sa);
        let pb = self.poss(&sb);
        let n = self.n();
        let km = 300 + 100 * self.rng.below(15);
        let month = MONTHS[self.rng.below(12)];
        let pct = self.rng.range(3, 40);
        if self.bag.is_empty() {
            self.bag = (0..FILLERS).collect();
            for k in (1..self.bag.len()).rev() {
                let j = self.rng.below(k + 1);
                self.bag.swap(k, j);
            }
        }
        match self.bag.pop().unwrap() {
            0 => format!("The meeting reaffirmed that the security and safety of the people of {sb} is of paramount importance and no stone would be left unturned to ensure it."),
            1 => format!("{sa} and {sb} share a nearly {km}-kilometre border that has been rife with separatists, militants and smugglers for decades, and both countries accuse each other of not doing enough to address security challenges."),
            2 => "The cross-border attacks between the two countries mark an unprecedented escalation in an already tense bilateral relationship.".to_string(),
            3 => format!("During the meeting, participants were briefed about political and diplomatic developments bearing upon the prevailing situation between {sa} and {sb} and its impact on the overall security milieu in the region."),
            4 => "An update on the situation along the borders and necessary full preparations done to comprehensively respond to any further violation of national sovereignty was also deliberated.".to_string(),
            5 => format!("The committee also reiterated the resolve to deal with the menace of terrorism, in all its forms and manifestations, with an iron hand. The forum also highlighted that {sb} has suffered far more than any other country due to the scourge of terrorism."),
            6 => format!("{} close brotherly relations between {sa} and {sb}, the foreign minister expressed {pb} desire to work with {sa} based on spirit of mutual trust and cooperation,{} said the Foreign Office.", if self.curly { "“Underscoring the" } else { "\"Underscoring the" }, if self.curly { "”" } else { "\"" }),
            7 => "The two foreign ministers agreed that working-level cooperation and close coordination on counterterrorism and other aspects of mutual concern should be strengthened. They also agreed to de-escalate the situation.".to_string(),
            8 => format!("These engagements at different diplomatic levels came as {sb} showed to the world that it would not remain silent and should not be taken for granted."),
            9 => format!("The statement said the return of ambassadors of the two countries to their respective capitals was also discussed. {sb} had recalled its envoy after the airstrike."),
            10 => format!("Initially, state media reported {n} women and children were killed in blasts. It later updated the death toll."),
            11 => format!("{da} officials have for years accused {sb} of harbouring militants, a charge {db} officials deny."),
            12 => format!("The {month} crisis has heightened concerns about regional stability, particularly amid ongoing conflicts elsewhere in the region."),
            13 => format!("Analysts said the exchange was a message to other regional state and non-state actors that {pb} sovereignty is not something to be taken lightly."),
            14 => format!("It is therefore not fair to blame {sb} for actions of groups that are not even inside the territory of {sb}."),
            15 => format!("Trade between the two neighbours, worth about {n} billion dollars a year, was expected to resume once the border crossings reopen."),
            16 => "The topographical tri-border area is not only rugged terrain but one that features different populations and groups belonging to different backgrounds and adhering to different ideals.".to_string(),
            17 => "Leaders and high officials of both countries know that only terrorists and enemies of both countries benefit from the existing tension between the two neighbouring countries.".to_string(),
            18 => format!("{pa} commitment to sovereignty and territorial integrity of all countries in accordance with the UN charter and international norms was reiterated at the meeting."),
            19 => format!("The {month} talks are expected to resume next week, diplomats said, although no date has been set."),
            20 => format!("Residents of the border districts said markets had reopened and schools were expected to resume classes within {n} days."),
            22 => format!("The {db} currency fell {pct} percent against the dollar in the week after the strikes, before recovering some of its losses."),
            23 => format!("Aid agencies said {n} thousand people had been displaced on the {da} side of the border and appealed for tents, food and medicine."),
            24 => "Flights over the region were diverted for several hours, aviation authorities said, and commercial traffic later resumed.".to_string(),
            25 => format!("Opposition leaders in {sa} demanded a debate in parliament on the government's handling of the crisis."),
            26 => format!("Shops, schools and government offices in the border districts of {sb} remained closed for a second day."),
            27 => "Analysts warned that the exchange of fire could embolden militant groups operating in the lawless frontier region.".to_string(),
            28 => format!("The {month} clashes were the most serious between the two neighbours in more than a decade, according to researchers who track the conflict."),
            29 => format!("Security was tightened at airports, ports and government buildings across {sb}, police said."),
            30 => format!("State television in {sa} broadcast footage of what it described as the wreckage of militant camps, which could not be independently verified."),
            31 => "Diplomats said back-channel contacts had continued throughout the crisis even as public rhetoric hardened.".to_string(),
            32 => format!("Border crossings between the two countries, used by thousands of traders each day, were closed until further notice, a {db} customs official said."),
            33 => format!("Fuel prices in the border towns rose by nearly {pct} percent as smuggling routes were shut."),
            34 => "The government said it would compensate the families of those killed and pay for the treatment of the injured.".to_string(),
            35 => format!("Historians note that {sa} was among the first countries to recognise {sb} after its independence, and the two have long described their ties as fraternal."),
            36 => "Local journalists said mobile internet services had been suspended in parts of the province since the attack.".to_string(),
            37 => format!("Religious leaders on both sides of the border appealed for calm during Friday prayers, saying the people of {sa} and {sb} were brothers."),
            38 => format!("Markets in {sa} fell {pct} points at the opening before recovering later in the day."),
            39 => "The army said its troops remained on high alert along the frontier and that leave had been cancelled.".to_string(),
            40 => format!("Parliament in {sb} passed a resolution backing the armed forces and calling on the government to raise the matter at international forums."),
            41 => format!("It is perhaps disappointing that historical cooperation between {sa} and {sb}, such as support in international forums, was completely ignored while making such an imprudent decision."),
            42 => "Satellite images reviewed by independent analysts showed damage to several structures, but the full extent of the destruction was unclear.".to_string(),
            43 => format!("Thousands of people rallied in the capital of {sb} on {month} evenings, waving flags and chanting slogans in support of the military."),
            _ => "The two countries would mutually be able to overcome minor irritants through dialogue and diplomacy and pave the way to further deepen their historic relations, the statement concluded.".to_string(),
        }
    }

    fn headline(&mut self) -> String {
        let (sa, sb, da) = (
            self.st(self.cast.a).to_string(),
            self.st(self.cast.b).to_string(),
            self.dem(self.cast.a).to_string(),
        );
        match self.rng.below(5) {
            0 => format!(
                "{sb}, {sa} agree to {} after tit-for-tat airstrikes",
                self.sq("de-escalate")
            ),
            1 => format!("{sa} strikes militant hideouts inside {sb}"),
            2 => format!("{sb} condemns {da} strikes, recalls envoy"),
            3 => format!("{sb} and {sa} dial down border tensions after reciprocal airstrikes"),
            _ => format!("{sb} and {sa} Conflicts"),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Wraps a paragraph into narrow-column fragments with blank lines, as PDF copy-paste does
/// (seed 001): exercises newsgraph's line-wrap repair.
fn column_wrap(p: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    let width = rng.range(18, 40);
    for (k, w) in p.split(' ').enumerate() {
        if k > 0 {
            if line_len + w.len() > width {
                out.push_str(if rng.chance(20) { "\n\n\n\n" } else { "\n" });
                line_len = 0;
            } else {
                out.push(' ');
                line_len += 1;
            }
        }
        out.push_str(w);
        line_len += w.len();
    }
    out
}

/// The corpus generator.
pub struct Corpus {
    pub world: World,
    pub seed: u64,
}

pub const DEFAULT_SEED: u64 = 42;

impl Corpus {
    pub fn new(schema: impl AsRef<Path>, seed: u64) -> io::Result<Corpus> {
        Ok(Corpus {
            world: World::load(schema.as_ref(), seed)?,
            seed,
        })
    }

    /// Document `i`: (id = file stem, text).
    pub fn document(&self, i: usize) -> (String, String) {
        let world = &self.world;
        let mut rng = Rng::new(hash(&[self.seed, i as u64, 0xD0C]));
        let id = format!("{i:07}_{:016x}", hash(&[self.seed, i as u64]));
        // Cast
        let pool = world.state_pool(i);
        let pick_state = |rng: &mut Rng, not: &[usize]| loop {
            // a third of the time one of the newest states, so every state enters the story
            let s = if rng.chance(30) {
                pool - 1 - rng.below(pool.min(6))
            } else {
                rng.below(pool)
            };
            if !not.contains(&s) {
                break s;
            }
        };
        let a = pick_state(&mut rng, &[]);
        let b = pick_state(&mut rng, &[a]);
        let c = pick_state(&mut rng, &[a, b]);
        let d = pick_state(&mut rng, &[a, b, c]);
        // 2024-01-01 (day 19723) onwards, about 60 articles a day.
        let day = 19_723 + (i / 60) as i64;
        let (y, m, dd) = civil(day);
        let weekday = ((day + 3).rem_euclid(7)) as usize; // 1970-01-01 was a Thursday (index 3)
        let published = format!("{} {dd}, {y}", MONTHS[m - 1]);
        let mediator_org =
            (!world.mediators.is_empty()).then(|| rng.pick(&world.mediators).clone());
        let group = world.group_at(b, i, &mut rng);
        let group2 = world.group_at(a, i, &mut rng);
        let cast = Cast {
            a,
            b,
            c,
            d,
            mediator_org,
            group,
            group2,
            op: world.operation_at(a, i),
            op2: world.operation_at(b, i),
            prov_b: world.province_at(b, i, &mut rng),
            prov_a: world.province_at(a, i, &mut rng),
            town_b: world.town_at(b, i, &mut rng),
            weekday,
            published,
        };
        let curly = rng.chance(60);
        let mut w = Writer {
            world,
            doc: i,
            rng,
            curly,
            cast,
            bag: Vec::new(),
        };

        // Body paragraphs: the story, in a plausible order, then filler up to the target size.
        let mut paras: Vec<String> = Vec::new();
        paras.push(w.strike_lead());
        if w.rng.chance(70) {
            paras.push(w.operation_para());
        }
        if w.rng.chance(50) {
            paras.push(w.retaliation());
        }
        for _ in 0..w.rng.range(1, 2) {
            paras.push(w.condemnation());
        }
        for _ in 0..w.rng.range(1, 2) {
            paras.push(w.phone_call());
        }
        for _ in 0..w.rng.range(1, 2) {
            paras.push(w.mediation());
        }
        for _ in 0..w.rng.range(1, 3) {
            paras.push(w.officials());
        }
        if w.rng.chance(60) {
            paras.push(w.group_activity());
        }
        for _ in 0..w.rng.range(1, 2) {
            paras.push(w.trap());
        }
        // Interleave filler, keeping the lead first; paragraphs of 1-3 sentences.
        let target = w.rng.range(3_000, 9_500);
        let mut size: usize = paras.iter().map(|p| p.len() + 2).sum();
        let mut body: Vec<String> = Vec::with_capacity(paras.len() * 2);
        let mut story = paras.into_iter();
        body.push(story.next().unwrap());
        let mut story: Vec<String> = story.collect();
        story.reverse();
        while !story.is_empty() || size < target {
            if !story.is_empty() && (size >= target || w.rng.chance(45)) {
                let mut p = story.pop().unwrap();
                if w.rng.chance(30) {
                    p.push(' ');
                    p.push_str(&w.filler());
                }
                body.push(p);
            } else {
                let mut p = w.filler();
                for _ in 0..w.rng.below(3) {
                    p.push(' ');
                    p.push_str(&w.filler());
                }
                size += p.len() + 2;
                body.push(p);
            }
        }

        // Layout, after one of the seeds.
        let style = w.rng.below(4);
        let mut t = String::with_capacity(size + 600);
        let headline = w.headline();
        let reporter = |w: &mut Writer, k: u64| {
            format!(
                "{} {}",
                w.rng.pick(GIVEN),
                world.word(
                    ((i as u64) << 2 | k) % 5000 * NAMESPACES + NS_REPORTER,
                    2,
                    1
                )
            )
        };
        let paper = format!(
            "{} {}",
            world.word((i as u64 % 300) * NAMESPACES + NS_PAPER, 2, 2),
            ["Times", "Tribune", "Herald", "Daily", "Observer"][i % 5]
        );
        let capital = world.states[a]
            .capital
            .clone()
            .unwrap_or_else(|| world.states[a].name.clone())
            .to_uppercase();
        match style {
            0 => {
                // seed 000: masthead, date, headline, standfirst, byline, date, caption, dateline
                let _ = writeln!(
                    t,
                    "close\n{} {}\n",
                    WEEKDAYS[(weekday + 1) % 7],
                    w.cast.published
                );
                let _ = writeln!(t, "{headline}\n");
                let _ = writeln!(
                    t,
                    "Meeting reaffirmed security and safety of people paramount importance\n"
                );
                let (r1, r2) = (reporter(&mut w, 0), reporter(&mut w, 1));
                let _ = writeln!(t, "By {r1} & {r2}\n{}", w.cast.published);
                let _ = writeln!(
                    t,
                    "Officials attend a meeting on the border situation. — Photo file\n"
                );
                let _ = write!(t, "{capital}: ");
                for p in &body {
                    t.push_str(p);
                    t.push_str("\n\n");
                }
            }
            1 => {
                // seed 003: byline, dateline, one paragraph per line
                let r = reporter(&mut w, 0);
                let _ = write!(t, "By {r}\n{capital} : ");
                for p in &body {
                    t.push_str(p);
                    t.push('\n');
                }
            }
            2 => {
                // seed 001: some paragraphs wrapped in a narrow column
                let _ = writeln!(t, "\n");
                for p in &body {
                    if w.rng.chance(15) {
                        t.push_str(&column_wrap(p, &mut w.rng));
                    } else {
                        t.push_str(p);
                    }
                    t.push_str("\n\n");
                }
            }
            _ => {
                // seed 004: headline, one paragraph per line, footer
                let _ = writeln!(t, "{headline}");
                for p in &body {
                    t.push_str(p);
                    t.push('\n');
                }
                let _ = write!(t, "Discover more from {paper}\nSubscribe to get the latest posts sent to your email.");
            }
        }
        if style != 3 && w.rng.chance(40) {
            let _ = write!(t, "Copyright © 2021 {paper} | All rights reserved");
        }
        (id, t)
    }

    /// Documents `0..` until their total size reaches `bytes`.
    pub fn generate(&self, bytes: u64) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut total = 0u64;
        let mut i = 0;
        while total < bytes {
            let d = self.document(i);
            total += d.1.len() as u64;
            out.push(d);
            i += 1;
        }
        out
    }

    /// Writes documents `0..` as `DIR/<id>.txt` until their total size reaches `bytes`,
    /// generating `batch` documents at a time with `par_map` (which may run them in parallel).
    /// Returns (documents, bytes).
    pub fn write_dir(
        &self,
        dir: &Path,
        bytes: u64,
        par_map: impl Fn(std::ops::Range<usize>) -> Vec<(String, String)>,
    ) -> io::Result<(usize, u64)> {
        fs::create_dir_all(dir)?;
        let mut total = 0u64;
        let mut start = 0;
        let batch = 2048;
        loop {
            for (id, text) in par_map(start..start + batch) {
                let path: PathBuf = dir.join(format!("{id}.txt"));
                fs::write(&path, &text)?;
                total += text.len() as u64;
                start += 1;
                if total >= bytes {
                    return Ok((start, total));
                }
            }
        }
    }
}
