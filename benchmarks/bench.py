"""fc's speed against SPEC §7's targets, measured as medians of whole-process runs.

    python benchmarks/bench.py            # prints the table and writes BENCHMARKS.md

It builds a county from the examples with varied data in a temporary folder and measures:
`fc --help` against `python -c pass`; `fc render all` for one centre against pandoc converting the
same four texts; one call rendering 50 centres (200 documents), in ms per document and peak
memory; `fc validate` of 300 centres. Pandoc comes from Debian (`apt-get install pandoc`).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def fc_command() -> list[str]:
    script = Path(sys.executable).parent / "fc"
    return [str(script)] if script.exists() else [sys.executable, "-m", "fc_cli"]


def timed(cmd: list[str], runs: int, cwd: Path | None = None) -> float:
    """Median wall time in ms over *runs*."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


_PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_memory_mb(cmd: list[str]) -> float:
    """Peak resident memory of the largest process *cmd* starts (itself or a worker), in MB."""
    result = subprocess.run([sys.executable, "-c", _PEAK, *cmd], check=True, capture_output=True, text=True)
    return int(result.stdout.strip()) / 1024


def build_county(folder: Path, count: int) -> list[Path]:
    """*count* centres from the examples, each with its own name, in folders per municipality."""
    sources = sorted(EXAMPLES.glob("*/centre.yaml"))
    if not sources:
        raise SystemExit("no examples/*/centre.yaml to build a county from")
    made = []
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        name = re.search(r"^  name: (.+)$", text, re.M)
        if name:
            text = text.replace(f"  name: {name.group(1)}", f"  name: {name.group(1)} {n + 1}", 1)
        target = folder / source.parent.name / f"centre-{n + 1:03d}" / "centre.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        made.append(target)
    return made


@dataclass
class Row:
    what: str
    fc: str
    baseline: str
    ratio: str
    target: str
    met: bool | None


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="--jobs for the county")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    fc = fc_command()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="fc-bench-") as tmp_name:
        tmp = Path(tmp_name)

        # 1. start-up
        python_ms = timed([sys.executable, "-c", "pass"], args.runs * 2)
        help_ms = timed([*fc, "--help"], args.runs * 2)
        rows.append(Row("`fc --help` vs `python -c pass`", f"{help_ms:.0f} ms", f"{python_ms:.0f} ms",
                        f"+{help_ms - python_ms:.0f} ms", "≤ +100 ms", help_ms - python_ms <= 100))

        # 2. one centre, four documents, against pandoc on the same text
        centre = EXAMPLES / "vivalla" / "centre.yaml"
        md_dir = tmp / "md"
        subprocess.run([*fc, "render", "all", str(centre), "-o", str(md_dir), "--format", "md"], check=True,
                       stdout=subprocess.DEVNULL)
        texts = sorted(md_dir.glob("*.md"))
        one_ms = timed([*fc, "render", "all", str(centre), "-o", str(tmp / "one")], args.runs)
        pandoc = shutil.which("pandoc")
        if pandoc:
            def four_pandoc_runs() -> float:
                start = time.perf_counter()
                for text in texts:
                    subprocess.run([pandoc, str(text), "-o", str(tmp / (text.stem + ".docx"))], check=True)
                return (time.perf_counter() - start) * 1000

            pandoc_ms = statistics.median(four_pandoc_runs() for _ in range(args.runs))
            rows.append(Row(f"`fc render all`, one centre ({len(texts)} documents), new process",
                            f"{one_ms:.0f} ms", f"{pandoc_ms:.0f} ms (pandoc ×{len(texts)})",
                            f"{one_ms / pandoc_ms:.2f}×", "faster than pandoc", one_ms < pandoc_ms))
        else:
            rows.append(Row("`fc render all`, one centre", f"{one_ms:.0f} ms", "pandoc not installed",
                            "–", "faster than pandoc", None))

        # 3. a county in one call
        county = tmp / "county"
        build_county(county, 50)
        out = tmp / "county-out"
        cmd = [*fc, "render", "all", str(county), "-o", str(out), "--jobs", str(args.jobs)]
        county_ms = timed(cmd, max(3, args.runs // 2))
        documents = len(list(out.rglob("*.docx")))
        per_doc = county_ms / max(documents, 1)
        rows.append(Row(f"`fc render all` of 50 centres ({documents} documents), one call, --jobs {args.jobs}",
                        f"{per_doc:.1f} ms/document", f"{county_ms / 1000:.2f} s in all", "–",
                        "≤ 10 ms/document", per_doc <= 10))
        peak_mb = peak_memory_mb(cmd)
        rows.append(Row("peak memory of that call (largest process)", f"{peak_mb:.0f} MB", "–", "–",
                        "< 200 MB", peak_mb < 200))

        # 4. validation of 300 centres
        many = tmp / "many"
        build_county(many, 300)
        validate_ms = timed([*fc, "validate", str(many)], args.runs)
        rows.append(Row("`fc validate` of 300 centres", f"{validate_ms:.0f} ms", "–", "–", "< 2000 ms",
                        validate_ms < 2000))

    lines = [
        "# Benchmarks",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} with `python benchmarks/bench.py` (medians of {args.runs} runs, "
        "whole processes).",
        "",
        f"Machine: {machine()}.",
        "",
        "| measurement | fc | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        met = "–" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.what} | {row.fc} | {row.baseline} | {row.ratio} | {row.target} | {met} |")
    table = "\n".join(lines) + "\n"
    print(table)
    args.output.write_text(table, encoding="utf-8")
    return 0 if all(r.met is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
