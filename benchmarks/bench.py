"""fc's speed against its targets (BENCHMARKS.md), measured as medians of whole-process runs.

    python benchmarks/bench.py            # prints the table and writes BENCHMARKS.md

Run it with the Python of the environment fc is installed in (`pip install -e .`); pandoc comes
from Debian (`apt-get install pandoc`). It builds a county from the examples with varied data in a
temporary folder and measures: `fc --help` against `python -c pass`; `fc render all` for one
centre against pandoc converting the same four texts; one call rendering 50 centres (200
documents), in ms per document and peak memory; `fc validate` and `fc status` of 300 centres.

Every command runs once before it is measured, and runs that are compared take turns, so a
change in the machine's load hits both sides alike. The measured processes may write Python's
bytecode cache and fc's template cache, as they do on a user's machine (from the second run on).
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


def child_env() -> dict[str, str]:
    """The environment of the measured processes: as a user's shell would have it."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's fc has its .pyc files
    env.pop("COLUMNS", None)
    return env


def fc_command() -> list[str]:
    """The installed `fc-cli` next to this Python, else `python -m fc_cli` from this checkout.

    Run by path, never through a shell: `fc` alone is also a bash and zsh built-in.
    """
    script = Path(sys.executable).parent / "fc-cli"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "fc_cli"]


def run(cmd: list[str], cwd: Path | None = None) -> float:
    """One run of *cmd*: its wall time in ms; a failing command stops the benchmark with its message."""
    env = child_env()
    if cmd[:3] == [sys.executable, "-m", "fc_cli"]:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def compare(commands: list[list[list[str]]], runs: int) -> list[float]:
    """Median wall time in ms of each entry (a command, or commands run one after the other).

    Each entry runs once unmeasured first; then the entries take turns, *runs* times.
    """
    times: list[list[float]] = [[] for _ in commands]
    for entry in commands:
        for cmd in entry:
            run(cmd)
    for _ in range(runs):
        for i, entry in enumerate(commands):
            times[i].append(sum(run(cmd) for cmd in entry))
    return [statistics.median(t) for t in times]


_PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_memory_mb(cmd: list[str]) -> float:
    """Peak resident memory of the largest process *cmd* starts (itself or a worker), in MB."""
    result = subprocess.run([sys.executable, "-c", _PEAK, *cmd], check=True, capture_output=True, text=True,
                            env=child_env())
    peak = int(result.stdout.strip())
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


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


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        memory = f", {int(total.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return (f"{cpu}, {cpus()} CPUs{memory}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def pandoc_version(pandoc: str) -> str:
    out = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=False).stdout
    return out.splitlines()[0] if out else "pandoc"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    parser.add_argument("--jobs", type=int, default=cpus(), help="--jobs for the county (default: the CPUs)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    fc = fc_command()
    rows: list[Row] = []
    pandoc = shutil.which("pandoc")
    with tempfile.TemporaryDirectory(prefix="fc-bench-") as tmp_name:
        tmp = Path(tmp_name)

        # 1. start-up
        python_ms, help_ms = compare([[[sys.executable, "-c", "pass"]], [[*fc, "--help"]]], args.runs * 2)
        rows.append(Row("`fc --help` vs `python -c pass`", f"{help_ms:.0f} ms", f"{python_ms:.0f} ms",
                        f"+{help_ms - python_ms:.0f} ms", "≤ +100 ms", help_ms - python_ms <= 100))

        # 2. one centre, four documents, against pandoc on the same text
        centre = EXAMPLES / "vivalla" / "centre.yaml"
        md_dir = tmp / "md"
        run([*fc, "render", "all", str(centre), "-o", str(md_dir), "--format", "md"])
        texts = sorted(md_dir.glob("*.md"))
        one = [[*fc, "render", "all", str(centre), "-o", str(tmp / "one")]]
        if pandoc:
            four = [[pandoc, str(text), "-o", str(tmp / (text.stem + ".docx"))] for text in texts]
            one_ms, pandoc_ms = compare([one, four], args.runs)
            rows.append(Row(f"`fc render all`, one centre ({len(texts)} documents), new process",
                            f"{one_ms:.0f} ms", f"{pandoc_ms:.0f} ms ({pandoc_version(pandoc)} ×{len(texts)})",
                            f"{one_ms / pandoc_ms:.2f}×", "faster than pandoc", one_ms < pandoc_ms))
        else:
            (one_ms,) = compare([one], args.runs)
            rows.append(Row("`fc render all`, one centre", f"{one_ms:.0f} ms", "pandoc not installed",
                            "–", "faster than pandoc", None))

        # 3. a county in one call
        county = tmp / "county"
        build_county(county, 50)
        out = tmp / "county-out"
        cmd = [*fc, "render", "all", str(county), "-o", str(out), "--jobs", str(args.jobs)]
        (county_ms,) = compare([[cmd]], args.runs)
        documents = len(list(out.rglob("*.docx")))
        per_doc = county_ms / max(documents, 1)
        rows.append(Row(f"`fc render all` of 50 centres ({documents} documents), one call, --jobs {args.jobs}",
                        f"{per_doc:.1f} ms/document", f"{county_ms / 1000:.2f} s in all", "–",
                        "≤ 10 ms/document", per_doc <= 10))
        peak_mb = max(peak_memory_mb(cmd) for _ in range(2))
        rows.append(Row("peak memory of that call (largest process)", f"{peak_mb:.0f} MB", "–", "–",
                        "< 200 MB", peak_mb < 200))

        # 4. validation of 300 centres
        many = tmp / "many"
        build_county(many, 300)
        (validate_ms,) = compare([[[*fc, "validate", str(many)]]], args.runs)
        rows.append(Row("`fc validate` of 300 centres", f"{validate_ms:.0f} ms", "–", "–", "< 2000 ms",
                        validate_ms < 2000))

        # 5. the county view of the same 300 centres (issue 16: "well under a second")
        (status_ms,) = compare([[[*fc, "status", str(many), "--on", "2027-03-01"]]], args.runs)
        rows.append(Row("`fc status` of 300 centres", f"{status_ms:.0f} ms", "–", "–", "< 1000 ms",
                        status_ms < 1000))

    lines = [
        "# Benchmarks",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} with `python benchmarks/bench.py` (medians of {args.runs} runs, "
        "whole processes, each command run once before it is measured; compared commands take turns).",
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
