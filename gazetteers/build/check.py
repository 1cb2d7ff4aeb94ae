#!/usr/bin/env python3
"""Check gazetteer TSV files: the rules `claimex gazetteer check` applies, for the generator.

Fails (exit 1) on duplicate ids, a surface form (name, alias, demonym) naming two entities,
empty names, bad types, parents that are no id, tabs or newlines in fields, unsorted rows.
Prints row and name counts per file.
"""
import sys

TYPES = {"place", "organization", "person"}


def read(path):
    with open(path, encoding="utf-8") as f:
        lines = [(i + 1, l.rstrip("\n")) for i, l in enumerate(f) if not l.startswith("#") and l.strip()]
    header = lines[0][1].split("\t")
    return [(n, dict(zip(header, l.split("\t"))), len(l.split("\t")) == len(header)) for n, l in lines[1:]]


def main(paths):
    problems, ids, forms, rows_by_file = [], {}, {}, {}
    for path in paths:
        rows = read(path)
        rows_by_file[path] = rows
        last = ""
        for n, r, ok in rows:
            where = f"{path}:{n}"
            if not ok:
                problems.append(f"{where}: wrong number of fields")
                continue
            if r["id"] in ids:
                problems.append(f"{where}: duplicate id {r['id']} (also {ids[r['id']]})")
            ids[r["id"]] = where
            if r["id"] < last:
                problems.append(f"{where}: rows not sorted by id ({r['id']} after {last})")
            last = r["id"]
            if not r["name"].strip():
                problems.append(f"{where}: empty name")
            if r["type"] not in TYPES:
                problems.append(f"{where}: bad type {r['type']!r}")
            for f in [r["name"]] + [a for a in (r.get("aliases") or "").split("|") if a] + [d for d in (r.get("demonyms") or "").split("|") if d]:
                if f in forms and forms[f][0] != r["id"]:
                    problems.append(f"{where}: {f!r} names {r['id']} and {forms[f][0]} ({forms[f][1]})")
                forms.setdefault(f, (r["id"], where))
    for path, rows in rows_by_file.items():
        for n, r, ok in rows:
            if ok and r.get("parent") and r["parent"] not in ids:
                problems.append(f"{path}:{n}: parent {r['parent']} is no id")
        names = sum(1 + len([a for a in r.get("aliases", "").split("|") if a]) + len([d for d in r.get("demonyms", "").split("|") if d]) for _, r, ok in rows if ok)
        print(f"{path}: {len(rows)} entities, {names} names")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
