//! The word tables of sentence splitting. Keep each table sorted, lower case, without the
//! final stop; `segment_tables_are_sorted` fails when an edit breaks the order.

/// Titles written before a name: a stop after them never ends a sentence ("Brig. Gen. Ali",
/// "Mt. Fuji", "St. Michael's").
pub static TITLES: crate::words::Table = crate::words::Table::new(&[
    "adm", "amb", "brig", "capt", "cmdr", "col", "cpl", "dr", "fr", "ft", "gen", "gov", "hon", "lt", "maj", "messrs",
    "mme", "mr", "mrs", "ms", "msgr", "mt", "pres", "prof", "pvt", "rep", "rev", "sen", "sgt", "sr", "st", "supt",
]);

/// Other abbreviations: a stop after them ends a sentence only when a sentence starter
/// follows ("the U.S. How about you?" but "the U.S. Government").
pub static ABBREVIATIONS: crate::words::Table = crate::words::Table::new(&[
    "a.m", "approx", "apr", "assn", "aug", "ave", "bldg", "blvd", "cf", "co", "corp", "dec", "dept", "e.g", "e.u",
    "est", "etc", "feb", "fig", "gov't", "i.e", "inc", "jan", "jr", "jul", "jun", "ltd", "mar", "mln", "mn", "n.y",
    "no", "nos", "nov", "oct", "op", "p", "p.m", "pp", "pt", "rd", "sep", "sept", "sq", "u.k", "u.n", "u.s", "u.s.a",
    "vol", "vols", "vs",
]);

/// Words that start sentences: after an abbreviation, one of these means the stop also ended
/// the sentence.
pub static SENTENCE_STARTERS: crate::words::Table = crate::words::Table::new(&[
    "a",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "did",
    "do",
    "does",
    "during",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "meanwhile",
    "mr",
    "mrs",
    "ms",
    "my",
    "no",
    "not",
    "on",
    "our",
    "she",
    "since",
    "so",
    "some",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "to",
    "under",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yet",
    "you",
    "your",
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_tables_are_sorted() {
        for (name, table) in
            [("TITLES", &TITLES), ("ABBREVIATIONS", &ABBREVIATIONS), ("SENTENCE_STARTERS", &SENTENCE_STARTERS)]
        {
            table.check(name);
        }
    }
}
