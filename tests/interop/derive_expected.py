#!/usr/bin/env python3
"""Derive the expected answers of the competency queries from the gold annotations.

usage: python3 tests/interop/derive_expected.py [GOLD_DIR]        (default: tests/data/gold)
       python3 tests/interop/derive_expected.py --check [GOLD_DIR]

Writes tests/interop/queries/gold-entities.json (every gold entity with its aliases, used to
match an answer's rdfs:label to a gold entity) and one queries/<name>.expected.json per
question. The outputs are committed, so the tests need no gold directory; rerun this after the
gold annotations change (--check exits 1 if the committed files are stale).

Every answer list has the same two-sided form, which tolerates the "A|B" alternatives of the
gold rows:
  "required": gold canonical names, "A|B" for a group of alternatives; each must be hit by at
              least one answer. A group comes from a required row whose anchor side is exactly the
              anchor (a row "Jalil Abbas Jilani|Pakistan called X" does not oblige Jilani's
              answer to contain X: the graph may hold it as Pakistan's call).
  "accepted": every gold canonical name an answer may be: the other side (every alternative)
              of any required or optional row whose anchor side contains the anchor.
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries"

# The office each Iranian official holds, as the gold evidence column words it
# ("Iranian Interior Minister Ahmad Vahidi", "foreign ministry spokesman Nasser Kanani", ...).
# An answer's ng:role must contain one of the words (case-insensitive). Hand-read from the
# evidence column, which the TSV has no separate column for.
IRAN_ROLES = {
    "Hossein Amir-Abdollahian": ["foreign minister"],
    "Reza Amiri Moghadam": ["ambassador"],
    "Seyed Rasoul Mousavi": ["diplomat"],
    "Hassan Kazmi Qomi": ["special representative"],
    "Ahmad Vahidi": ["interior minister"],
    "Nasser Kanani": ["spokesman", "spokesperson"],
    "Alireza Marhamati": ["governor"],
}


def load_entities(path):
    entities = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        canon, typ, aliases, status = line.split("\t")[:4]
        names = [canon] + [a for a in aliases.split("|") if a != canon]
        entities[canon] = {"type": typ, "aliases": names, "status": status}
    return entities


def load_relations(path):
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        doc, s, r, o, status = line.split("\t")[:5]
        rows.append({"doc": doc, "s": s.split("|"), "r": r, "o": o.split("|"), "status": status})
    return rows


def answers(rows, relation, anchor, side="subject", symmetric=False):
    """Required groups and accepted names of "the other side of `relation` with `anchor`"."""
    required, accepted = set(), set()
    views = []
    for row in rows:
        if row["r"] != relation:
            continue
        pairs = [(row["s"], row["o"])] if side == "subject" else [(row["o"], row["s"])]
        if symmetric:
            pairs = [(row["s"], row["o"]), (row["o"], row["s"])]
        views += [(row, a, b) for a, b in pairs]
    for row, mine, other in views:
        if anchor not in mine:
            continue
        accepted.update(other)
        if row["status"] == "required" and mine == [anchor]:
            required.add(tuple(sorted(other)))
    return minimal(required), sorted(accepted)


def minimal(groups):
    """Drops a group that contains another (hitting the smaller one hits it too)."""
    groups = sorted(groups, key=lambda g: (len(g), g))
    kept = []
    for g in groups:
        if not any(set(k) <= set(g) for k in kept):
            kept.append(g)
    return ["|".join(g) for g in sorted(kept)]


def mediated_both(rows, a, b):
    """Third parties that mediated both a and b (in any documents)."""
    on = defaultdict(list)  # party -> rows
    for row in rows:
        if row["r"] == "mediated" and len(row["o"]) == 1:
            on[row["o"][0]].append(row)
    required, accepted = set(), set()
    for ra in on[a]:
        for rb in on[b]:
            common = set(ra["s"]) & set(rb["s"])
            accepted.update(common)
            both_required = ra["status"] == rb["status"] == "required"
            if both_required and ra["s"] == rb["s"]:
                required.add(tuple(sorted(ra["s"])))
    accepted -= {a, b}
    return minimal(required), sorted(accepted)


def documents(rows, subject, relation, obj):
    required = sorted(
        {r["doc"] for r in rows if r["r"] == relation and r["s"] == [subject] and r["o"] == [obj]
         and r["status"] == "required"}
    )
    accepted = sorted({r["doc"] for r in rows if r["r"] == relation and subject in r["s"] and obj in r["o"]})
    return required, accepted


def derive(gold):
    entities = load_entities(gold / "seeds-entities.tsv")
    rows = load_relations(gold / "seeds-relations.tsv")
    out = {"gold-entities.json": entities}

    def question(name, text, variable, required, accepted, **extra):
        names = {n for g in required for n in g.split("|")} | set(accepted)
        unknown = names - entities.keys()
        assert not unknown, f"{name}: not in seeds-entities.tsv: {unknown}"
        out[f"{name}.expected.json"] = {
            "question": text, "query": f"{name}.rq", "variable": variable,
            "required": required, "accepted": accepted, **extra,
        }

    question("a-iran-struck", "Whom did Iran strike?", "label", *answers(rows, "struck", "Iran"))
    question("b-pakistan-struck", "Whom did Pakistan strike?", "label", *answers(rows, "struck", "Pakistan"))
    question("c-called-jilani", "Who spoke by phone with Jalil Abbas Jilani?", "label",
             *answers(rows, "called", "Jalil Abbas Jilani", symmetric=True))
    question("d-mediated-both", "Which third parties urged restraint on (mediated) both Pakistan and Iran?",
             "label", *mediated_both(rows, "Pakistan", "Iran"))
    required_docs, accepted_docs = documents(rows, "Iran", "struck", "Pakistan")
    out["e-iran-struck-pakistan-quotes.expected.json"] = {
        "question": "In how many documents is \"Iran struck Pakistan\" attested, and with which sentences?",
        "query": "e-iran-struck-pakistan-quotes.rq", "count_query": "e-iran-struck-pakistan-documents.rq",
        "variable": "doc_id", "required": required_docs, "accepted": accepted_docs,
    }
    required, accepted = answers(rows, "official_of", "Iran", side="object")
    question("f-officials-of-iran", "Which officials hold office for Iran, and in which role?", "label",
             required, accepted, roles={k: v for k, v in IRAN_ROLES.items() if k in accepted})
    missing_roles = set(accepted) - IRAN_ROLES.keys()
    assert not missing_roles, f"add the gold role words of {missing_roles} to IRAN_ROLES"
    return out


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    gold = Path(args[0]) if args else HERE.parent / "data" / "gold"
    stale = []
    for name, value in derive(gold).items():
        text = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
        path = QUERIES / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(HERE.parents[1])}")
    if stale:
        print("stale (rerun derive_expected.py):", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
