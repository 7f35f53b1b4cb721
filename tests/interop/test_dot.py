"""graph.dot in Graphviz: `dot -Tsvg` and `sfdp -Tsvg` render it without a single warning,
with every node and edge of graph.json and the legend whole (one node); `called` edges have
no arrowheads; the picture reads at the width the README shows it; no physical line is
longer than 16,384 bytes (Graphviz's input limit)."""
import re
from xml.etree import ElementTree

import pytest

from support import run

SVG = "{http://www.w3.org/2000/svg}"
MAX_LINE = 16384
# GitHub shows a README image at most about this wide (its text column), in CSS pixels.
README_WIDTH_PX = 830
# The smallest text that reads without zooming, in CSS pixels.
LEGIBLE_PX = 11
LEGEND_ID = "legend:"


def render(engine, out_dir):
    p = run([engine, "-Tsvg", str(out_dir / "graph.dot")])
    assert p.returncode == 0, f"{engine} -Tsvg graph.dot exited {p.returncode}:\n{p.stderr}"
    assert p.stderr == "", f"{engine} -Tsvg graph.dot printed on stderr:\n{p.stderr}"
    svg = ElementTree.fromstring(p.stdout.encode("utf-8"))
    assert svg.tag == SVG + "svg", f"{engine} wrote {svg.tag}, not SVG"
    return svg


@pytest.fixture(scope="module")
def svg(out_dir):
    return render("dot", out_dir)


@pytest.fixture(scope="module")
def sfdp_svg(out_dir):
    return render("sfdp", out_dir)


def groups(svg, cls):
    """The SVG groups of class `cls` (node, edge, cluster), by their <title> text."""
    return [(g.findtext(SVG + "title"), g) for g in svg.iter(SVG + "g") if g.get("class") == cls]


def test_svg_has_every_node_and_edge(svg, graph_json):
    nodes = {title for title, _ in groups(svg, "node")}
    missing = sorted({n["id"] for n in graph_json["nodes"]} - nodes)
    assert not missing, f"nodes of graph.json missing from the rendering: {missing}"
    edges = [title for title, _ in groups(svg, "edge")]
    assert len(edges) >= len(graph_json["edges"]), f"{len(edges)} edges rendered, graph.json has {len(graph_json['edges'])}"
    # Graphviz titles an edge "source->target"; each JSON edge is one of them.
    rendered = {}
    for title in edges:
        rendered[title] = rendered.get(title, 0) + 1
    for e in graph_json["edges"]:
        title = f"{e['source']}->{e['target']}"
        assert rendered.get(title, 0) > 0, f"edge {title} ({e['relation']}) is not in the rendering"
        rendered[title] -= 1


@pytest.mark.parametrize("engine", ["dot", "sfdp"])
def test_the_legend_is_one_node_with_every_type_and_relation(engine, svg, sfdp_svg, graph_json):
    rendering = {"dot": svg, "sfdp": sfdp_svg}[engine]
    legends = [g for title, g in groups(rendering, "node") if title == LEGEND_ID]
    assert len(legends) == 1, f"{engine}: {len(legends)} legend nodes, expected one"
    words = " ".join(t.text or "" for t in legends[0].iter(SVG + "text"))
    for name in {n["type"] for n in graph_json["nodes"]} | {e["relation"] for e in graph_json["edges"]}:
        assert re.search(rf"\b{re.escape(name)}\b", words), f"{engine}: the legend lacks {name!r}: {words!r}"
    clusters = [title for title, _ in groups(rendering, "cluster")]
    assert not any("legend" in (t or "") for t in clusters), f"{engine}: a legend cluster remains: {clusters}"


def test_called_edges_have_no_arrowheads_and_others_do(svg, graph_json):
    # In Graphviz's SVG an arrowhead is a <polygon> inside the edge's group.
    heads = {}
    for title, g in groups(svg, "edge"):
        heads.setdefault(title, []).append(len(list(g.iter(SVG + "polygon"))))
    called = {f"{e['source']}->{e['target']}" for e in graph_json["edges"] if e["relation"] == "called"}
    directed = {f"{e['source']}->{e['target']}" for e in graph_json["edges"] if e["relation"] != "called"}
    assert called, "the seeds' graph has no called edge"
    for title in called:
        assert 0 in heads[title], f"called edge {title} is drawn with an arrowhead: {heads[title]}"
    for title in directed - called:
        assert all(n > 0 for n in heads[title]), f"edge {title} is drawn without an arrowhead"


def test_the_picture_reads_at_the_readme_width(svg):
    width_px = float(svg.get("width").removesuffix("pt")) * 4 / 3
    scale = min(1.0, README_WIDTH_PX / width_px)
    sizes = [float(t.get("font-size")) * 4 / 3 for t in svg.iter(SVG + "text") if t.get("font-size")]
    assert sizes, "no text in the rendering"
    smallest = min(sizes) * scale
    assert smallest >= LEGIBLE_PX, (
        f"at {README_WIDTH_PX} px wide (the drawing is {width_px:.0f} px) the smallest text is "
        f"{smallest:.1f} px, under {LEGIBLE_PX} px"
    )


def test_no_line_is_longer_than_16384_bytes(out_dir):
    data = (out_dir / "graph.dot").read_bytes()
    long_lines = [(i, len(line)) for i, line in enumerate(data.split(b"\n"), 1) if len(line) > MAX_LINE]
    assert not long_lines, f"graph.dot lines over {MAX_LINE} bytes (line, bytes): {long_lines[:10]}"
