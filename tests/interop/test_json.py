"""graph.json in networkx: `node_link_graph(data, edges="edges")` gives a MultiDiGraph with
every node and edge and their attributes."""
import warnings

import networkx as nx
import pytest


@pytest.fixture(scope="module")
def g(graph_json):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. networkx's FutureWarning about "links"
        return nx.node_link_graph(graph_json, edges="edges")


def test_node_link_graph_is_a_multidigraph_with_every_node_and_edge(g, graph_json):
    assert isinstance(g, nx.MultiDiGraph), f"node_link_graph gives a {type(g).__name__}, not a MultiDiGraph"
    assert g.number_of_nodes() == len(graph_json["nodes"]), (
        f"{g.number_of_nodes()} nodes in networkx, {len(graph_json['nodes'])} in the JSON list"
    )
    assert g.number_of_edges() == len(graph_json["edges"]), (
        f"{g.number_of_edges()} edges in networkx, {len(graph_json['edges'])} in the JSON list "
        "(two edges with the same source, target and key collapse)"
    )
    assert g.graph.get("name") == "newsgraph", f"graph attributes: {g.graph}"


def test_nodes_have_label_type_aliases(g):
    for node, data in g.nodes(data=True):
        missing = [a for a in ("label", "type", "aliases") if a not in data]
        assert not missing, f"node {node!r} lacks {missing}"
        assert isinstance(data["aliases"], list) and data["label"] in data["aliases"], (
            f"node {node!r}: aliases {data['aliases']!r} do not include its label {data['label']!r}"
        )


def test_edges_have_relation_weight_evidence(g):
    relations = {"struck", "called", "condemned", "mediated", "conducted", "official_of"}
    for u, v, key, data in g.edges(keys=True, data=True):
        missing = [a for a in ("relation", "weight", "evidence") if a not in data]
        assert not missing, f"edge {u}->{v} ({key}) lacks {missing}"
        assert data["relation"] in relations, f"edge {u}->{v}: relation {data['relation']!r}"
        assert key == data["relation"], f"edge {u}->{v}: key {key!r}, relation {data['relation']!r}"
        assert data["weight"] == len(data["evidence"]) > 0, (
            f"edge {u}->{v} ({key}): weight {data['weight']}, {len(data['evidence'])} pieces of evidence"
        )
        for ev in data["evidence"]:
            missing = [a for a in ("doc", "sentence", "start", "end", "trigger", "modality") if a not in ev]
            assert not missing, f"edge {u}->{v} ({key}): evidence lacks {missing}"


def test_evidence_finds_its_sentence_in_the_table(g):
    """Each supporting sentence's text is stored once, in the graph's `sentences` table
    ({doc: {index: text}}), and every piece of evidence finds its own there."""
    sentences = g.graph.get("sentences")
    assert isinstance(sentences, dict) and sentences, f"graph attribute sentences: {sentences!r}"
    cited = set()
    for u, v, key, data in g.edges(keys=True, data=True):
        for ev in data["evidence"]:
            assert "text" not in ev, f"edge {u}->{v} ({key}): evidence repeats its sentence's text"
            text = sentences.get(ev["doc"], {}).get(str(ev["sentence"]))
            assert text, f"edge {u}->{v} ({key}): no sentence {ev['sentence']} of {ev['doc']} in the table"
            squash = lambda s: " ".join(s.split()).lower()
            assert squash(ev["trigger"]) in squash(text), f"edge {u}->{v} ({key}): trigger {ev['trigger']!r} not in {text!r}"
            cited.add((ev["doc"], ev["sentence"]))
    table = {(doc, int(i)) for doc, texts in sentences.items() for i in texts}
    assert table == cited, f"sentences in the table that no evidence cites: {sorted(table - cited)[:5]}"
