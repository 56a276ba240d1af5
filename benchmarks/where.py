"""Where the CPU time of `fc render all` for one centre goes, step by step (BENCHMARKS.md).

    python benchmarks/where.py [CENTRE.yaml] [--repeat 5]

Runs the steps of a one-centre render in a new process each time, in the order `fc render`
takes them, and prints the median CPU time of each: the imports (fc's own, pydantic and the data
model, jinja2, markdown-it), checking the centre, filling in the templates, parsing the texts and
building the .docx files. The process's start before fc (Python itself) is not in it. Run it
twice first: the first run after a change fills fc's caches (compiled templates, the Word base
package).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: the steps, run in the measured process; each prints its CPU time in ms
_STEPS = r'''
import json, os, sys, time
clock = time.process_time
marks, last = [], clock()
def mark(name):
    global last
    now = clock(); marks.append((name, (now - last) * 1000)); last = now
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
from pathlib import Path
from fc_cli import entry
entry._no_plugin_search()
import fc_cli.direct, fc_cli.parallel
mark("fc's entry point and the command line")
import fc_cli.render as render
mark("fc_cli.render and what it imports")
import pydantic.main
mark("pydantic")
import fc_cli.model
mark("fc's data model (its pydantic models built)")
from fc_cli.check.centre import check_centre
mark("the checks (packs, rules, schema errors)")
centre = check_centre(Path(sys.argv[1]), "centre.yaml")
mark("checking the centre (C parser, data model, rules)")
from fc_cli.documents import resolve_documents
documents = resolve_documents("all")
import jinja2
mark("jinja2")
render._renderer(render._ByFolder(centre.pack))
mark("the pack's sandbox, templates from the cache")
texts = [render.render_text(centre, document, False) for document in documents]
mark("filling in the four templates")
from fc_cli.word import markup
markup._parser()
mark("markdown-it and its plugins")
trees = [markup.parse(text) for text in texts]
mark("parsing the four texts")
from fc_cli.word import builder
made = builder.WordBuilder(None)
mark("the Word builder, base package from fc's cache")
for document, text, tree in zip(documents, texts, trees):
    made.build(tree, builder.DocumentMeta(*render._word_order(centre, document, text).meta))
mark("building the four .docx files")
print(json.dumps(marks))
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("centre", nargs="?", type=Path, default=ROOT / "examples" / "vivalla" / "centre.yaml")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = []
    for _ in range(args.repeat):
        result = subprocess.run([sys.executable, "-c", _STEPS, str(args.centre)], capture_output=True, text=True,
                                env=env, check=True)
        runs.append(json.loads(result.stdout.splitlines()[-1]))
    print("| step | CPU ms (median) |\n|---|---|")
    total = 0.0
    for i, (name, _) in enumerate(runs[0]):
        value = statistics.median(run[i][1] for run in runs)
        total += value
        print(f"| {name} | {value:.0f} |")
    print(f"| in all (after Python's own start) | {total:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
