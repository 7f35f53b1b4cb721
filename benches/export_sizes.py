#!/usr/bin/env python3
"""Where the bytes of newsgraph's exports go (BENCHMARKS.md, "Export size").

    python3 benches/export_sizes.py OUT_DIR INPUT_BYTES

OUT_DIR holds the six exports of one run, INPUT_BYTES is the size of the articles it read.
Prints each export's size as a multiple of the input, the N-Triples bytes by the kind of
subject (evidence nodes, selectors, sentences, statements, ...), and the share of the
evidence lists in GraphML and JSON.
"""
import json
import os
import re
import sys
from collections import Counter

NG = "https://w3id.org/newsgraph/"


def part_of(subject, predicate, obj):
    """The part of the graph an N-Triples line belongs to, by its subject."""
    if subject.startswith(f"<{NG}evidence/"):
        return "evidence nodes"
    if subject.startswith(f"<{NG}sentence/"):
        if subject.endswith("/position>") or subject.endswith("/quote>"):
            return "selector nodes"
        return "sentence nodes"
    if subject.startswith(f"<{NG}statement/"):
        if predicate.endswith("#evidence>"):
            return "statement -> evidence links"
        if predicate.endswith("#wasDerivedFrom>"):
            return "statement prov:wasDerivedFrom"
        return "statements"
    if subject.startswith(f"<{NG}entity/"):
        if obj.startswith(f"<{NG}entity/"):
            return "direct triples"
        return "entities"
    return "documents and other"


def main(out, input_bytes):
    for name in sorted(os.listdir(out)):
        if name.startswith("graph."):
            size = os.path.getsize(os.path.join(out, name))
            print(f"{name:16s} {size:13d} {size / input_bytes:6.2f}x")
    total = sum(os.path.getsize(os.path.join(out, n)) for n in os.listdir(out) if n.startswith("graph."))
    print(f"{'all':16s} {total:13d} {total / input_bytes:6.2f}x\n")

    parts, within = Counter(), Counter()
    with open(os.path.join(out, "graph.nt"), encoding="utf-8") as nt:
        for line in nt:
            subject, predicate, obj = line.split(" ", 2)
            size = len(line.encode())
            parts[part_of(subject, predicate, obj)] += size
            if subject.startswith(f"<{NG}evidence/"):
                if predicate.endswith("22-rdf-syntax-ns#type>"):
                    within["rdf:type ng:Evidence"] += size
                elif predicate.endswith("#trigger>"):
                    within["ng:trigger"] += size
    print(f"graph.nt by subject ({sum(parts.values())} bytes):")
    for part, size in parts.most_common():
        print(f"  {part:32s} {size:12d} {size / input_bytes:6.2f}x")
    for part, size in within.most_common():
        print(f"    of the evidence nodes, {part:22s} {size:12d} {size / input_bytes:6.2f}x")

    with open(os.path.join(out, "graph.graphml"), encoding="utf-8") as f:
        graphml = f.read()
    evidence = sum(len(m.encode()) for m in re.findall(r'<data key="evidence">.*?</data>', graphml))
    print(f"\ngraph.graphml evidence lists {evidence} bytes {evidence / input_bytes:.2f}x")
    with open(os.path.join(out, "graph.json"), encoding="utf-8") as f:
        graph = json.load(f)

    def compact(value):
        return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())

    evidence = sum(compact(e["evidence"]) for e in graph["edges"])
    sentences = compact(graph["graph"]["sentences"])
    print(f"graph.json evidence lists {evidence} bytes {evidence / input_bytes:.2f}x, "
          f"sentence table {sentences} bytes {sentences / input_bytes:.2f}x")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]))
