"""graph.graphml: valid against the GraphML XSD extended (as the GraphML Primer allows) with
the `label` attribute of <edge> that Gephi reads as the edge's type, and against the official
XSD itself once that attribute is removed (xmllint, xmlschema); loaded by networkx and igraph
with every node, edge and attribute of graph.json. (Gephi's own importer reads it in
test_gephi.py.)"""
import json
import math
import re

import igraph
import networkx as nx
import xmlschema
from xml.etree import ElementTree

from support import run

NODE_ATTRIBUTES = ["label", "type", "color", "aliases", "mentions"]
EDGE_ATTRIBUTES = ["relation", "weight", "evidence_count", "claimed_count", "first_quote", "documents", "r", "g", "b"]
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def edge_key(source, target, relation):
    return (source, target, relation)


def json_edges(graph_json):
    return {edge_key(e["source"], e["target"], e["relation"]): e for e in graph_json["edges"]}


def xmllint(xsd, path):
    p = run(["xmllint", "--noout", "--schema", str(xsd), str(path)])
    assert p.returncode == 0, f"xmllint --schema {xsd.name} rejects {path.name}:\n{p.stderr[:5000]}"
    assert p.stderr.strip().endswith("validates"), f"unexpected xmllint output:\n{p.stderr}"


def test_graphml_is_valid_against_the_xsd_with_gephis_edge_label(out_dir, graphml_edge_label_xsd):
    xmllint(graphml_edge_label_xsd, out_dir / "graph.graphml")


def test_graphml_is_valid_for_xmlschema_too(out_dir, graphml_edge_label_xsd):
    # A second, independent validator of the same XSD (XSD 1.0 semantics, Python).
    schema = xmlschema.XMLSchema10(str(graphml_edge_label_xsd))
    errors = list(schema.iter_errors(str(out_dir / "graph.graphml")))
    assert not errors, f"xmlschema finds {len(errors)} errors in graph.graphml, first: {errors[0]}"


def test_without_the_edge_label_graphml_is_valid_against_the_official_xsd(out_dir, graphml_xsd, tmp_path, graph_json):
    # The extension adds one attribute and changes nothing else: the official XSD, untouched,
    # accepts the file once that attribute is removed, and the attribute is each edge's relation.
    ElementTree.register_namespace("", GRAPHML[1:-1])
    tree = ElementTree.parse(out_dir / "graph.graphml")
    labels = []
    for edge in tree.getroot().iter(GRAPHML + "edge"):
        labels.append(edge.attrib.pop("label"))
    assert sorted(labels) == sorted(e["relation"] for e in graph_json["edges"]), "edge labels are not the relations"
    stripped = tmp_path / "graph.graphml"
    tree.write(stripped, encoding="UTF-8", xml_declaration=True)
    xmllint(graphml_xsd, stripped)


def test_networkx_reads_graphml_with_all_attributes(out_dir, graph_json):
    g = nx.read_graphml(out_dir / "graph.graphml")
    assert g.is_directed(), "graph.graphml is read as undirected"
    assert g.number_of_nodes() == len(graph_json["nodes"]), (
        f"networkx read {g.number_of_nodes()} nodes, graph.json has {len(graph_json['nodes'])}"
    )
    assert g.number_of_edges() == len(graph_json["edges"]), (
        f"networkx read {g.number_of_edges()} edges, graph.json has {len(graph_json['edges'])}"
    )

    for node in graph_json["nodes"]:
        assert node["id"] in g, f"node {node['id']!r} of graph.json is not in graph.graphml"
        data = g.nodes[node["id"]]
        missing = [a for a in NODE_ATTRIBUTES if a not in data]
        assert not missing, f"node {node['id']!r} lacks {missing} in graph.graphml"
        assert data["label"] == node["label"], f"node {node['id']!r}: label {data['label']!r}, JSON {node['label']!r}"
        assert data["type"] == node["type"], f"node {node['id']!r}: type {data['type']!r}, JSON {node['type']!r}"
        assert HEX.match(data["color"]), f"node {node['id']!r}: color {data['color']!r} is not #RRGGBB"
        assert json.loads(data["aliases"]) == node["aliases"], f"node {node['id']!r}: aliases differ from graph.json"

    edges = json_edges(graph_json)
    sentences = graph_json["graph"]["sentences"]
    multi = g.is_multigraph()
    seen = set()
    for u, v, *rest in (g.edges(keys=True, data=True) if multi else g.edges(data=True)):
        data = rest[-1]
        missing = [a for a in EDGE_ATTRIBUTES if a not in data]
        assert not missing, f"edge {u}->{v} lacks {missing} in graph.graphml"
        key = edge_key(u, v, data["relation"])
        assert key in edges, f"edge {key} of graph.graphml is not in graph.json"
        seen.add(key)
        e = edges[key]
        assert math.isclose(data["weight"], e["weight"]), f"edge {key}: weight {data['weight']}, JSON {e['weight']}"
        assert data["evidence_count"] == len(e["evidence"]), (
            f"edge {key}: evidence_count {data['evidence_count']}, JSON has {len(e['evidence'])} pieces of evidence"
        )
        claimed = sum(ev["modality"] == "claimed" for ev in e["evidence"])
        assert data["claimed_count"] == claimed, f"edge {key}: claimed_count {data['claimed_count']}, JSON has {claimed}"
        first = e["evidence"][0]
        assert data["first_quote"] == sentences[first["doc"]][str(first["sentence"])], (
            f"edge {key}: first_quote differs from graph.json's first sentence"
        )
        assert json.loads(data["documents"]) == sorted({ev["doc"] for ev in e["evidence"]}), (
            f"edge {key}: documents {data['documents']} differ from the evidence's documents"
        )
        assert all(0 <= data[c] <= 255 for c in "rgb"), f"edge {key}: colour out of range"
    assert seen == set(edges), f"edges of graph.json missing from graph.graphml: {sorted(set(edges) - seen)}"


def test_igraph_reads_graphml_with_all_attributes(out_dir, graph_json):
    g = igraph.Graph.Read_GraphML(str(out_dir / "graph.graphml"))
    assert g.is_directed(), "igraph reads graph.graphml as undirected"
    assert g.vcount() == len(graph_json["nodes"]), f"igraph read {g.vcount()} vertices, graph.json has {len(graph_json['nodes'])} nodes"
    assert g.ecount() == len(graph_json["edges"]), f"igraph read {g.ecount()} edges, graph.json has {len(graph_json['edges'])}"
    missing = [a for a in NODE_ATTRIBUTES if a not in g.vs.attributes()]
    assert not missing, f"igraph vertices lack {missing} (they have {g.vs.attributes()})"
    missing = [a for a in EDGE_ATTRIBUTES if a not in g.es.attributes()]
    assert not missing, f"igraph edges lack {missing} (they have {g.es.attributes()})"

    labels = {n["id"]: n["label"] for n in graph_json["nodes"]}
    assert {v["id"]: v["label"] for v in g.vs} == labels, "igraph's vertex ids and labels differ from graph.json's"
    edges = json_edges(graph_json)
    read = {}
    for e in g.es:
        key = edge_key(g.vs[e.source]["id"], g.vs[e.target]["id"], e["relation"])
        read[key] = e
    assert set(read) == set(edges), (
        f"igraph's edges differ from graph.json's: only in GraphML {sorted(set(read) - set(edges))}, "
        f"only in JSON {sorted(set(edges) - set(read))}"
    )
    for key, e in read.items():
        assert e["weight"] == edges[key]["weight"], f"edge {key}: igraph weight {e['weight']}, JSON {edges[key]['weight']}"
        assert e["first_quote"], f"edge {key}: empty first_quote"
        assert HEX.match(g.vs[g.es[e.index].source]["color"]), f"edge {key}: source colour is not #RRGGBB"
