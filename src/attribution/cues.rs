//! The attribution word tables: reporting verbs, and the head nouns that decide a source's
//! kind. Keep each table sorted and lower case (`attribution_tables_are_sorted` checks).

/// Reporting verbs. `true` when the verb attributes only with a clause after it ("IS claimed
/// that...", "claiming to have killed"), not with a plain object ("IS claimed 38 attacks": IS
/// is the actor and the number is the article's).
pub const REPORTING_VERBS: &[(&str, bool)] = &[
    ("acknowledged", false),
    ("added", false),
    ("adding", false),
    ("adds", false),
    ("alleged", true),
    ("alleges", true),
    ("announced", false),
    ("announces", false),
    ("argued", true),
    ("believe", true),
    ("believes", true),
    ("claimed", true),
    ("claiming", true),
    ("claims", true),
    ("confirmed", false),
    ("confirms", false),
    ("disclosed", false),
    ("documented", false),
    ("estimate", true),
    ("estimated", false),
    ("estimates", false),
    ("expect", false),
    ("expected", false),
    ("expects", false),
    ("explained", true),
    ("forecast", false),
    ("forecasted", false),
    ("forecasts", false),
    ("found", true),
    ("indicated", false),
    ("indicates", false),
    ("insisted", true),
    ("noted", false),
    ("notes", false),
    ("noting", false),
    ("predicted", false),
    ("predicts", false),
    ("projected", false),
    ("projects", false),
    ("recorded", false),
    ("reported", false),
    ("reports", true),
    ("revealed", false),
    ("reveals", false),
    ("said", false),
    ("say", false),
    ("saying", false),
    ("says", false),
    ("show", true),
    ("showed", true),
    ("shows", true),
    ("stated", false),
    ("states", false),
    ("suggested", true),
    ("suggests", true),
    ("tallied", false),
    ("tell", false),
    ("tells", false),
    ("told", false),
    ("warned", false),
    ("warns", false),
    ("wrote", false),
];

/// Head nouns of documents: "a Wall Street Journal report", "ONS figures".
pub static DOCUMENT_NOUNS: crate::words::Table = crate::words::Table::new(&[
    "analysis",
    "assessment",
    "audit",
    "bulletin",
    "census",
    "data",
    "document",
    "estimate",
    "estimates",
    "figure",
    "figures",
    "filing",
    "findings",
    "index",
    "memo",
    "paper",
    "poll",
    "publication",
    "record",
    "records",
    "report",
    "reports",
    "research",
    "review",
    "statement",
    "statistics",
    "study",
    "survey",
    "tally",
]);

/// Head nouns of unnamed officials: "a U.S. defense official", "five Iraqi officials".
pub static OFFICIAL_NOUNS: crate::words::Table = crate::words::Table::new(&[
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "aide",
    "aides",
    "ambassador",
    "commander",
    "commanders",
    "diplomat",
    "diplomats",
    "envoy",
    "envoys",
    "investigator",
    "investigators",
    "minister",
    "ministers",
    "negotiator",
    "negotiators",
    "officer",
    "officers",
    "official",
    "officials",
    "prosecutor",
    "prosecutors",
    "representative",
    "representatives",
    "spokesman",
    "spokesperson",
    "spokeswoman",
]);

/// Head nouns of anonymous sources: "sources", "people familiar with the matter".
pub static ANONYMOUS_NOUNS: crate::words::Table = crate::words::Table::new(&[
    "insider",
    "insiders",
    "people",
    "person",
    "residents",
    "source",
    "sources",
    "witnesses",
]);

/// Head nouns of unnamed institutions: "security forces", "the US military".
pub static ORGANIZATION_NOUNS: crate::words::Table = crate::words::Table::new(&[
    "administration",
    "agency",
    "alliance",
    "army",
    "association",
    "authorities",
    "authority",
    "bank",
    "brigade",
    "bureau",
    "center",
    "centre",
    "coalition",
    "command",
    "commission",
    "committee",
    "company",
    "corporation",
    "council",
    "court",
    "department",
    "division",
    "firm",
    "force",
    "forces",
    "foundation",
    "front",
    "fund",
    "government",
    "group",
    "hospital",
    "institute",
    "military",
    "militia",
    "ministry",
    "monitor",
    "observatory",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "police",
    "program",
    "programme",
    "regime",
    "service",
    "services",
    "union",
    "university",
]);

/// Words that end organisations' names and are no surnames: an unknown "Cal Fire" or
/// "Human Rights Watch" is no person. Lower case, sorted.
pub static ORGANIZATION_NAME_WORDS: crate::words::Table = crate::words::Table::new(&[
    "action",
    "advice",
    "aid",
    "airlines",
    "airways",
    "alert",
    "care",
    "energy",
    "fire",
    "health",
    "holdings",
    "insurance",
    "international",
    "partners",
    "rail",
    "relief",
    "rescue",
    "rights",
    "systems",
    "technologies",
    "transport",
    "trust",
    "watch",
]);

/// Plural nouns for kinds of people that open organisations' names after their members
/// ("Citizens Advice", "Doctors Without Borders"): a given name is never one. Lower case,
/// sorted.
pub static MEMBER_NOUNS: crate::words::Table = crate::words::Table::new(&[
    "children",
    "citizens",
    "doctors",
    "engineers",
    "families",
    "farmers",
    "friends",
    "journalists",
    "lawyers",
    "mothers",
    "nurses",
    "parents",
    "patients",
    "physicians",
    "reporters",
    "scientists",
    "students",
    "survivors",
    "taxpayers",
    "teachers",
    "veterans",
    "victims",
    "women",
    "workers",
]);

/// Nouns that name a news organisation without naming it: "the news agency", "the newswire".
pub static OUTLET_NOUNS: crate::words::Table = crate::words::Table::new(&[
    "agency",
    "broadcaster",
    "channel",
    "magazine",
    "network",
    "newspaper",
    "newswire",
    "outlet",
    "paper",
    "station",
    "television",
    "website",
    "wire",
]);

/// Titles before a person's name: "Defense Minister", "Brig. Gen.", "Colonel".
pub static TITLES: crate::words::Table = crate::words::Table::new(&[
    "adm",
    "admiral",
    "ambassador",
    "brig",
    "brigadier",
    "capt",
    "captain",
    "chairman",
    "chief",
    "col",
    "colonel",
    "commander",
    "defence",
    "defense",
    "deputy",
    "director",
    "dr",
    "executive",
    "foreign",
    "gen",
    "general",
    "gov",
    "governor",
    "interior",
    "lt",
    "maj",
    "major",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "president",
    "prime",
    "prof",
    "rep",
    "secretary",
    "sen",
    "senator",
    "sgt",
    "spokesman",
    "spokeswoman",
]);

/// What a word can open: the attribution patterns are tried only on these words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// "according (to)".
    According,
    /// "per".
    Per,
    /// "citing".
    Citing,
    /// A reporting verb; `true` when it needs a clause after it.
    Verb(bool),
}

/// One index over every cue word, so each token costs one lookup.
static CUES: crate::words::Index<Cue> = crate::words::Index::new(|| {
    let verbs = REPORTING_VERBS.iter().map(|&(w, clause)| (w, Cue::Verb(clause)));
    verbs.chain([("according", Cue::According), ("per", Cue::Per), ("citing", Cue::Citing)]).collect()
});

/// The cue a word can open, if any.
#[inline]
pub fn cue(word: &str) -> Option<Cue> {
    CUES.get(word)
}

/// Is `word` a reporting verb; `Some(true)` when it needs a clause after it.
pub fn reporting_verb(word: &str) -> Option<bool> {
    match CUES.get(word) {
        Some(Cue::Verb(clause)) => Some(clause),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribution_tables_are_sorted() {
        for pair in REPORTING_VERBS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "REPORTING_VERBS: {:?} before {:?}", pair[0].0, pair[1].0);
        }
        for (name, table) in [
            ("DOCUMENT_NOUNS", &DOCUMENT_NOUNS),
            ("OFFICIAL_NOUNS", &OFFICIAL_NOUNS),
            ("ANONYMOUS_NOUNS", &ANONYMOUS_NOUNS),
            ("ORGANIZATION_NOUNS", &ORGANIZATION_NOUNS),
            ("ORGANIZATION_NAME_WORDS", &ORGANIZATION_NAME_WORDS),
            ("MEMBER_NOUNS", &MEMBER_NOUNS),
            ("OUTLET_NOUNS", &OUTLET_NOUNS),
            ("TITLES", &TITLES),
        ] {
            table.check(name);
        }
    }
}
