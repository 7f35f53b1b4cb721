"""Baselines for the exporter benchmarks: the Python tools an analyst would otherwise use,
timed on the very graph newsgraph exported (BENCHMARKS.md, "Exporters").

    python benches/export_baselines.py OUT_DIR

OUT_DIR holds graph.nt, graph.graphml and graph.json of one `newsgraph build` of the corpus
`cargo bench --bench export` exports (10 MB, seed 42: `target/release/examples/gen_corpus
--size-mb 10 --out CORPUS --seed 42`, then `newsgraph build CORPUS -o OUT_DIR`). Each writer is
timed into memory, best of REPEAT runs:

- pyoxigraph: the N-Triples loaded into a Store, dumped as N-Triples and as Turtle;
- networkx: graph.graphml read with read_graphml, written with write_graphml;
- json: graph.json parsed, written back with json.dumps (the standard library).
"""

import io
import json
import sys
import time
from pathlib import Path

import networkx
import pyoxigraph

REPEAT = 3


def best(fn):
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(out):
    nt = (out / "graph.nt").read_bytes()
    triples = nt.count(b"\n")
    store = pyoxigraph.Store()
    store.bulk_load(nt, format=pyoxigraph.RdfFormat.N_TRIPLES)
    for name, fmt in [("N-Triples", pyoxigraph.RdfFormat.N_TRIPLES), ("Turtle", pyoxigraph.RdfFormat.TURTLE)]:
        seconds = best(lambda: store.dump(io.BytesIO(), format=fmt, from_graph=pyoxigraph.DefaultGraph()))
        print(f"pyoxigraph {pyoxigraph.__version__} {name}: {triples} triples in {seconds:.3f} s = "
              f"{triples / seconds / 1e6:.2f} M triples/s")

    graph = networkx.read_graphml(out / "graph.graphml")
    edges = graph.number_of_edges()
    seconds = best(lambda: networkx.write_graphml(graph, io.BytesIO()))
    print(f"networkx {networkx.__version__} write_graphml: {edges} edges in {seconds:.3f} s = "
          f"{edges / seconds / 1e3:.1f} k edges/s")

    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    edges = len(data["edges"])
    seconds = best(lambda: json.dumps(data, ensure_ascii=False))
    print(f"python json.dumps: {edges} edges in {seconds:.3f} s = {edges / seconds / 1e3:.1f} k edges/s")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
