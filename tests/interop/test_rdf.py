"""graph.ttl and graph.nt in RDF tools: rapper (Raptor), pyoxigraph (Oxigraph), rdflib and
pyshacl (SHACL validation against schema/shapes.ttl); also the graph of the seeds as crawler
records, whose documents carry web addresses and publication dates."""
import json
import os
import re
import subprocess
import urllib.parse
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from pyshacl import validate
from rdflib.namespace import RDF, SH

from support import ENT, NG, REPO, run

FORMATS = {"graph.ttl": ("turtle", pyoxigraph.RdfFormat.TURTLE), "graph.nt": ("ntriples", pyoxigraph.RdfFormat.N_TRIPLES)}
NGNS = rdflib.Namespace(NG)
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")


def rapper_count(path, syntax):
    """The triple count `rapper -c` reports (it prints it on stderr)."""
    p = run(["rapper", "-i", syntax, "-c", str(path)])
    assert p.returncode == 0, f"rapper -i {syntax} -c {path.name} exited {p.returncode}:\n{p.stderr}"
    problems = [line for line in p.stderr.splitlines() if re.search(r"error|warning", line, re.I)]
    assert not problems, f"rapper reported problems in {path.name}:\n" + "\n".join(problems)
    m = re.search(r"Parsing returned (\d+) triples?", p.stderr)
    assert m, f"no triple count in rapper's output:\n{p.stderr}"
    return int(m.group(1))


def oxigraph_triples(path, fmt):
    return [(t.subject, t.predicate, t.object) for t in pyoxigraph.parse(path=str(path), format=fmt)]


@pytest.mark.parametrize("name", FORMATS)
def test_pyoxigraph_and_rdflib_load_as_many_triples_as_rapper(out_dir, name):
    syntax, fmt = FORMATS[name]
    path = out_dir / name
    expected = rapper_count(path, syntax)
    assert expected > 0, f"rapper parsed no triple from {name}"

    parsed = oxigraph_triples(path, fmt)
    assert len(parsed) == expected, f"pyoxigraph.parse read {len(parsed)} triples from {name}, rapper {expected}"
    assert len(set(parsed)) == len(parsed), f"{name} repeats {len(parsed) - len(set(parsed))} triples"
    store = pyoxigraph.Store()
    store.load(path=str(path), format=fmt)
    assert len(store) == expected, f"a pyoxigraph Store loaded {len(store)} triples from {name}, rapper {expected}"

    g = rdflib.Graph()
    g.parse(str(path), format=syntax)
    assert len(g) == expected, f"rdflib loaded {len(g)} triples from {name}, rapper {expected}"


def test_turtle_and_ntriples_hold_the_same_graph(out_dir):
    # No blank nodes (every resource is an IRI), so equal graphs are equal triple sets.
    ttl = set(oxigraph_triples(out_dir / "graph.ttl", pyoxigraph.RdfFormat.TURTLE))
    nt = set(oxigraph_triples(out_dir / "graph.nt", pyoxigraph.RdfFormat.N_TRIPLES))
    assert not any(isinstance(term, pyoxigraph.BlankNode) for t in ttl for term in t), "graph.ttl has blank nodes"
    assert ttl == nt, f"graph.ttl and graph.nt differ: {len(ttl - nt)} triples only in .ttl, {len(nt - ttl)} only in .nt"


def test_rdf_has_every_node_and_edge_of_the_json(store, graph_json):
    def count(query):
        return int(next(iter(store.query(query)))[0].value)

    prefix = f"PREFIX ng: <{NG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    entities = count(prefix + "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e rdfs:label ?l ; ng:mentionCount ?m }")
    statements = count(prefix + "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ng:Statement }")
    evidence = count(prefix + "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?s ng:evidence ?e }")
    assert entities == len(graph_json["nodes"]), f"{entities} entities in graph.ttl, {len(graph_json['nodes'])} nodes in graph.json"
    assert statements == len(graph_json["edges"]), f"{statements} statements in graph.ttl, {len(graph_json['edges'])} edges in graph.json"
    json_evidence = sum(len(e["evidence"]) for e in graph_json["edges"])
    assert evidence == json_evidence, f"{evidence} pieces of evidence in graph.ttl, {json_evidence} in graph.json"
    for modality in ("asserted", "claimed"):
        n = count(prefix + f'SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?s ng:evidence ?e . ?e ng:modality "{modality}" }}')
        expected = sum(ev["modality"] == modality for e in graph_json["edges"] for ev in e["evidence"])
        assert n == expected, f"{n} pieces of {modality} evidence in graph.ttl, {expected} in graph.json"
    # Who placed a call: seed 000 says it ("Hakan Fidan called Foreign Minister Jilani").
    callers = sorted(
        urllib.parse.unquote(row[0].value.removeprefix(ENT))
        for row in store.query(prefix + "SELECT ?c WHERE { ?s ng:evidence ?e . ?e ng:caller ?c }")
    )
    json_callers = sorted(ev["caller"] for e in graph_json["edges"] for ev in e["evidence"] if "caller" in ev)
    assert json_callers, "no evidence of graph.json names a caller"
    assert callers == json_callers, f"callers in graph.ttl: {callers}, in graph.json: {json_callers}"


# --- SHACL -------------------------------------------------------------------------------


def shacl(data, schema_dir, inference="none"):
    """(conforms, [(focus node, path, message)], report text) of pyshacl on an rdflib graph."""
    shapes = rdflib.Graph().parse(str(schema_dir / "shapes.ttl"), format="turtle")
    ontology = rdflib.Graph().parse(str(schema_dir / "ontology.ttl"), format="turtle")
    conforms, report, text = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference=inference, abort_on_first=False, meta_shacl=False
    )
    results = [
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)), str(report.value(r, SH.resultMessage)))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]
    return conforms, results, text


@pytest.fixture(scope="module")
def data_graph(out_dir):
    return rdflib.Graph().parse(str(out_dir / "graph.ttl"), format="turtle")


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_graph_conforms_to_the_shapes(data_graph, schema_dir, inference):
    conforms, results, text = shacl(data_graph, schema_dir, inference)
    assert conforms, f"graph.ttl does not conform to schema/shapes.ttl (inference={inference}):\n{text[:5000]}"


@pytest.fixture(scope="module")
def records_graph(tmp_path_factory, seeds_dir):
    """The seeds as crawler records (JSON Lines with web addresses and publication dates),
    built into Turtle by the release binary."""
    binary = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")) / "release" / "newsgraph"
    assert binary.is_file(), f"no {binary}: build it first (cargo build --release; tests/run.sh does)"
    tmp = tmp_path_factory.mktemp("records")
    with open(tmp / "seeds.jsonl", "w", encoding="utf-8") as f:
        for day, path in enumerate(sorted(seeds_dir.glob("*.txt")), start=20):
            record = {
                "maintext": path.read_text(encoding="utf-8"),
                "url": f"https://news.example.org/world/{path.stem}?page=1&lang=en#top",
                "date_publish": f"2024-01-{day} 09:30:00",
            }
            f.write(json.dumps(record) + "\n")
    subprocess.run([binary, "build", tmp / "seeds.jsonl", "-q", "-o", tmp / "out"], check=True)
    return tmp / "out"


def test_graph_of_crawler_records_conforms_and_names_its_sources(records_graph, schema_dir):
    path = records_graph / "graph.ttl"
    assert rapper_count(path, "turtle") > 0
    g = rdflib.Graph().parse(str(path), format="turtle")
    conforms, _, text = shacl(g, schema_dir)
    assert conforms, f"the graph of crawler records does not conform to schema/shapes.ttl:\n{text[:5000]}"
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    sources = {str(o) for o in g.objects(None, prov.wasDerivedFrom) if str(o).startswith("https://news.")}
    assert len(sources) == 5, sorted(sources)
    issued = sorted(str(o) for o in g.objects(None, dct.issued))
    assert issued == [f"2024-01-{day}" for day in range(20, 25)], issued


def _statements(g):
    return sorted(g.subjects(RDF.type, NGNS.Statement))


def drop_subjects(g):
    """Removes the ng:subject of every statement."""
    g.remove((None, NGNS.subject, None))


def second_subject(g):
    """Gives a statement a second subject (its object)."""
    st = _statements(g)[0]
    g.add((st, NGNS.subject, g.value(st, NGNS.object)))


def wrong_weight(g):
    """Makes a statement's weight disagree with its evidence count."""
    st = _statements(g)[0]
    weight = int(g.value(st, NGNS.weight))
    g.set((st, NGNS.weight, rdflib.Literal(weight + 1)))


def drop_direct_triple(g):
    """Removes the direct triple (subject, relation, object) of a statement."""
    st = _statements(g)[0]
    g.remove((g.value(st, NGNS.subject), g.value(st, NGNS.relation), g.value(st, NGNS.object)))


def untyped_entity(g):
    """Removes the class of the subject of a statement."""
    st = _statements(g)[0]
    g.remove((g.value(st, NGNS.subject), RDF.type, None))


def drop_quote(g):
    """Removes the quoted text of a piece of evidence."""
    quote = sorted(g.subjects(RDF.type, OA.TextQuoteSelector))[0]
    g.remove((quote, OA.exact, None))


def unknown_modality(g):
    """Gives a piece of evidence a modality outside the two of the ontology."""
    evidence = sorted(g.subjects(NGNS.modality, None))[0]
    g.set((evidence, NGNS.modality, rdflib.Literal("denied")))


def stranger_caller(g):
    """Names as the caller of a call an entity that is no party to it."""
    evidence = sorted(g.subjects(NGNS.caller, None))[0]
    statement = g.value(None, NGNS.evidence, evidence)
    parties = {g.value(statement, NGNS.subject), g.value(statement, NGNS.object)}
    stranger = next(s for s in sorted(g.subjects(RDF.type, NGNS.State)) if s not in parties)
    g.set((evidence, NGNS.caller, stranger))


BROKEN = {
    # mutation: what the report must name (a result path or a message fragment)
    drop_subjects: NG + "subject",
    second_subject: NG + "subject",
    wrong_weight: "weight is the number of pieces of evidence",
    drop_direct_triple: "direct triple",
    untyped_entity: "exactly one of the seven entity types",
    drop_quote: "http://www.w3.org/ns/oa#exact",
    unknown_modality: NG + "modality",
    stranger_caller: "caller is the subject or the object",
}


@pytest.mark.parametrize("mutation", BROKEN, ids=lambda f: f.__name__)
def test_broken_copy_does_not_conform(data_graph, schema_dir, mutation):
    g = rdflib.Graph()
    for t in data_graph:
        g.add(t)
    before = len(g)
    mutation(g)
    assert len(g) != before or mutation in (wrong_weight, unknown_modality, stranger_caller), f"{mutation.__name__} changed nothing"
    conforms, results, text = shacl(g, schema_dir)
    assert not conforms, f"a copy of graph.ttl broken by {mutation.__name__} ({mutation.__doc__.strip()}) still conforms"
    expected = BROKEN[mutation]
    assert any(expected in path or expected in message for _, path, message in results), (
        f"{mutation.__name__}: no validation result names {expected!r}:\n{text[:3000]}"
    )
