//! The English lexicon: every word list, cue, unit and currency the stages read, loaded from
//! the data files of `lang/en/` into one [`Lexicon`].
//!
//! The files are embedded in the binary; [`Lexicon::load`] reads a folder whose files replace
//! the embedded ones of the same name, so a linguist can try an entry without a rebuild. The
//! lexicon sits below every stage: stages read it, it reads none of them.
//!
//! ```
//! let lex = claimex::lexicon::Lexicon::english();
//! assert!(lex.reporting_verbs.contains("said"));
//! assert_eq!(lex.currencies.get("euros").map(|c| &**c), Some("eur"));
//! ```

pub mod class;
pub mod table;

use crate::rules::Rule;
pub use class::{WordClass, WordClasses};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
pub use table::{WordMap, WordSet};

/// What a quantity's words say about its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No hedge: "38 strikes".
    Exact,
    /// "about", "around", "some", "an estimated", "nearly", "roughly", "approximately".
    Approx,
    /// "at least", "no fewer than"; also plural round numbers ("dozens").
    AtLeast,
    /// "more than", "over", "upwards of", "in excess of".
    MoreThan,
    /// "at most", "no more than".
    AtMost,
    /// "fewer than", "less than", "under".
    LessThan,
    /// "up to", "as many as".
    UpTo,
    /// Two bounds: "1,500–3,000", "between 5 and 7".
    Range,
}

/// What a unit of measure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// "km", "miles".
    Length,
    /// "acres", "square kilometres".
    Area,
    /// "litres", "cubic metres".
    Volume,
    /// "kg", "lb", "tonnes".
    Mass,
    /// "mph", "km/h", "knots".
    Speed,
    /// "degrees", "Celsius".
    Temperature,
}

/// How a number word combines with the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberRole {
    /// "one" to "nine".
    Unit,
    /// "ten" to "nineteen".
    Teen,
    /// "twenty" to "ninety".
    Tens,
    /// "hundred".
    Hundred,
    /// "thousand", "million", "lakh".
    Scale,
}

/// The frame of a reporting verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frame {
    /// Attributes with a plain object or a clause ("X said 12 died", "X reported 12 deaths").
    Any,
    /// Attributes only with a clause after it ("IS claimed that..."), not with a plain object
    /// ("IS claimed 38 attacks": IS is the actor and the number is the article's).
    Clause,
}

/// What a word can open: the attribution patterns are tried only on these words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// "according (to)".
    According,
    /// "per".
    Per,
    /// "citing".
    Citing,
    /// "in" (a document): "In a new poll, ...".
    Within,
    /// "as" opening a clause of report: "As the survey noted, ...".
    As,
    /// A reporting verb; `true` when it needs a clause after it.
    #[serde(skip)]
    Verb(bool),
}

/// A lexicon file that could not be read, named with the line where there is one.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The file or folder could not be read.
    #[error("{path}: {message}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The file is no valid TOML, or an entry has the wrong shape.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The line, where known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

/// The embedded `lang/en/` files, by file name.
const BUNDLED: &[(&str, &str)] = &[
    ("abbreviations.toml", include_str!("../../lang/en/abbreviations.toml")),
    ("closed_class.toml", include_str!("../../lang/en/closed_class.toml")),
    ("currencies.toml", include_str!("../../lang/en/currencies.toml")),
    ("not_claims.toml", include_str!("../../lang/en/not_claims.toml")),
    ("numbers.toml", include_str!("../../lang/en/numbers.toml")),
    ("places.toml", include_str!("../../lang/en/places.toml")),
    ("qualifiers.toml", include_str!("../../lang/en/qualifiers.toml")),
    ("reporting.toml", include_str!("../../lang/en/reporting.toml")),
    ("rules.toml", include_str!("../../lang/en/rules.toml")),
    ("sources.toml", include_str!("../../lang/en/sources.toml")),
    ("time.toml", include_str!("../../lang/en/time.toml")),
    ("titles.toml", include_str!("../../lang/en/titles.toml")),
    ("units.toml", include_str!("../../lang/en/units.toml")),
];

/// One parsed file: its path as shown in errors, its text (for line numbers) and its keys.
struct Source {
    path: PathBuf,
    text: String,
    table: toml::Table,
    used: Vec<String>,
}

/// The parsed files, read by name as the lexicon's fields are filled.
struct Sources(Vec<(String, Source)>);

impl Sources {
    fn parse(files: Vec<(String, PathBuf, String)>) -> Result<Sources, LexiconError> {
        let mut out = Vec::new();
        for (name, path, text) in files {
            let table: toml::Table = toml::from_str(&text).map_err(|e| LexiconError::Invalid {
                line: e.span().map(|s| line_of(&text, s.start)),
                message: e.message().to_string(),
                path: path.clone(),
            })?;
            out.push((name, Source { path, text, table, used: Vec::new() }));
        }
        Ok(Sources(out))
    }

    fn entry(&mut self, file: &str, key: &str) -> Result<(&Source, toml::Value), LexiconError> {
        let name = format!("{file}.toml");
        let Some((_, source)) = self.0.iter_mut().find(|(n, _)| *n == name) else {
            return Err(LexiconError::Io { path: PathBuf::from(name), message: "missing lexicon file".into() });
        };
        source.used.push(key.to_string());
        let value = source.table.get(key).cloned().ok_or_else(|| LexiconError::Invalid {
            path: source.path.clone(),
            line: None,
            message: format!("missing `{key}`"),
        })?;
        Ok((source, value))
    }

    fn invalid(source: &Source, key: &str, message: String) -> LexiconError {
        let line = source.text.find(&format!("{key} ")).or_else(|| source.text.find(&format!("[{key}]")));
        LexiconError::Invalid {
            path: source.path.clone(),
            line: line.map(|at| line_of(&source.text, at)),
            message: format!("`{key}`: {message}"),
        }
    }

    /// A list of words: `key = ["a", "b"]`.
    fn set(&mut self, file: &str, key: &str) -> Result<WordSet, LexiconError> {
        let (source, value) = self.entry(file, key)?;
        let words: Vec<String> = value.try_into().map_err(|e: toml::de::Error| {
            Self::invalid(source, key, format!("expected a list of words ({})", e.message()))
        })?;
        Ok(WordSet::new(words))
    }

    /// A table of words and values: `[key]` then `word = value` lines.
    fn map<V: for<'de> Deserialize<'de> + Clone>(&mut self, file: &str, key: &str) -> Result<WordMap<V>, LexiconError> {
        let (source, value) = self.entry(file, key)?;
        let toml::Value::Table(table) = value else {
            return Err(Self::invalid(source, key, "expected a table of `word = value` lines".into()));
        };
        let mut entries = Vec::with_capacity(table.len());
        for (word, v) in table {
            let v: V = v
                .try_into()
                .map_err(|e: toml::de::Error| Self::invalid(source, key, format!("`{word}`: {}", e.message())))?;
            entries.push((word, v));
        }
        Ok(WordMap::new(entries))
    }

    fn number_word_map(&mut self, file: &str, key: &str) -> Result<WordMap<(f64, NumberRole)>, LexiconError> {
        #[derive(Deserialize, Clone)]
        struct Entry {
            value: f64,
            role: NumberRole,
        }
        let map: WordMap<Entry> = self.map(file, key)?;
        Ok(WordMap::new(map.iter().map(|(w, e)| (w, (e.value, e.role)))))
    }

    /// `[fragments]` and `[[patterns]]` of time.toml, compiled.
    fn time_patterns(&mut self) -> Result<TimePatterns, LexiconError> {
        #[derive(Deserialize)]
        struct Pattern {
            name: String,
            rule: String,
            regex: String,
            #[serde(default)]
            preceded_by: Vec<String>,
        }
        let (source, fragments) = self.entry("time", "fragments")?;
        let fragments: std::collections::BTreeMap<String, String> = fragments
            .try_into()
            .map_err(|e: toml::de::Error| Self::invalid(source, "fragments", e.message().to_string()))?;
        let (source, patterns) = self.entry("time", "patterns")?;
        let patterns: Vec<Pattern> = patterns
            .try_into()
            .map_err(|e: toml::de::Error| Self::invalid(source, "patterns", e.message().to_string()))?;
        let mut regexes = Vec::with_capacity(patterns.len());
        let mut names = Vec::with_capacity(patterns.len());
        let mut preceded_by = Vec::with_capacity(patterns.len());
        for p in patterns {
            let rule = Rule::from_id(&p.rule).ok_or_else(|| {
                Self::invalid(source, "patterns", format!("unknown rule `{}` (see rules.toml)", p.rule))
            })?;
            regexes.push(expand(&p.regex, &fragments));
            names.push((p.name.into_boxed_str(), rule));
            preceded_by.push(p.preceded_by.into_iter().map(String::into_boxed_str).collect());
        }
        let regex = regex_automata::meta::Regex::new_many(&regexes)
            .map_err(|e| Self::invalid(source, "patterns", format!("bad regular expression: {e}")))?;
        Ok(TimePatterns { regex, names, preceded_by })
    }

    /// The first 16 hex digits of the SHA-256 of every file's name and text.
    fn version(&self) -> String {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        for (name, source) in &self.0 {
            hash.update(name.as_bytes());
            hash.update([0]);
            hash.update(source.text.as_bytes());
            hash.update([0]);
        }
        hex::encode(&hash.finalize()[..8])
    }

    /// `rules.toml`: every declared rule once, with its description, example and confidence.
    fn rule_book(&mut self) -> Result<RuleBook, LexiconError> {
        #[derive(Deserialize)]
        struct Entry {
            id: String,
            description: String,
            example: String,
            confidence: Option<f32>,
        }
        let (source, carried) = self.entry("rules", "carried_factor")?;
        let carried_factor =
            carried.as_float().ok_or_else(|| Self::invalid(source, "carried_factor", "expected a number".into()))?
                as f32;
        let (source, trailing) = self.entry("rules", "trailing_subject_verb")?;
        let trailing_subject_verb = trailing
            .as_float()
            .ok_or_else(|| Self::invalid(source, "trailing_subject_verb", "expected a number".into()))?
            as f32;
        let (source, uncertain) = self.entry("rules", "uncertain_factor")?;
        let uncertain_factor =
            uncertain.as_float().ok_or_else(|| Self::invalid(source, "uncertain_factor", "expected a number".into()))?
                as f32;
        let (source, entries) = self.entry("rules", "rule")?;
        let entries: Vec<Entry> =
            entries.try_into().map_err(|e: toml::de::Error| Self::invalid(source, "rule", e.message().to_string()))?;
        let mut infos: Vec<Option<RuleInfo>> = vec![None; Rule::ALL.len()];
        for e in entries {
            let bad = |m: String| Self::invalid(source, &format!("id = \"{}\"", e.id), m);
            let rule = Rule::from_id(&e.id).ok_or_else(|| bad("no such rule in src/rules.rs".into()))?;
            let slot = &mut infos[rule as usize];
            if slot.is_some() {
                return Err(bad("declared twice".into()));
            }
            *slot = Some(RuleInfo { rule, description: e.description, example: e.example, confidence: e.confidence });
        }
        let mut rules = Vec::with_capacity(infos.len());
        for (k, info) in infos.into_iter().enumerate() {
            rules.push(
                info.ok_or_else(|| Self::invalid(source, "rule", format!("`{}` is not described", Rule::ALL[k])))?,
            );
        }
        Ok(RuleBook { rules, carried_factor, trailing_subject_verb, uncertain_factor })
    }

    /// Every key of every file was read: a misspelt list name is an error, not silence.
    fn check_all_used(&self) -> Result<(), LexiconError> {
        for (_, source) in &self.0 {
            if let Some(key) = source.table.keys().find(|k| !source.used.contains(k)) {
                return Err(Self::invalid(source, key, "no such list in the lexicon (misspelt?)".into()));
            }
        }
        Ok(())
    }
}

/// `pattern` with every `{name}` of `fragments` replaced, until none is left (fragments may
/// use each other; ten rounds bound a cycle).
fn expand(pattern: &str, fragments: &std::collections::BTreeMap<String, String>) -> String {
    let mut out = pattern.to_string();
    for _ in 0..10 {
        let mut changed = false;
        for (name, value) in fragments {
            let key = format!("{{{name}}}");
            if out.contains(&key) {
                out = out.replace(&key, value);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    out
}

/// One rule as `rules.toml` describes it.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// The rule.
    pub rule: Rule,
    /// What it does, for curators.
    pub description: String,
    /// A sentence on which it fires.
    pub example: String,
    /// For attribution rules, the confidence of the source it finds.
    pub confidence: Option<f32>,
}

/// The rule registry: every rule's description, example and confidence.
#[derive(Debug, Clone)]
pub struct RuleBook {
    /// One entry per rule, in the order of [`Rule::ALL`].
    pub rules: Vec<RuleInfo>,
    /// The factor on the confidence of a source carried over from elsewhere.
    pub carried_factor: f32,
    /// The confidence of "..., X said." when the verb trails the clause.
    pub trailing_subject_verb: f32,
    /// The factor on the confidence of a source whose words leave doubt: a description with
    /// nothing to refer back to ("the company"), a possessive ("his office"), a report in a
    /// subordinate clause ("When advisers suggested ...").
    pub uncertain_factor: f32,
}

impl RuleBook {
    /// The confidence `rule` gives its source (1 for rules that declare none).
    pub fn confidence(&self, rule: Rule) -> f32 {
        self.rules.get(rule as usize).and_then(|i| i.confidence).unwrap_or(1.0)
    }
}

/// The time patterns: one regex of many patterns, and each pattern's name and rule.
#[derive(Debug)]
pub struct TimePatterns {
    /// All patterns; a match's pattern index indexes `names`.
    pub regex: regex_automata::meta::Regex,
    /// (name, rule) of each pattern, in order.
    pub names: Vec<(Box<str>, Rule)>,
    /// The words one of which must come right before a match of each pattern (lower case;
    /// empty: any word).
    pub preceded_by: Vec<Box<[Box<str>]>>,
}

fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

macro_rules! lexicon {
    ($( $(#[$doc:meta])* $field:ident : $ty:ty = $file:literal $how:ident, )*) => {
        /// Every piece of English the stages read, built once and shared by all threads.
        ///
        /// Each field is one list or table of one file of `lang/en/` (the field name is the
        /// key in that file).
        #[derive(Debug)]
        pub struct Lexicon {
            $( $(#[$doc])* pub $field: $ty, )*
            /// Every word a number can start with: number words, vague plurals, multipliers
            /// and `other_number_starts`.
            pub number_starts: WordSet,
            /// Every cue word: reporting verbs (with their frame) and framing cues, one lookup.
            pub cues: WordMap<Cue>,
            /// Time starters, months and weekdays: the words a time pattern can begin with.
            pub time_openers: WordSet,
            /// Capitalised words that open no name: closed-class words, months, weekdays,
            /// titles, unit abbreviations and currency codes, one lookup.
            pub name_stops: WordSet,
            /// The time patterns of `time.toml`, compiled into one multi-pattern regex.
            pub time_patterns: TimePatterns,
            /// The phrases of `qualifiers` as word lists, grouped by last word.
            pub qualifier_phrases: Vec<(Vec<Box<str>>, Qualifier)>,
            /// For each last word, the range of its phrases in `qualifier_phrases`.
            pub qualifiers_by_last_word: WordMap<(usize, usize)>,
            /// The rule registry of `rules.toml`.
            pub rules: RuleBook,
            /// Every word of the classed lists with its [`WordClasses`], for one lookup per token.
            word_classes: class::ClassTable,
            /// Hash of the files read, for telling one lexicon from another.
            version: String,
        }

        impl Lexicon {
            fn build(s: &mut Sources) -> Result<Lexicon, LexiconError> {
                let lex = Lexicon {
                    $( $field: s.$how($file, stringify!($field))?, )*
                    number_starts: WordSet::new(Vec::<String>::new()),
                    cues: WordMap::new(Vec::<(String, Cue)>::new()),
                    time_openers: WordSet::new(Vec::<String>::new()),
                    name_stops: WordSet::new(Vec::<String>::new()),
                    time_patterns: s.time_patterns()?,
                    rules: s.rule_book()?,
                    version: s.version(),
                    qualifier_phrases: Vec::new(),
                    qualifiers_by_last_word: WordMap::new(Vec::<(String, (usize, usize))>::new()),
                    word_classes: class::ClassTable::empty(),
                };
                let framing: WordMap<Cue> = s.map("reporting", "framing_cues")?;
                s.check_all_used()?;
                Ok(lex.derive(&framing))
            }
        }
    };
}

impl Lexicon {
    /// The indexes made from several lists, so that a token costs one lookup.
    fn derive(mut self, framing: &WordMap<Cue>) -> Lexicon {
        let starts = self.number_words.keys().chain(self.vague_plurals.keys()).chain(self.multipliers.keys());
        self.number_starts =
            WordSet::new(starts.chain(self.other_number_starts.words()).map(str::to_string).collect::<Vec<_>>());
        let verbs = self.reporting_verbs.iter().map(|(w, f)| (w.to_string(), Cue::Verb(*f == Frame::Clause)));
        self.cues = WordMap::new(verbs.chain(framing.iter().map(|(w, c)| (w.to_string(), *c))).collect::<Vec<_>>());
        let openers = self.time_starters.words().chain(self.months.words()).chain(self.weekdays.words());
        self.time_openers = WordSet::new(openers.map(str::to_string).collect::<Vec<_>>());
        let stops = [&self.determiners, &self.clause_words, &self.prepositions, &self.pronouns, &self.verb_modifiers]
            .into_iter()
            .chain([&self.months, &self.weekdays, &self.person_titles])
            .flat_map(WordSet::words)
            .chain(self.unit_abbreviations.keys())
            .chain(self.currency_prefixes.keys());
        self.name_stops = WordSet::new(stops.map(str::to_string).collect::<Vec<_>>());
        let mut phrases: Vec<(Vec<Box<str>>, Qualifier)> =
            self.qualifiers.iter().map(|(p, q)| (p.split(' ').map(Box::from).collect(), *q)).collect();
        phrases.sort_by(|a, b| (a.0.last(), &a.0).cmp(&(b.0.last(), &b.0)));
        let mut by_last: Vec<(Box<str>, (usize, usize))> = Vec::new();
        for (k, (words, _)) in phrases.iter().enumerate() {
            let last = words.last().cloned().unwrap_or_default();
            match by_last.last_mut() {
                Some((word, range)) if *word == last => range.1 = k + 1,
                _ => by_last.push((last, (k, k + 1))),
            }
        }
        self.qualifier_phrases = phrases;
        self.qualifiers_by_last_word = WordMap::new(by_last);
        // Last: the union lists above are classes too.
        self.word_classes = self.class_table();
        self
    }
}

lexicon! {
    /// Determiners and possessive pronouns.
    determiners: WordSet = "closed_class" set,
    /// Prepositions.
    prepositions: WordSet = "closed_class" set,
    /// Prepositions after which a place names where something is.
    locative_prepositions: WordSet = "closed_class" set,
    /// Auxiliaries, copulas, pronouns, relatives and conjunctions: words that end a noun phrase.
    clause_words: WordSet = "closed_class" set,
    /// Nouns of businesses that a definite description uses to refer back to a company ("the retailer").
    referring_organization_nouns: WordSet = "closed_class" set,
    /// Pronouns that stand for an organisation as a clause subject ("It expects...").
    organization_pronouns: WordSet = "closed_class" set,
    /// Possessive pronouns that stand for a person ("his fortune of $17 million").
    person_possessives: WordSet = "closed_class" set,
    /// Nouns that stand for a figure, not for whose it is ("the number had dropped to 1,500").
    figure_nouns: WordSet = "closed_class" set,
    /// Nouns that measure a company: a phrase headed by one stands for the company ("Comparable sales rose 3.6%").
    company_measures: WordSet = "closed_class" set,
    /// Conjunctions that do not end the search for a clause's verb ("fell 102 points, or 0.4%").
    coordinators: WordSet = "closed_class" set,
    /// The word after a comparative that introduces what a multiplier compares with ("higher than").
    comparison_than: WordSet = "numbers" set,
    /// Words before "of" that make a number the whole a part is counted against ("one night out of 17").
    ratio_markers: WordSet = "numbers" set,
    /// Conjunctions after which a figure may restate the one before ("2,750 tons, or 2,500 metric tons").
    restating_coordinators: WordSet = "closed_class" set,
    /// Relative pronouns that open a clause about the name before a comma ("Acme, which employs 300").
    relative_pronouns: WordSet = "closed_class" set,
    /// Verbs whose subject owns or does what the number after them counts ("LG Electronics had 3 GW").
    predicate_verbs: WordSet = "closed_class" set,
    /// Verbs of change and trading: after them a noun phrase with no name is the figure's subject ("Spot gold added 0.1%").
    change_verbs: WordSet = "closed_class" set,
    /// Words between a subject and its verb ("notes last rose", "it would raise").
    verb_modifiers: WordSet = "closed_class" set,
    /// Tokens that end a clause before a quantity.
    clause_breaks: WordSet = "closed_class" set,
    /// Conjunctions that open a new clause after a comma.
    clause_openers: WordSet = "closed_class" set,
    /// Subject pronouns that refer back to a source named earlier.
    pronouns: WordSet = "closed_class" set,
    /// Possessive pronouns: with the subject pronouns (`pronouns`) they take a speaker up again in what it says ("the ministry said its forces had killed 12").
    possessives: WordSet = "closed_class" set,
    /// Endings that make a name possessive ("WeWork's", "the Netherlands’").
    possessive_endings: WordSet = "closed_class" set,
    /// Verbs that may stand between a subject and a reporting verb ("officials have said").
    auxiliaries: WordSet = "closed_class" set,
    /// Forms of "be" that make a reporting verb after them passive ("is expected to double", "are estimated at"): the subject is what is reported on, not who reports it.
    passive_be: WordSet = "closed_class" set,
    /// Nouns that end in "-ed" like participles do ("hundred", "breed").
    ed_nouns: WordSet = "closed_class" set,
    /// Nouns and adjectives that end in "-ly" like adverbs do ("daily", "family").
    ly_non_adverbs: WordSet = "closed_class" set,
    /// Adjectives that may stand between a locative preposition and a place ("in northern Iraq", "in neighboring Syria").
    location_adjectives: WordSet = "places" set,
    /// Words that make a capitalised run a place's own name ("Kirkuk Province"): a town inside another run is that name's.
    place_name_words: WordSet = "places" set,
    /// Compass directions that, between a distance and "of", locate a place: "60 km northwest of the capital".
    directions: WordSet = "places" set,
    /// Nouns after which "of" locates: parts of an area and fractions ("the north of Syria", "a third of Iraq").
    of_place_heads: WordSet = "places" set,
    /// Month names and their news abbreviations (without the stop).
    months: WordSet = "time" set,
    /// Day names.
    weekdays: WordSet = "time" set,
    /// Units of time: a count of these is a duration, not a claim ("21 years of activity").
    time_units: WordSet = "time" set,
    /// Words that open a fronted adverbial clause closed by a comma ("After the chief left in October, ...").
    adverbial_openers: WordSet = "time" set,
    /// Words in -ing that open no participle clause at a sentence's start ("Including ...", "During ...").
    ing_non_participles: WordSet = "time" set,
    /// Words before the first figure of a change "from X to Y".
    range_openers: WordSet = "time" set,
    /// Prepositions before a time that dates the reporting ("said on Wednesday").
    report_time_prepositions: WordSet = "time" set,
    /// Words before a bare year that make it a point in time ("in 2019", "since 2014").
    year_preceders: WordSet = "time" set,
    /// Words other than a month or a day name that a time expression can begin with (lower case; a number token can begin one too).
    time_starters: WordSet = "time" set,
    /// Words that open a time phrase after a reporting verb ("said last week", "said earlier").
    time_adverbs: WordSet = "time" set,
    /// Words before a month name that make "May" a month, not the verb.
    month_modifiers: WordSet = "time" set,
    /// Number words, their values and roles.
    number_words: WordMap<(f64, NumberRole)> = "numbers" number_word_map,
    /// Scale words and abbreviations that may follow digits ("1.5 million", "2 bn").
    scales: WordMap<f64> = "numbers" map,
    /// Suffixes glued to digits ("80K", "2.3bn", "£5m").
    suffixes: WordMap<f64> = "numbers" map,
    /// Fraction denominators.
    denominators: WordMap<f64> = "numbers" map,
    /// Plural round numbers: open lower bounds ("hundreds" → at least 200).
    vague_plurals: WordMap<f64> = "numbers" map,
    /// Multiplicative words.
    multipliers: WordMap<f64> = "numbers" map,
    /// Vulgar fraction characters ("½", "2¾").
    vulgar_fractions: WordMap<f64> = "numbers" map,
    /// Scale words a fraction may multiply ("half a million", "a quarter of a billion").
    fraction_scales: WordMap<f64> = "numbers" map,
    /// Words that start a number without being in the tables above.
    other_number_starts: WordSet = "numbers" set,
    /// Vague words that make a scale word an open lower bound of twice the scale ("several thousand", "a few hundred").
    vague_amounts: WordSet = "numbers" set,
    /// Words after which a bare "one" is a pronoun, not a number ("the one you mentioned", "which one", "no one").
    pronoun_one_after: WordSet = "numbers" set,
    /// Words that join the two numbers of a range ("1,500–3,000", "20 through 100").
    range_joiners: WordSet = "numbers" set,
    /// Phrases after a multiplier before the noun it counts ("twice as many attacks").
    as_many_phrases: WordSet = "numbers" set,
    /// Multipliers in the past tense ("doubled"): never comparing with a noun after them.
    verb_multipliers: WordSet = "numbers" set,
    /// Words after "double"/"triple" that make it compare ("double the number").
    multiplier_objects: WordSet = "numbers" set,
    /// Words after "twice" that make it compare ("twice as many").
    twice_objects: WordSet = "numbers" set,
    /// The multiplier that compares only before `twice_objects`.
    twice_words: WordSet = "numbers" set,
    /// Phrases before a reference number that compare it with the number before: "38 attacks, up from 61", "compared to 61 strikes".
    comparison_cues: WordSet = "numbers" set,
    /// Words of change before "from A to B": A is the reference of B, not a range's low end ("rose from 200 to 400", "a threefold increase from 20 to 60").
    change_words: WordSet = "numbers" set,
    /// Qualifier phrases, lower case, words separated by one space.
    qualifiers: WordMap<Qualifier> = "qualifiers" map,
    /// Qualifiers written after the number ("100 or more", "50 or so", "100-plus").
    trailing_qualifiers: WordMap<Qualifier> = "qualifiers" map,
    /// Qualifier words that may be written abbreviated with a stop.
    abbreviated_qualifiers: WordSet = "qualifiers" set,
    /// Words before a number of "pounds" that make them a weight ("weighed 243 pounds").
    weight_cues: WordSet = "units" set,
    /// Quotation marks that may open a counted noun ("two “deliveries”").
    opening_quotes: WordSet = "units" set,
    /// Currency words that are also weights ("pounds" → pound).
    weight_units: WordMap<Box<str>> = "units" map,
    /// Denominators of a price fraction after a verb of change, with their unit ("rose 7/32": point).
    price_fractions: WordMap<Box<str>> = "units" map,
    /// Words between a rate and what it is per ("108.55 per dollar").
    rate_markers: WordSet = "units" set,
    /// Unit abbreviations and the word a claim writes for them ("GW" → gigawatt).
    unit_abbreviations: WordMap<Box<str>> = "units" map,
    /// Irregular and invariant plurals: (plural, singular).
    irregular_plurals: WordMap<Box<str>> = "units" map,
    /// Endings of words in -s that are no plurals ("glass", "virus", "crisis").
    singular_endings: WordSet = "units" set,
    /// Plural endings and what the singular ends with instead ("casualties" → "casualty");
    /// other plurals drop the final "s".
    plural_endings: WordMap<Box<str>> = "units" map,
    /// Nouns that stand for the thing counted before ("killing six and wounding 11 others"), and participles and adjectives used as nouns ("left 27 injured", "12 dead").
    elliptic_heads: WordSet = "units" set,
    /// Modifiers that make one unit with the head after them: "50 basis points" counts basis points, not points.
    compound_units: WordMap<Box<str>> = "units" map,
    /// Modifiers that make an area or volume of a length unit: "49 square kilometres".
    power_modifiers: WordSet = "units" set,
    /// Units of length, singular and plural, as written after a number.
    length_units: WordSet = "units" set,
    /// Units of measure other than length (`length_units`), with what they measure: a bracketed amount of the same measure restates the one before ("100 kg (220 lb)").
    measure_units: WordMap<Measure> = "units" map,
    /// Singular nouns for a group counted as one ("270 million population"): before a verb in `group_verbs` they are the head, not a modifier of the next word.
    group_nouns: WordSet = "units" set,
    /// Third-person verbs that read as plural nouns by their "s" ("lives", "remains"): after a `group_nouns` word they are the verb of the clause.
    group_verbs: WordSet = "units" set,
    /// Verbs after which a bare number counts people ("killing six", "Floods kill at least 41 in Nigeria"): their object is people when no noun is written.
    person_verbs: WordSet = "units" set,
    /// Words for "percent" after a number.
    percent_words: WordSet = "units" set,
    /// Currency symbols and words with their codes.
    currencies: WordMap<Box<str>> = "currencies" map,
    /// Dollar prefixes glued before "$": "US$", "C$", "A$".
    dollar_prefixes: WordMap<Box<str>> = "currencies" map,
    /// Currency codes and abbreviations written before the number ("Rs 24 lakh", "USD 10 million").
    currency_prefixes: WordMap<Box<str>> = "currencies" map,
    /// Places between a number and "dollars" that name whose dollars they are ("Hong Kong" → hkd).
    dollar_places: WordMap<Box<str>> = "currencies" map,
    /// Nouns of a description that refers back to a place, with the gazetteer subtypes it may stand for ("the state": subdivision).
    referring_place_nouns: WordMap<Box<str>> = "closed_class" map,
    /// Prepositions that locate only places of these gazetteer subtypes ("on Wall Street": site).
    site_prepositions: WordMap<Box<str>> = "closed_class" map,
    /// Words before a number that make it a label: "page 5", "Resolution 2254", "No. 10".
    label_words: WordSet = "not_claims" set,
    /// Words after a number that make it a clock time.
    clock_words: WordSet = "not_claims" set,
    /// Words before a number that make it an age: "aged 25", "children ages 5 to 12".
    age_words: WordSet = "not_claims" set,
    /// Street words after a house number's street name ("1909 Elm Drive").
    street_words: WordSet = "not_claims" set,
    /// Words after "a third" that keep it a fraction, besides "of" and the prepositions.
    fraction_followers: WordSet = "not_claims" set,
    /// Verbs before a service number that make it a phone number ("called 911").
    call_verbs: WordSet = "not_claims" set,
    /// Speed units of an acceleration benchmark ("0 to 60 mph").
    benchmark_units: WordSet = "not_claims" set,
    /// Determiners before a count that may refer back to a group already counted.
    referring_determiners: WordSet = "not_claims" set,
    /// Words up to three tokens before a duration that make it the measured quantity.
    measured_duration_cues: WordSet = "not_claims" set,
    /// Words right after a duration that make it a penalty ("five years in prison").
    custody_words: WordSet = "not_claims" set,
    /// Time units whose counts after "in"/"for" are measured times ("in 5.8 seconds").
    short_time_units: WordSet = "not_claims" set,
    /// Words before a duration that make it a time scope ("the past two years").
    duration_scope_before: WordSet = "not_claims" set,
    /// Words after a duration that make it a time scope ("two years ago").
    duration_scope_after: WordSet = "not_claims" set,
    /// Words after "N times" that make it a multiplicative comparison ("50 times the level").
    times_comparatives: WordSet = "not_claims" set,
    /// Words before a bare "one" that make it a count ("only one toilet").
    one_counts_after: WordSet = "not_claims" set,
    /// Words after a compound duration that make it no measure ("a 48-year-old", "10-year notes").
    duration_compound_exclusions: WordSet = "not_claims" set,
    /// Prepositions before a compound duration that make it a time scope ("over a 13.8-billion-year period").
    duration_scope_prepositions: WordSet = "not_claims" set,
    /// Words before a four-digit year that make it a year even before a plural ("fiscal year 2019 sales").
    year_nouns: WordSet = "not_claims" set,
    /// Words that join a duration's whole and fraction ("a year and a half").
    duration_joiners: WordSet = "not_claims" set,
    /// Prepositions before a short time that make it measured ("in 5.8 seconds").
    measured_time_prepositions: WordSet = "not_claims" set,
    /// Prepositions of a residence after an age ("Jane Roe 31, of Springfield").
    residence_prepositions: WordSet = "not_claims" set,
    /// Reporting verbs.
    reporting_verbs: WordMap<Frame> = "reporting" map,
    /// Participles that, before "by", name who relayed a source: "quoted by the Jerusalem Post", "economists polled by Reuters" (the outlet put the question, as in "told Reuters").
    relay_verbs: WordSet = "reporting" set,
    /// The prepositions that introduce the agent of a participle: "quoted by X", "promised by X".
    agent_markers: WordSet = "reporting" set,
    /// Reporting participles whose agent after "by" is the source of the noun phrase before them: "the 40 billion touted by X" (relays such as "quoted by" are `relay_verbs`).
    agent_participles: WordSet = "reporting" set,
    /// Conjunctions that open a subordinate clause: a report inside one ("When advisers suggested 20, ...") is less sure to be the sentence's.
    subordinators: WordSet = "reporting" set,
    /// Reporting verbs that name an event when a number is their object: "the index added 20 points", "the firm adds 200 jobs".
    event_verbs: WordSet = "reporting" set,
    /// Document nouns that also name another source's numbers ("the figures" after "the ministry said"), unlike "the report" or "the survey", which name a document.
    data_nouns: WordSet = "reporting" set,
    /// Pronouns of the speaker or hearer ("I said", "we found"): never a new source.
    self_pronouns: WordSet = "reporting" set,
    /// Finite forms of "be" before a reporting participle ("is telling").
    progressive_be: WordSet = "reporting" set,
    /// Words that open the clause a verb reports, not its object ("finds that, while ...").
    complementizers: WordSet = "reporting" set,
    /// Words before a verb that make it an infinitive, no report ("wants to argue").
    infinitive_markers: WordSet = "reporting" set,
    /// Verbs of saying, a report even with a plain object ("said the state paid 40").
    speech_verbs: WordSet = "reporting" set,
    /// Verbs that report an estimate only with "at" and a number after their object ("put his worth at $45 billion").
    valuation_verbs: WordSet = "reporting" set,
    /// The preposition before the number of such an estimate ("at").
    valuation_markers: WordSet = "reporting" set,
    /// Head nouns of documents: "a Wall Street Journal report", "ONS figures".
    document_nouns: WordSet = "sources" set,
    /// Head nouns of unnamed officials: "a U.S. official", "prosecutors".
    official_nouns: WordSet = "sources" set,
    /// Head nouns of anonymous sources: "sources", "people familiar with the matter".
    anonymous_nouns: WordSet = "sources" set,
    /// Head nouns of unnamed institutions: "security forces", "the US military".
    organization_nouns: WordSet = "sources" set,
    /// Words that end organisations' names and are no surnames: an unknown "Cal Fire" or "Human Rights Watch" is no person.
    organization_name_words: WordSet = "sources" set,
    /// Plural nouns for kinds of people that open organisations' names after their members ("Citizens Advice", "Doctors Without Borders"): a given name is never one.
    member_nouns: WordSet = "sources" set,
    /// Nouns that name a news organisation without naming it: "the news agency", "the newswire".
    outlet_nouns: WordSet = "sources" set,
    /// Words that end newspapers' names ("the Springfield Herald", "the Daily Courier"): an unknown name ending so is an outlet.
    outlet_name_words: WordSet = "sources" set,
    /// Pronouns that stand for one person ("he", "she"): they take up no institution and no group.
    person_pronouns: WordSet = "sources" set,
    /// Pronouns that stand for a thing ("it"): they take up no person.
    thing_pronouns: WordSet = "sources" set,
    /// Titles before a person's name: "Defense Minister", "Brig.
    person_titles: WordSet = "titles" set,
    /// Title words that only modify a title ("Interior Minister", "Deputy Director"): alone they introduce no one.
    title_modifiers: WordSet = "titles" set,
    /// Short titles that introduce a bare surname ("Mr.
    surname_titles: WordSet = "titles" set,
    /// Titles of men ("Mr."): a source so named is no "she".
    male_titles: WordSet = "titles" set,
    /// Titles of women ("Mrs.", "Ms."): a source so named is no "he".
    female_titles: WordSet = "titles" set,
    /// Pronouns that stand for a man ("he").
    male_pronouns: WordSet = "titles" set,
    /// Pronouns that stand for a woman ("she").
    female_pronouns: WordSet = "titles" set,
    /// Nouns of a role after a name ("Rita Katz, SITE's director"), besides the officials'.
    role_nouns: WordSet = "titles" set,
    /// Lower-case words between the capitalised words of an organisation's name ("Bureau of Prisons").
    name_joiners: WordSet = "titles" set,
    /// Name particles written in lower case inside a name ("Abu Bakr al-Baghdadi").
    name_particles: WordSet = "titles" set,
    /// Titles written before a name: a stop after them never ends a sentence ("Brig.
    title_abbreviations: WordSet = "abbreviations" set,
    /// Other abbreviations: a stop after them ends a sentence only when a sentence starter follows ("the U.S.
    abbreviations: WordSet = "abbreviations" set,
    /// Words that start sentences: after an abbreviation, one of these means the stop also ended the sentence.
    sentence_starters: WordSet = "abbreviations" set,
}

static ENGLISH: LazyLock<Arc<Lexicon>> = LazyLock::new(|| {
    // The embedded files are checked by the lexicon tests; a broken one is a build defect.
    Arc::new(Lexicon::bundled().unwrap_or_else(|e| panic!("embedded lexicon: {e}")))
});

impl Lexicon {
    /// The embedded English lexicon, built on first use and shared.
    pub fn english() -> &'static Arc<Lexicon> {
        &ENGLISH
    }

    /// The embedded English lexicon, built anew.
    pub fn bundled() -> Result<Lexicon, LexiconError> {
        let files = BUNDLED.iter().map(|(n, t)| (n.to_string(), Path::new("lang/en").join(n), t.to_string())).collect();
        Lexicon::build(&mut Sources::parse(files)?)
    }

    /// The embedded lexicon with the `*.toml` files of `dir` in place of the embedded files of
    /// the same name. A file name the lexicon does not know is an error (a misspelt name
    /// would otherwise be ignored).
    pub fn load(dir: &Path) -> Result<Lexicon, LexiconError> {
        let io = |path: &Path, e: std::io::Error| LexiconError::Io { path: path.to_path_buf(), message: e.to_string() };
        let mut files: Vec<(String, PathBuf, String)> =
            BUNDLED.iter().map(|(n, t)| (n.to_string(), Path::new("lang/en").join(n), t.to_string())).collect();
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir).map_err(|e| io(dir, e))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in entries.into_iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let Some(slot) = files.iter_mut().find(|(n, _, _)| *n == name) else {
                let known: Vec<&str> = BUNDLED.iter().map(|(n, _)| *n).collect();
                return Err(LexiconError::Io {
                    message: format!("not a lexicon file (the files are {})", known.join(", ")),
                    path,
                });
            };
            let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
            *slot = (name, path, text);
        }
        Lexicon::build(&mut Sources::parse(files)?)
    }

    /// The classes of `word`: the classed lists it is in, ignoring ASCII case. Segmentation
    /// stores them on each token; stages test [`crate::segment::Words::has`].
    #[inline]
    pub fn classes_of(&self, word: &str) -> WordClasses {
        self.classes_of_bytes(word.as_bytes())
    }

    /// [`Lexicon::classes_of`] of a word's bytes.
    #[inline]
    pub fn classes_of_bytes(&self, word: &[u8]) -> WordClasses {
        self.word_classes.get(word)
    }

    /// True when `word` looks like a plural noun (or an invariant collective like "personnel").
    pub fn is_plural(&self, word: &str) -> bool {
        self.irregular_plurals.contains(word) || self.is_regular_plural(word)
    }

    /// [`Lexicon::is_plural`] for a word not in `irregular_plurals`: the regular endings.
    pub fn is_regular_plural(&self, word: &str) -> bool {
        // The cheap tests on the ending first; the case of every letter last.
        word.len() > 3
            && word.ends_with('s')
            && !self.singular_endings.words().any(|e| word.ends_with(e))
            && word.chars().skip(1).all(|c| !c.is_uppercase())
    }

    /// True when a possessive ending ("’s", "'", ...) starts at byte `at` of `text`
    /// ("WeWork’s staff", "the Netherlands’ ports").
    pub fn possessive_at(&self, text: &str, at: usize) -> bool {
        text.get(at..).is_some_and(|rest| self.possessive_endings.words().any(|e| rest.starts_with(e)))
    }

    /// The singular lower-case lemma of a noun: "fighters" → "fighter", "people" → "person".
    ///
    /// ```
    /// let lex = claimex::lexicon::Lexicon::english();
    /// assert_eq!(lex.lemma("Casualties"), "casualty");
    /// assert_eq!(lex.lemma("children"), "child");
    /// assert_eq!(lex.lemma("personnel"), "personnel");
    /// ```
    pub fn lemma(&self, word: &str) -> String {
        if let Some(s) = self.irregular_plurals.get(word).or_else(|| self.unit_abbreviations.get(word)) {
            return s.to_string();
        }
        self.regular_lemma(word)
    }

    /// [`Lexicon::lemma`] for a word in neither `irregular_plurals` nor `unit_abbreviations`.
    pub fn regular_lemma(&self, word: &str) -> String {
        // One allocation, cut in place: this runs for every counted noun.
        let mut w = if word.is_ascii() { word.to_ascii_lowercase() } else { word.to_lowercase() };
        if w.len() <= 3 || !w.ends_with('s') || self.singular_endings.words().any(|e| w.ends_with(e)) {
            return w;
        }
        for (suffix, keep) in self.plural_endings.iter() {
            if let Some(stem) = w.strip_suffix(suffix) {
                if stem.len() > 1 {
                    w.truncate(stem.len());
                    w.push_str(keep);
                    return w;
                }
            }
        }
        w.pop();
        w
    }

    /// Hash of the lexicon files in use: two lexicons with the same files have the same version.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The lexicon files in use, by name, for hashing into the extractor's identity.
    pub fn bundled_files() -> &'static [(&'static str, &'static str)] {
        BUNDLED
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_embedded_files_load() {
        let lex = Lexicon::bundled().unwrap();
        assert!(lex.months.contains("December") && lex.determiners.contains("the"));
        assert_eq!(lex.number_words.get("lakh").map(|e| e.0), Some(1e5));
        assert_eq!(lex.cues.get("said"), Some(&Cue::Verb(false)));
        assert_eq!(lex.cues.get("according"), Some(&Cue::According));
    }

    #[test]
    fn lexicon_lists_are_sorted_lower_case_and_short() {
        for (name, text) in BUNDLED {
            let table: toml::Table = toml::from_str(text).unwrap();
            for (key, value) in &table {
                let Some(words) = value.as_array() else { continue };
                let words: Vec<&str> = words.iter().filter_map(|w| w.as_str()).collect();
                for pair in words.windows(2) {
                    assert!(pair[0] < pair[1], "{name} `{key}`: {:?} before {:?}", pair[0], pair[1]);
                }
                for w in words {
                    assert!(w.len() <= 24 && !w.bytes().any(|b| b.is_ascii_uppercase()), "{name} `{key}`: {w:?}");
                }
            }
        }
    }

    #[test]
    fn lexicon_folder_overrides_and_names_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let reporting = BUNDLED.iter().find(|(n, _)| *n == "reporting.toml").unwrap().1;
        let edited = reporting.replacen("[reporting_verbs]", "[reporting_verbs]\nquipped = \"any\"", 1);
        std::fs::write(dir.path().join("reporting.toml"), edited).unwrap();
        let lex = Lexicon::load(dir.path()).unwrap();
        assert!(lex.reporting_verbs.contains("quipped") && lex.reporting_verbs.contains("said"));

        std::fs::write(dir.path().join("reporting.toml"), reporting.replace("relay_verbs = [", "relay_verbs = [1, "))
            .unwrap();
        let e = Lexicon::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("reporting.toml") && e.contains("relay_verbs"), "{e}");

        std::fs::write(dir.path().join("reporting.toml"), reporting.replace("relay_verbs", "relay_verbz")).unwrap();
        let e = Lexicon::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("relay_verb"), "{e}");

        std::fs::write(dir.path().join("reporting.toml"), "x = [\n").unwrap();
        let e = Lexicon::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("reporting.toml:"), "{e}");

        std::fs::remove_file(dir.path().join("reporting.toml")).unwrap();
        std::fs::write(dir.path().join("reportin.toml"), reporting).unwrap();
        let e = Lexicon::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("reportin.toml") && e.contains("not a lexicon file"), "{e}");
    }
}
