"""Gephi 0.10.1's own importer opens graph.gexf and graph.graphml as File > Open does
(../shared/tools/gephi/check.sh; its README says how), with the Import report's default edges
merge strategy and with "Don't merge": every node and edge of graph.json arrives, each relation
as an edge type (kind) of its own, with the columns of the export. GEXF's timeline spans the
days of the evidence, every dated edge in whole-day intervals, and Gephi puts each node where
GEXF's viz:position and viz:size say, before any layout runs.

check.sh is found at $GEPHI_CHECK, else at ../shared/tools/gephi/check.sh beside the
repository; it installs the Debian packages it needs and compiles Gephi's modules into
$GEPHI_CHECK_DIR (default ${TMPDIR:-/tmp}/gephi-check) on its first run. A missing check.sh or
a failed setup fails these tests.
"""
import os
import re
import subprocess
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

import pytest

from support import REPO, require_tool

GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NODE_COLUMNS = {"type", "aliases", "mentions", "wikidata", "iso3"}
EDGE_COLUMNS = {"relation", "cameo", "plover", "role", "documents", "first_quote"}


@pytest.fixture(scope="module")
def check_sh():
    path = Path(os.environ.get("GEPHI_CHECK", REPO.parent / "shared" / "tools" / "gephi" / "check.sh"))
    if not path.is_file():
        pytest.fail(f"Gephi's check tool is not at {path}: set GEPHI_CHECK to its check.sh", pytrace=False)
    return path


def parse(output):
    """What check.sh prints about the graph in Gephi's workspace."""
    seen = {}
    m = re.search(r"^nodes = (\d+), edges = (\d+), .*multigraph \(edge types\) = (\w+), dynamic = (\w+), "
                  r"time format = (\w+)", output, re.M)
    assert m, f"check.sh printed no graph summary:\n{output[-3000:]}"
    seen["nodes"], seen["edges"] = int(m[1]), int(m[2])
    seen["multigraph"], seen["dynamic"], seen["time_format"] = m[3] == "true", m[4] == "true", m[5]
    kinds = re.search(r"^edge types \(kinds\): \[(.*)\]$", output, re.M)[1]
    seen["kinds"] = {k.strip() for k in kinds.split(",")} - {"null"}
    seen["bounds"] = re.search(r"^timeline bounds = \[(.*), (.*)\]$", output, re.M).groups()
    for table in ("node", "edge"):
        columns = re.search(rf"^{table} columns:(.*)$", output, re.M)[1].split()
        seen[f"{table}_columns"] = {c.split(":")[0] for c in columns}
    dated = output.split("--- edges with time intervals ---", 1)[1].split("edges with intervals =", 1)[0]
    seen["intervals"] = {
        line.split()[0]: re.findall(r"\[([^,\]]+), ([^\]]+)\]", line) for line in dated.strip().splitlines()
    }
    return seen


@pytest.fixture(scope="module")
def gephi(check_sh, out_dir):
    """check.sh's account of each (file, merge strategy), run once each."""
    results = {}

    def run(name, mode):
        if (name, mode) not in results:
            require_tool("bash")
            p = subprocess.run(["bash", str(check_sh), str(out_dir / name), mode],
                               capture_output=True, text=True, timeout=900, check=False)
            assert p.returncode == 0, (
                f"Gephi's importer ({check_sh} {name} {mode}) exited {p.returncode}"
                f" (1: Gephi rejected the file, 2: the tool could not be set up):\n{p.stderr[-3000:]}\n{p.stdout[-3000:]}"
            )
            results[(name, mode)] = parse(p.stdout)
        return results[(name, mode)]

    return run


@pytest.mark.parametrize("mode", ["default", "nomerge"])
@pytest.mark.parametrize("name", ["graph.gexf", "graph.graphml"])
def test_gephi_keeps_every_node_and_edge_with_its_kind(gephi, graph_json, name, mode):
    seen = gephi(name, mode)
    assert (seen["nodes"], seen["edges"]) == (len(graph_json["nodes"]), len(graph_json["edges"])), (
        f"Gephi ({mode} merge) holds {seen['nodes']} nodes and {seen['edges']} edges of {name}; "
        f"graph.json has {len(graph_json['nodes'])} and {len(graph_json['edges'])}"
    )
    relations = {e["relation"] for e in graph_json["edges"]}
    assert seen["multigraph"], f"{name}: Gephi sees no edge types"
    assert seen["kinds"] == relations, f"{name}: Gephi's edge types {sorted(seen['kinds'])}, relations {sorted(relations)}"
    assert NODE_COLUMNS <= seen["node_columns"], f"{name}: node columns lack {NODE_COLUMNS - seen['node_columns']}"
    assert EDGE_COLUMNS <= seen["edge_columns"], f"{name}: edge columns lack {EDGE_COLUMNS - seen['edge_columns']}"


def evidence_days(edge):
    return sorted({v["date"] for v in edge["evidence"] if v.get("date") and DATE.match(v["date"])})


def test_gexf_timeline_is_made_of_whole_days(gephi, graph_json):
    seen = gephi("graph.gexf", "default")
    assert seen["dynamic"] and seen["time_format"] == "DATETIME", f"Gephi's time format: {seen['time_format']}"
    days = {e["source"] + "|" + e["relation"] + "|" + e["target"]: evidence_days(e) for e in graph_json["edges"]}
    all_days = sorted(d for ds in days.values() for d in ds)
    assert all_days, "no dated evidence in graph.json"
    assert seen["bounds"] == (all_days[0] + "T00:00:00.000Z", all_days[-1] + "T23:59:59.999Z"), (
        f"timeline bounds {seen['bounds']}, evidence dated {all_days[0]} to {all_days[-1]}"
    )
    expected = {edge: [(d + "T00:00:00.000Z", d + "T23:59:59.999Z") for d in ds] for edge, ds in days.items() if ds}
    assert seen["intervals"] == expected, (
        f"Gephi's edge intervals differ from the evidence's days: "
        f"{ {k: v for k, v in seen['intervals'].items() if expected.get(k) != v} }, "
        f"missing {sorted(set(expected) - set(seen['intervals']))}"
    )


def test_gephi_places_the_nodes_where_gexf_says(check_sh, gephi, out_dir, tmp_path):
    gephi("graph.gexf", "default")  # check.sh has built Gephi's classes
    require_tool("javac")
    build = Path(os.environ.get("GEPHI_CHECK_DIR", Path(os.environ.get("TMPDIR", "/tmp")) / "gephi-check"))
    # The class path of check.sh itself, so both run the same Gephi.
    line = re.search(r'^CP="(.*)"$', check_sh.read_text(), re.M)
    assert line, f"no CP= line in {check_sh}"
    classpath = f"{build / 'classes'}:" + line[1].replace("$J", "/usr/share/java")
    source = Path(__file__).with_name("gephi") / "GephiPositions.java"
    compiled = subprocess.run(["javac", "-nowarn", "-d", str(tmp_path), "-cp", classpath, str(source)],
                              capture_output=True, text=True, check=False)
    assert compiled.returncode == 0, f"javac {source.name}:\n{compiled.stderr[-3000:]}"
    p = subprocess.run(["java", "-Djava.awt.headless=true", "-cp", f"{tmp_path}:{classpath}", "GephiPositions",
                        str(out_dir / "graph.gexf")], capture_output=True, text=True, timeout=600, check=False)
    assert p.returncode == 0, f"GephiPositions exited {p.returncode}:\n{p.stderr[-3000:]}"
    in_gephi = {}
    for line in p.stdout.splitlines():
        node, x, y, size = line.split("\t")
        in_gephi[node] = (float(x), float(y), float(size))
    in_file = {}
    for node in ElementTree.parse(out_dir / "graph.gexf").getroot().iter(GEXF + "node"):
        position, size = node.find(VIZ + "position"), node.find(VIZ + "size")
        in_file[node.get("id")] = (float(position.get("x")), float(position.get("y")), float(size.get("value")))
    assert set(in_gephi) == set(in_file), "Gephi's nodes differ from the file's"
    moved = {n: (in_file[n], in_gephi[n]) for n in in_file
             if any(abs(a - b) > 0.01 for a, b in zip(in_file[n], in_gephi[n]))}
    assert not moved, f"Gephi does not put these nodes where graph.gexf does (file, Gephi): {dict(list(moved.items())[:5])}"
