"""fc's speed against the targets of issue 18, measured as medians of whole-process runs.

    python benchmarks/bench.py                 # one run of every measurement; updates BENCHMARKS.md
    python benchmarks/bench.py --runs 3        # three consecutive runs: the table the issue asks for
    python benchmarks/bench.py --only one,county --repeat 9   # some targets, more repetitions

Run it with the Python of the environment fc is installed in (`pip install -e .`); pandoc comes
from Debian (`apt-get install pandoc`). It builds a county from the examples with varied data in a
temporary folder and measures, against these targets:

- `help`: `fc --help` within 50 ms of `python -c pass`;
- `one`: `fc render all` for one centre in a new process, at most 0.5× the wall time of pandoc
  converting the same four texts (four processes), and less CPU time than pandoc;
- `county`: one call rendering 50 centres (200 documents): at most 5 ms per document, and a peak
  memory (of the largest process) under 150 MB;
- `validate`, `status`: `fc validate` and `fc status` of 300 centres, each at most 0.5 s.

Every command runs once before it is measured, and commands that are compared take turns, so a
change in the machine's load hits both sides alike; each value is the median of --repeat runs.
CPU time is the user and system time of the process and of the workers it started. The measured
processes may write Python's bytecode cache and fc's cache (compiled templates, the prepared Word
base package), as they do on a user's machine from the second run on. Exit code 0 when every
target is met in every run.
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


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """One run of *cmd*: its wall time and CPU time (its own and its workers') in ms.

    A failing command stops the benchmark with its message.
    """
    env = child_env()
    if cmd[:3] == [sys.executable, "-m", "fc_cli"]:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, stderr = process.communicate()
    elapsed = (time.perf_counter() - start) * 1000
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({process.returncode}):\n{stderr}")
    return elapsed, _last_cpu_ms()


_CPU_BEFORE = [0.0]


def _last_cpu_ms() -> float:
    """CPU time of the processes waited for since the last call (a process and what it waited for)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = (usage.ru_utime + usage.ru_stime) * 1000
    spent, _CPU_BEFORE[0] = total - _CPU_BEFORE[0], total
    return spent


@dataclass
class Timing:
    wall: float  # ms, median
    cpu: float  # ms, median


def compare(commands: list[list[list[str]]], repeat: int) -> list[Timing]:
    """Median wall and CPU time in ms of each entry (a command, or commands run one after the other).

    Each entry runs once unmeasured first; then the entries take turns, *repeat* times.
    """
    times: list[list[tuple[float, float]]] = [[] for _ in commands]
    for entry in commands:
        for cmd in entry:
            run(cmd)
    for _ in range(repeat):
        for i, entry in enumerate(commands):
            results = [run(cmd) for cmd in entry]
            times[i].append((sum(r[0] for r in results), sum(r[1] for r in results)))
    return [Timing(statistics.median(t[0] for t in ts), statistics.median(t[1] for t in ts)) for ts in times]


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


TARGETS = ("help", "one", "county", "validate", "status")


def measure(only: set[str], repeat: int, jobs: int) -> list[Row]:
    """One run of the measurements in *only*: a row per target."""
    fc = fc_command()
    rows: list[Row] = []
    pandoc = shutil.which("pandoc")
    with tempfile.TemporaryDirectory(prefix="fc-bench-") as tmp_name:
        tmp = Path(tmp_name)

        if "help" in only:  # start-up
            python, helped = compare([[[sys.executable, "-c", "pass"]], [[*fc, "--help"]]], repeat * 2)
            more = helped.wall - python.wall
            rows.append(Row("`fc --help` vs `python -c pass`", f"{helped.wall:.0f} ms", f"{python.wall:.0f} ms",
                            f"+{more:.0f} ms", "≤ +50 ms", more <= 50))

        if "one" in only:  # one centre, four documents, against pandoc on the same text
            centre = EXAMPLES / "vivalla" / "centre.yaml"
            md_dir = tmp / "md"
            run([*fc, "render", "all", str(centre), "-o", str(md_dir), "--format", "md"])
            texts = sorted(md_dir.glob("*.md"))
            one = [[*fc, "render", "all", str(centre), "-o", str(tmp / "one")]]
            what = f"`fc render all`, one centre ({len(texts)} documents), new process"
            if pandoc:
                four = [[pandoc, str(text), "-o", str(tmp / (text.stem + ".docx"))] for text in texts]
                mine, theirs = compare([one, four], repeat)
                baseline = f"{pandoc_version(pandoc)} ×{len(texts)}"
                rows.append(Row(f"{what}: wall time", f"{mine.wall:.0f} ms", f"{theirs.wall:.0f} ms ({baseline})",
                                f"{mine.wall / theirs.wall:.2f}×", "≤ 0.50× pandoc", mine.wall <= 0.5 * theirs.wall))
                rows.append(Row(f"{what}: CPU time", f"{mine.cpu:.0f} ms", f"{theirs.cpu:.0f} ms ({baseline})",
                                f"{mine.cpu / theirs.cpu:.2f}×", "less than pandoc", mine.cpu < theirs.cpu))
            else:
                (mine,) = compare([one], repeat)
                rows.append(Row(what, f"{mine.wall:.0f} ms", "pandoc not installed", "–", "≤ 0.50× pandoc", None))

        if "county" in only:  # a county in one call
            county = tmp / "county"
            build_county(county, 50)
            out = tmp / "county-out"
            cmd = [*fc, "render", "all", str(county), "-o", str(out), "--jobs", str(jobs)]
            (timing,) = compare([[cmd]], repeat)
            documents = len(list(out.rglob("*.docx")))
            per_doc = timing.wall / max(documents, 1)
            rows.append(Row(f"`fc render all` of 50 centres ({documents} documents), one call, --jobs {jobs}",
                            f"{per_doc:.1f} ms/document", f"{timing.wall / 1000:.2f} s in all, CPU "
                            f"{timing.cpu / 1000:.2f} s", "–", "≤ 5 ms/document", per_doc <= 5))
            peak_mb = max(peak_memory_mb(cmd) for _ in range(2))
            rows.append(Row("peak memory of that call (largest process)", f"{peak_mb:.0f} MB", "–", "–",
                            "< 150 MB", peak_mb < 150))

        if only & {"validate", "status"}:
            many = tmp / "many"
            build_county(many, 300)
            if "validate" in only:
                (timing,) = compare([[[*fc, "validate", str(many)]]], repeat)
                rows.append(Row("`fc validate` of 300 centres", f"{timing.wall:.0f} ms", f"CPU {timing.cpu:.0f} ms",
                                "–", "≤ 500 ms", timing.wall <= 500))
            if "status" in only:
                (timing,) = compare([[[*fc, "status", str(many), "--on", "2027-03-01"]]], repeat)
                rows.append(Row("`fc status` of 300 centres", f"{timing.wall:.0f} ms", f"CPU {timing.cpu:.0f} ms",
                                "–", "≤ 500 ms", timing.wall <= 500))
    return rows


def table(rows: list[Row]) -> list[str]:
    lines = ["| measurement | fc | baseline | ratio | target | met |", "|---|---|---|---|---|---|"]
    for row in rows:
        met = "–" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.what} | {row.fc} | {row.baseline} | {row.ratio} | {row.target} | {met} |")
    return lines


#: BENCHMARKS.md keeps what is written around these marks (the profile summary, the notes)
START, END = "<!-- bench.py: start -->", "<!-- bench.py: end -->"


def write_results(path: Path, text: str) -> None:
    """Put *text* between START and END in *path* (made if missing), leaving the rest as it is."""
    old = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in old or END not in old:
        old = f"{old.rstrip()}\n\n{START}\n{END}\n"
    before, rest = old.split(START, 1)
    _, after = rest.split(END, 1)
    path.write_text(f"{before}{START}\n{text}{END}{after}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="consecutive runs of the whole benchmark (default 1)")
    parser.add_argument("--repeat", type=int, default=7, help="repetitions per measurement, for the median")
    parser.add_argument("--only", default=",".join(TARGETS), help=f"the targets to measure: {', '.join(TARGETS)}")
    parser.add_argument("--jobs", type=int, default=cpus(), help="--jobs for the county (default: the CPUs)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md",
                        help="the file whose bench.py section is replaced (default BENCHMARKS.md)")
    parser.add_argument("--no-output", action="store_true", help="print only")
    args = parser.parse_args()
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = only - set(TARGETS)
    if unknown:
        parser.error(f"unknown target {', '.join(sorted(unknown))}: choose from {', '.join(TARGETS)}")
    runs: list[list[Row]] = []
    for number in range(1, args.runs + 1):
        rows = measure(only, args.repeat, args.jobs)
        runs.append(rows)
        print(f"run {number} of {args.runs}:\n" + "\n".join(table(rows)) + "\n", flush=True)
    met_everywhere = all(row.met is not False for rows in runs for row in rows)
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} with `python benchmarks/bench.py --runs {args.runs}"
        f"{'' if args.repeat == 7 else f' --repeat {args.repeat}'}"
        f"{'' if only == set(TARGETS) else ' --only ' + ','.join(t for t in TARGETS if t in only)}`: "
        f"{args.runs} consecutive run{'s' if args.runs > 1 else ''}, each value the median of {args.repeat} "
        "whole-process runs (each command run once before it is measured; compared commands take turns).",
        "",
        f"Machine: {machine()}.",
        "",
    ]
    for number, rows in enumerate(runs, 1):
        if args.runs > 1:
            lines += [f"Run {number}:", ""]
        lines += [*table(rows), ""]
    verdict = "every target met" if met_everywhere else "**not every target met**"
    lines += [f"Result: {verdict} in {'each of the ' + str(args.runs) + ' runs' if args.runs > 1 else 'the run'}.", ""]
    text = "\n".join(lines)
    print(lines[-2])
    if not args.no_output:
        write_results(args.output, text)
    return 0 if met_everywhere else 1


if __name__ == "__main__":
    sys.exit(main())
