//! Cues: the words that open an attribution pattern. The words themselves are data
//! (`reporting_verbs` and `framing_cues` in `lang/en/reporting.toml`).

pub use crate::lexicon::Cue;
use crate::lexicon::Lexicon;

/// The cue a word can open, if any.
#[inline]
pub fn cue(lex: &Lexicon, word: &str) -> Option<Cue> {
    lex.cues.get(word).copied()
}

/// Is `word` a reporting verb; `Some(true)` when it needs a clause after it.
pub fn reporting_verb(lex: &Lexicon, word: &str) -> Option<bool> {
    match cue(lex, word) {
        Some(Cue::Verb(clause)) => Some(clause),
        _ => None,
    }
}
