//! Gazetteers end to end: the bundled data finds what the gold names, the matching rules
//! hold on the real files, and users can check, extend and audit gazetteers from the CLI.

mod common;

use assert_cmd::Command;
use claimex::gazetteer::{bundled_sources, read, Gazetteer};
use serde_json::Value;
use std::collections::HashMap;
use std::fs;

fn claimex() -> Command {
    Command::cargo_bin("claimex").expect("binary builds")
}

/// Surface form (lower case) → id, over every name and alias of the bundled files.
fn bundled_names() -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (path, text) in bundled_sources() {
        for e in read(&path, text).entries {
            for name in &e.names {
                out.entry(name.to_lowercase()).or_insert_with(|| e.entity.id.clone());
            }
        }
    }
    out
}

/// Every subject and place of the gold that is a gazetteer entity (its name is a name or
/// alias in the bundled files) is found with that entity's id, in the gold sentence or
/// before it (a subject carries over from an earlier sentence: "...around one-third of the
/// claims"). A mention of a child entity counts: "the US military" names the United States
/// through its armed forces. Gold subjects that are descriptions ("Syria's transitional
/// government") name no entity.
#[test]
fn gazetteer_finds_every_gold_entity_with_its_id() {
    let names = bundled_names();
    let pipeline = common::pipeline();
    let gold = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold/seeds.gold.jsonl")).unwrap();
    let (mut checked, mut missed) = (0, Vec::new());
    for line in gold.lines() {
        let g: Value = serde_json::from_str(line).unwrap();
        let text = fs::read_to_string(common::corpus_dir().join(g["doc"].as_str().unwrap())).unwrap();
        let sentence = g["sentence"].as_str().unwrap();
        let start = text.find(sentence).expect("gold sentence is in its document");
        let x = pipeline.extract(&text);
        let found: Vec<&str> = x
            .mentions
            .iter()
            .filter(|m| m.span.end <= start + sentence.len())
            .flat_map(|m| {
                let e = pipeline.gazetteer().entity(m.entity);
                [Some(e.id.as_str()), e.parent.as_deref()]
            })
            .flatten()
            .collect();
        let wanted =
            g["subject"].as_str().into_iter().chain(g["places"].as_array().unwrap().iter().filter_map(Value::as_str));
        for name in wanted {
            let Some(id) = names.get(&name.to_lowercase()) else { continue };
            checked += 1;
            if !found.contains(&id.as_str()) {
                missed.push(format!("{name} ({id}) in {sentence:?}"));
            }
        }
    }
    println!("{checked} gold entity mentions checked");
    assert!(checked >= 50, "the gold names entities: only {checked} checked");
    assert!(missed.is_empty(), "not found:\n{}", missed.join("\n"));
}

/// The matching rules, on the bundled data.
#[test]
fn gazetteer_matching_rules_on_bundled_data() {
    let gaz = Gazetteer::bundled().unwrap();
    let ids = |text: &str| -> Vec<String> {
        gaz.find(text, &claimex::segment::split(text, claimex::lexicon::Lexicon::english()))
            .iter()
            .map(|m| gaz.entity(m.entity).id.clone())
            .collect()
    };
    let rows: &[(&str, &[&str])] = &[
        // Aliases are one entity; acronyms are case-sensitive.
        ("IS, ISIS, ISIL and Daesh", &["org:islamic-state"; 4]),
        ("this is not IS", &["org:islamic-state"]),
        // Possessives, hyphenated forms, curly and straight apostrophes.
        ("Syria’s and Syria's north", &["place:syria", "place:syria"]),
        ("the U.S.-led coalition and IS-claimed attacks", &["place:united-states", "org:islamic-state"]),
        // Demonyms link to the country.
        ("Iraqi and American troops", &["place:iraq", "place:united-states"]),
        // Longest match: "Islamic State" is not "Islamic" + "State".
        ("Islamic State fighters", &["org:islamic-state"]),
        // Names that are common words: flagged, and not matched at sentence start or in lower case.
        ("Reading the report. He lives in Reading.", &["place:reading"]),
        ("a mobile clinic in Mobile", &["place:mobile"]),
        ("Nice weather in Nice", &["place:nice"]),
        // Word boundaries.
        ("Assyrian Iraqistan", &[]),
    ];
    for (text, want) in rows {
        assert_eq!(ids(text), *want, "in {text:?}");
    }
    let flagged: Vec<&str> = gaz.entities().iter().filter(|e| e.ambiguous).map(|e| e.name.as_str()).collect();
    for word in ["Mobile", "Nice", "Bath", "Reading"] {
        assert!(flagged.contains(&word), "{word} is flagged ambiguous");
    }
}

/// Coverage beyond the Middle East: whole classes from the generator's sources, counted, and
/// the names of each class found in text; names that are also words or people stay unmatched.
#[test]
fn gazetteer_covers_the_world_by_class() {
    let gaz = Gazetteer::bundled().unwrap();
    let count = |parent: &str, subtype: &str| {
        gaz.entities().iter().filter(|e| e.subtype == subtype && e.parent.as_deref() == Some(parent)).count()
    };
    // All 50 states and DC; the counties of the US; the states and union territories of India;
    // the provinces, regions and municipalities of China.
    assert_eq!(count("place:united-states", "subdivision"), 51);
    assert!(count("place:united-states", "county") > 3000);
    assert!(count("place:india", "subdivision") >= 30);
    assert!(count("place:china", "subdivision") >= 30);
    let of = |subtype: &str| gaz.entities().iter().filter(|e| e.subtype == subtype).count();
    assert!(of("town") > 20_000, "towns: {}", of("town"));
    assert!(of("company") > 1_500, "companies: {}", of("company"));
    for subtype in ["government_body", "court", "political_party", "university", "market_index"] {
        assert!(of(subtype) >= 10, "{subtype}: {}", of(subtype));
    }
    let forms: usize = bundled_sources()
        .iter()
        .map(|(p, t)| read(p, t).entries.iter().map(|e| e.names.len() + e.demonyms.len()).sum::<usize>())
        .sum();
    assert!(forms >= 30_000, "only {forms} surface forms");

    let ids = |text: &str| -> Vec<String> {
        gaz.find(text, &claimex::segment::split(text, claimex::lexicon::Lexicon::english()))
            .iter()
            .map(|m| gaz.entity(m.entity).id.clone())
            .collect()
    };
    let rows: &[(&str, &[&str])] = &[
        // Sub-national units, by name and AP abbreviation; a state named like a city is the state.
        (
            "Fires in Marin County, Calif., and in Bavaria and Inner Mongolia.",
            &[
                "place:marin-county",
                "place:california-state",
                "place:bavaria-region-de",
                "place:inner-mongolia-region-cn",
            ],
        ),
        ("Voters in Virginia and Uttar Pradesh", &["place:virginia-state", "place:uttar-pradesh-state-in"]),
        // A county name many states share is matched only with its state.
        ("Franklin County, Ohio; Franklin County", &["place:franklin-county-oh"]),
        // Old spellings of big cities; seas; towns.
        (
            "Kiev, Bombay and Peking on the South China Sea",
            &["place:kyiv", "place:mumbai", "place:beijing", "place:south-china-sea"],
        ),
        // Companies, agencies, courts, parties, universities, indices.
        ("Boeing, Home Depot and Alibaba", &["org:boeing", "org:home-depot", "org:alibaba"]),
        (
            "The FDA, the 9th Circuit, the BJP, Harvard and the Nikkei",
            &["org:fda", "org:us-court-of-appeals-9", "org:bjp", "org:harvard", "org:nikkei-225"],
        ),
        // Company names that are words: not at a sentence start, and not when they are adjectives.
        ("Target said. Sales at Target rose.", &["org:target"]),
        ("Next week the Southern District court and Universal Studios", &[]),
        // People are not places or companies: census names are left out of towns and companies.
        ("Bill Gates met Doc Rivers and Ron Perez.", &[]),
        // A word is no alias of a province: "Western" alone is not the Western Highlands.
        (
            "the Western Highlands of Papua New Guinea and Western firms",
            &["place:western-highlands-province-pg", "place:papua-new-guinea"],
        ),
    ];
    for (text, want) in rows {
        assert_eq!(ids(text), *want, "in {text:?}");
    }
}

#[test]
fn gazetteer_check_reports_problems_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tsv");
    fs::write(&bad, "id\tname\ttype\taliases\norg:a\tAlpha\torganization\tIS\norg:a\tAlpha 2\torganization\t\norg:b\t\torganization\t\n").unwrap();
    let out = claimex().args(["gazetteer", "check"]).arg(&bad).assert().code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    let name = bad.display().to_string();
    assert_eq!(
        lines,
        [format!("{name}:3: duplicate id `org:a` (first at {name}:2)"), format!("{name}:4: empty name for `org:b`"),]
    );
    let bundled = concat!(env!("CARGO_MANIFEST_DIR"), "/gazetteers");
    let out = claimex().args(["gazetteer", "check", bundled]).assert().success();
    assert!(out.get_output().stdout.is_empty());
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains(" 0 problems"), "{stderr}");
}

fn entities(args: &[&str], doc: &str) -> (Vec<Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, doc).unwrap();
    let out = claimex().arg("entities").args(args).arg(&path).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let records = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (records, String::from_utf8(out.get_output().stderr.clone()).unwrap())
}

fn id_and_alias(records: &[Value]) -> Vec<(String, String)> {
    records
        .iter()
        .map(|r| (r["id"].as_str().unwrap_or("-").to_string(), r["alias"].as_str().unwrap().to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn gazetteer_user_files_add_to_the_bundled_ones() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("team.tsv");
    fs::write(&tsv, "id\tname\ttype\taliases\norg:zorblax\tZorblax Brigade\torganization\tZB\n").unwrap();
    let spacy = dir.path().join("team.jsonl");
    fs::write(
        &spacy,
        concat!(
            r#"{"label": "GPE", "pattern": "Qaryatayn", "id": "place:qaryatayn"}"#,
            "\n",
            r#"{"label": "GPE", "pattern": "al-Qaryatayn", "id": "place:qaryatayn"}"#,
            "\n",
            r#"{"label": "ORG", "pattern": [{"LOWER": "zb"}]}"#,
            "\n"
        ),
    )
    .unwrap();
    let doc = "The Zorblax Brigade (ZB) took al-Qaryatayn in Syria.";
    let (records, stderr) =
        entities(&["--gazetteer", tsv.to_str().unwrap(), "--gazetteer", spacy.to_str().unwrap()], doc);
    assert_eq!(
        id_and_alias(&records),
        pairs(&[
            ("org:zorblax", "Zorblax Brigade"),
            ("org:zorblax", "ZB"),
            ("place:qaryatayn", "al-Qaryatayn"),
            ("place:syria", "Syria")
        ])
    );
    assert!(stderr.contains("team.jsonl:3: token patterns (lists) are not supported; skipped"), "{stderr}");
    // Without the files, only the bundled entity is found.
    let (records, _) = entities(&[], doc);
    assert_eq!(id_and_alias(&records), pairs(&[("place:syria", "Syria")]));
}

#[test]
fn entities_lists_listed_and_unlisted_mentions_with_offsets() {
    let doc = "In Raqqa, Interior Minister Karim Haddad said ISIS had 900 fighters in Iraq’s north.";
    let (records, _) = entities(&[], doc);
    assert_eq!(
        id_and_alias(&records),
        pairs(&[
            ("place:raqqa", "Raqqa"),
            ("-", "Karim Haddad"),
            ("org:islamic-state", "ISIS"),
            ("place:iraq", "Iraq")
        ])
    );
    let chars: Vec<char> = doc.chars().collect();
    for r in &records {
        assert_eq!(r["schema"], "claimex.entity/1");
        let (a, b) = (r["char_start"].as_u64().unwrap() as usize, r["char_end"].as_u64().unwrap() as usize);
        assert_eq!(chars[a..b].iter().collect::<String>(), r["alias"].as_str().unwrap());
        let (a, b) = (r["byte_start"].as_u64().unwrap() as usize, r["byte_end"].as_u64().unwrap() as usize);
        assert_eq!(&doc[a..b], r["alias"].as_str().unwrap());
    }
    let haddad = &records[1];
    assert_eq!((haddad["type"].as_str(), haddad["form"].as_str()), (Some("person"), Some("unlisted")));
    assert_eq!(haddad["role"]["text"], "Interior Minister");
    assert_eq!(records[2]["name"], "Islamic State");
    assert_eq!(records[2]["subtype"], "armed_group");
}
