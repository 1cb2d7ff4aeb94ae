//! The rule registry: every rule id the stages can record, declared once.
//!
//! Code names a rule by its [`Rule`] variant, never by a string; `lang/en/rules.toml`
//! describes each one (what it does, an example sentence, and for attribution rules the
//! confidence it gives), and `claimex rules` lists them. A test checks that the two agree and
//! that each rule fires on its example.

macro_rules! rules {
    ($( $variant:ident = $id:literal, )*) => {
        /// One rule of the pipeline; [`Rule::id`] is the id written to `extractor.rules`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $( #[doc = $id] $variant, )*
        }

        impl Rule {
            /// Every rule, in declaration order.
            pub const ALL: &'static [Rule] = &[ $( Rule::$variant, )* ];

            /// The rule's id, as written in records: `quantity.range`.
            pub const fn id(self) -> &'static str {
                match self { $( Rule::$variant => $id, )* }
            }

            /// The rule with this id.
            pub fn from_id(id: &str) -> Option<Rule> {
                match id { $( $id => Some(Rule::$variant), )* _ => None }
            }
        }
    };
}

rules! {
    AttributionAccordingTo = "attribution.according_to",
    AttributionApposition = "attribution.apposition",
    AttributionAsClause = "attribution.as_clause",
    AttributionByAgent = "attribution.by_agent",
    AttributionCarried = "attribution.carried",
    AttributionCiting = "attribution.citing",
    AttributionColon = "attribution.colon",
    AttributionCoordinated = "attribution.coordinated",
    AttributionInDocument = "attribution.in_document",
    AttributionParticiple = "attribution.participle",
    AttributionPer = "attribution.per",
    AttributionQuotation = "attribution.quotation",
    AttributionSubjectVerb = "attribution.subject_verb",
    AttributionVerbSubject = "attribution.verb_subject",
    ClaimPlacesDescribed = "claim.places_described",
    ClaimPlacesShared = "claim.places_shared",
    ClaimSourceCovering = "claim.source_covering",
    ClaimSubjectAgent = "claim.subject_agent",
    ClaimSubjectClause = "claim.subject_clause",
    ClaimSubjectDocumentGroup = "claim.subject_document_group",
    ClaimSubjectInUnit = "claim.subject_in_unit",
    ClaimSubjectNearestActor = "claim.subject_nearest_actor",
    ClaimSubjectPossessor = "claim.subject_possessor",
    ClaimSubjectPredicate = "claim.subject_predicate",
    ClaimSubjectPrevious = "claim.subject_previous",
    ClaimSubjectReferent = "claim.subject_referent",
    NotQuantityAddress = "not_quantity.address",
    NotQuantityAge = "not_quantity.age",
    NotQuantityArticleOne = "not_quantity.article_one",
    NotQuantityBenchmark = "not_quantity.benchmark",
    NotQuantityClock = "not_quantity.clock",
    NotQuantityCode = "not_quantity.code",
    NotQuantityConversion = "not_quantity.conversion",
    NotQuantityDate = "not_quantity.date",
    NotQuantityDuration = "not_quantity.duration",
    NotQuantityLabel = "not_quantity.label",
    NotQuantityLocation = "not_quantity.location",
    NotQuantityMultiplier = "not_quantity.multiplier",
    NotQuantityName = "not_quantity.name",
    NotQuantityOneOf = "not_quantity.one_of",
    NotQuantityOrdinal = "not_quantity.ordinal",
    NotQuantityReferring = "not_quantity.referring",
    NotQuantityTime = "not_quantity.time",
    NotQuantityYear = "not_quantity.year",
    QuantityDigits = "quantity.digits",
    QuantityFraction = "quantity.fraction",
    QuantityMultiplier = "quantity.multiplier",
    QuantityQualifier = "quantity.qualifier",
    QuantityQualifierAfter = "quantity.qualifier_after",
    QuantityRange = "quantity.range",
    QuantityRangeBounds = "quantity.range_bounds",
    QuantityVaguePlural = "quantity.vague_plural",
    QuantityWords = "quantity.words",
    TimeAgo = "time.ago",
    TimeBetween = "time.between",
    TimeClock = "time.clock",
    TimeDate = "time.date",
    TimeDecade = "time.decade",
    TimeEdgeOf = "time.edge_of",
    TimeFromTo = "time.from_to",
    TimePartOf = "time.part_of",
    TimePeak = "time.peak",
    TimePeriod = "time.period",
    TimeRecent = "time.recent",
    TimeRelative = "time.relative",
    TimeRelativeOffset = "time.relative_offset",
    TimeSince = "time.since",
    TimeWeekday = "time.weekday",
    TimeWithin = "time.within",
    TimeYear = "time.year",
    UnitAsMany = "unit.as_many",
    UnitComparedNoun = "unit.compared_noun",
    UnitCurrencySymbol = "unit.currency_symbol",
    UnitCurrencyWord = "unit.currency_word",
    UnitEllipticPerson = "unit.elliptic_person",
    UnitEllipticPrevious = "unit.elliptic_previous",
    UnitExchangeRate = "unit.exchange_rate",
    UnitFigureOf = "unit.figure_of",
    UnitFractionOfPlace = "unit.fraction_of_place",
    UnitHyphenCompound = "unit.hyphen_compound",
    UnitNounOf = "unit.noun_of",
    UnitNounPhrase = "unit.noun_phrase",
    UnitOfPhrase = "unit.of_phrase",
    UnitPercent = "unit.percent",
    UnitPriceFraction = "unit.price_fraction",
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}
