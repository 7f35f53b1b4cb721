"""graph.dot in Graphviz: `dot -Tsvg` renders it without a single warning, with every node and
edge of graph.json; no physical line is longer than 16,384 bytes (Graphviz's input limit)."""
from xml.etree import ElementTree

import pytest

from support import run

SVG = "{http://www.w3.org/2000/svg}"
MAX_LINE = 16384


@pytest.fixture(scope="module")
def svg(out_dir):
    p = run(["dot", "-Tsvg", str(out_dir / "graph.dot")])
    assert p.returncode == 0, f"dot -Tsvg graph.dot exited {p.returncode}:\n{p.stderr}"
    assert p.stderr == "", f"dot -Tsvg graph.dot printed on stderr:\n{p.stderr}"
    return ElementTree.fromstring(p.stdout.encode("utf-8"))


def groups(svg, cls):
    """The <title> texts of the SVG groups of class `cls` (node, edge, cluster)."""
    return [g.findtext(SVG + "title") for g in svg.iter(SVG + "g") if g.get("class") == cls]


def test_dot_renders_svg_without_warnings(svg):
    assert svg.tag == SVG + "svg", f"dot wrote {svg.tag}, not SVG"


def test_svg_has_every_node_and_edge(svg, graph_json):
    nodes = set(groups(svg, "node"))
    missing = sorted({n["id"] for n in graph_json["nodes"]} - nodes)
    assert not missing, f"nodes of graph.json missing from the rendering: {missing}"
    edges = groups(svg, "edge")
    assert len(edges) >= len(graph_json["edges"]), f"{len(edges)} edges rendered, graph.json has {len(graph_json['edges'])}"
    # Graphviz titles an edge "source->target"; each JSON edge is one of them.
    rendered = {}
    for title in edges:
        rendered[title] = rendered.get(title, 0) + 1
    for e in graph_json["edges"]:
        title = f"{e['source']}->{e['target']}"
        assert rendered.get(title, 0) > 0, f"edge {title} ({e['relation']}) is not in the rendering"
        rendered[title] -= 1


def test_sfdp_renders_too(out_dir):
    # The README's advice for graphs over a few hundred nodes.
    p = run(["sfdp", "-Tsvg", str(out_dir / "graph.dot")])
    assert p.returncode == 0, f"sfdp -Tsvg graph.dot exited {p.returncode}:\n{p.stderr}"
    assert "<svg" in p.stdout, "sfdp wrote no SVG"


def test_no_line_is_longer_than_16384_bytes(out_dir):
    data = (out_dir / "graph.dot").read_bytes()
    long_lines = [(i, len(line)) for i, line in enumerate(data.split(b"\n"), 1) if len(line) > MAX_LINE]
    assert not long_lines, f"graph.dot lines over {MAX_LINE} bytes (line, bytes): {long_lines[:10]}"
