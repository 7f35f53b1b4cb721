"""The competency questions: SPARQL files in queries/, run with pyoxigraph on graph.ttl, each
checked against the answer derived from the gold annotations (queries/*.expected.json, written
by derive_expected.py from tests/data/gold/seeds-relations.tsv).

Entities are matched by rdfs:label, through the gold spellings ("Hossein Amir Abdollahian" is
gold's "Hossein Amir-Abdollahian"). An answer passes when it contains every required name (or
one alternative of an "A|B" group) and nothing outside the gold's accepted set.
"""
import re
import urllib.parse

import pytest

from support import DOC, ENT, QUERIES, REPO, check_answers, read_expected

ENTITY_QUESTIONS = ["a-iran-struck", "b-pakistan-struck", "c-called-jilani", "d-mediated-both", "f-officials-of-iran"]


def select(store, name, union=False):
    """Runs queries/<name> and returns its rows as dicts of variable -> Python value; with
    `union`, over the union of the store's named graphs."""
    query = (QUERIES / name).read_text(encoding="utf-8")
    solutions = store.query(query, use_default_graph_as_union=union)
    variables = [v.value for v in solutions.variables]
    return [{v: (s[v].value if s[v] is not None else None) for v in variables} for s in solutions]


def test_expected_answers_are_those_of_the_gold():
    """The committed *.expected.json are what derive_expected.py derives from tests/data/gold now."""
    import derive_expected

    assert derive_expected.main(["--check"]) == 0, "rerun python3 tests/interop/derive_expected.py"


def test_every_query_has_an_expected_answer():
    queries = {p.stem for p in QUERIES.glob("*.rq")}
    expected = {p.name.removesuffix(".expected.json") for p in QUERIES.glob("*.expected.json")}
    answered = expected | {read_expected(f"{e}.expected.json").get("count_query", "").removesuffix(".rq") for e in expected}
    assert queries <= answered, f"queries without an expected answer: {sorted(queries - answered)}"


@pytest.mark.parametrize("name", ENTITY_QUESTIONS)
def test_competency_question(store, gold, name):
    expected = read_expected(f"{name}.expected.json")
    rows = select(store, expected["query"])
    labels = sorted({row[expected["variable"]] for row in rows})
    problems = check_answers(labels, expected, gold)
    assert not problems, (
        f"{expected['question']} ({expected['query']})\n  answer: {labels}\n  required: {expected['required']}"
        f"\n  accepted: {expected['accepted']}\n  problems: " + "; ".join(problems)
    )


def test_officials_of_iran_have_their_roles(store, gold):
    expected = read_expected("f-officials-of-iran.expected.json")
    problems = []
    for row in select(store, expected["query"]):
        canon = gold.canonical(row["label"])
        words = expected["roles"].get(canon)
        if words is None:
            continue  # not an accepted answer: test_competency_question reports it
        role = row["role"] or ""
        if not any(w in role.lower() for w in words):
            problems.append(f"{row['label']}: role {row['role']!r}, gold says {' / '.join(words)}")
    assert not problems, "officials of Iran with a wrong or no ng:role:\n  " + "\n  ".join(problems)


def doc_id(iri):
    assert iri.startswith(DOC), f"{iri} is not a document IRI"
    return urllib.parse.unquote(iri[len(DOC):])


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def test_iran_struck_pakistan_documents_and_quotes(store):
    expected = read_expected("e-iran-struck-pakistan-quotes.expected.json")
    rows = select(store, expected["query"])
    docs = sorted({doc_id(row["doc"]) for row in rows})
    [count] = select(store, expected["count_query"])
    assert int(count["documents"]) == len(docs), (
        f"{expected['count_query']} counts {count['documents']} documents, the quotes come from {len(docs)}"
    )
    assert int(count["sentences"]) == len(rows), f"{count['sentences']} sentences counted, {len(rows)} quoted"
    missing = sorted(set(expected["required"]) - set(docs))
    extra = sorted(set(docs) - set(expected["accepted"]))
    assert not missing and not extra, (
        f"{expected['question']}\n  documents: {docs}\n  missing (gold has it): {missing}\n  not in gold: {extra}"
    )
    assert all(row["quote"].strip() for row in rows), "an empty quote"


def test_iran_struck_pakistan_quotes_are_the_documents_sentences(store):
    """Provenance: each quote is the text its position selector selects in the seed file
    (code points, end exclusive; whitespace compared loosely, as line wraps are repaired)."""
    expected = read_expected("e-iran-struck-pakistan-quotes.expected.json")
    problems = []
    for row in select(store, expected["query"]):
        doc = doc_id(row["doc"])
        path = REPO / "seeds" / f"{doc}.txt"
        assert path.is_file(), f"no seed file {path} for document {doc}"
        text = path.read_text(encoding="utf-8")
        start, end = int(row["start"]), int(row["end"])
        selected = text[start:end]
        if squash(selected) != squash(row["quote"]):
            problems.append(f"{doc} [{start}:{end}] selects {selected[:80]!r}…, the quote is {row['quote'][:80]!r}…")
        for trigger in row["triggers"].split(" | "):
            if trigger.lower() not in squash(row["quote"]).lower():
                problems.append(f"{doc}: trigger {trigger!r} is not in the quote {row['quote'][:80]!r}…")
    assert not problems, "quotes that do not match their documents:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("name", sorted(p.name for p in QUERIES.glob("*.rq")))
def test_shards_loaded_together_answer_as_the_single_run(store, shard_store, name):
    """IRIs are derived from labels, so the N-Quads of shards union in a triple store: the
    seeds built in three shards answer every competency query with the single run's entities,
    counts and quotes. Only the display label may differ: each shard labels a person with the
    fullest spelling it saw, so the union can hold two spellings of one IRI; each must be a
    spelling (skos:altLabel) the single run has for that entity."""
    def key(row):
        return tuple(sorted((k, str(v)) for k, v in row.items() if k != "label"))

    single_rows = select(store, name)
    shard_rows = select(shard_store, name, union=True)
    single, shards = sorted(set(map(key, single_rows))), sorted(set(map(key, shard_rows)))
    assert single, f"{name} has no answer on the single run"
    assert shards == single, f"{name}: the shards answer\n  {shards}\nthe single run\n  {single}"
    for row in shard_rows:
        entity = next((v for k, v in row.items() if k != "label" and str(v).startswith(ENT)), None)
        if row.get("label") is None or entity is None:
            continue
        spellings = {
            str(solution["l"].value)
            for solution in store.query(f"SELECT ?l WHERE {{ <{entity}> <http://www.w3.org/2004/02/skos/core#altLabel> ?l }}")
        }
        assert str(row["label"]) in spellings, f"{name}: the shards label {entity} {row['label']!r}, not a spelling of the single run"
