"""A render that stops, however it stops, leaves no process and no temporary or partial file.

A real `fc render all --jobs 2` of a county is started, stopped with SIGTERM, SIGHUP or SIGKILL
once its worker processes run, and then no process of it may be alive and OUTDIR may hold only
whole documents (a document is written whole or not at all: no `.tmp`, no half file).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from helpers import EXAMPLES

SCRIPT = Path(sys.executable).parent / "fc-cli"


def _county(folder: Path, centres: int = 40) -> Path:
    for index in range(centres):
        example = ("vivalla", "lugnvik", "rud")[index % 3]
        (folder / f"c{index:02}").mkdir(parents=True)
        shutil.copy(EXAMPLES / example / "centre.yaml", folder / f"c{index:02}" / "centre.yaml")
    return folder


def _children(pid: int) -> set[int]:
    """Every live process whose parent is *pid* (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition, seconds: float = 30) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def _only_whole_documents(outdir: Path) -> None:
    for path in outdir.rglob("*") if outdir.exists() else []:
        if path.is_file():
            assert path.suffix == ".docx" and not path.name.startswith("."), path
            with zipfile.ZipFile(path) as document:  # a whole Word file, not half of one
                assert document.testzip() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "SIGKILL", "SIGTERM to the group"])
def test_a_stopped_render_leaves_no_process_and_no_partial_file(tmp_path: Path, how: str) -> None:
    county = _county(tmp_path / "lan")
    outdir = tmp_path / "ut"
    errors = tmp_path / "stderr"  # a file, not a pipe: a worker left alive would hold a pipe open
    with errors.open("wb") as stderr_file:
        process = subprocess.Popen([str(SCRIPT), "render", "all", str(county), "-o", str(outdir), "--jobs", "2"],
                                   stdout=subprocess.DEVNULL, stderr=stderr_file, start_new_session=True)
    try:
        assert _wait_for(lambda: len(_children(process.pid)) >= 2), "the workers never started"
        workers = _children(process.pid)
        time.sleep(0.3)  # at work
        if how == "SIGTERM to the group":
            os.killpg(process.pid, signal.SIGTERM)
        else:
            process.send_signal(getattr(signal, how))
        process.wait(timeout=60)
        stderr = errors.read_text(encoding="utf-8")
        assert _wait_for(lambda: not any(_alive(pid) for pid in workers), 10), "a worker outlived fc"
        if how != "SIGKILL":
            assert process.returncode == 128 + getattr(signal, how.split()[0]), stderr
            assert stderr == "avbrutet\n"
        else:
            assert process.returncode == -signal.SIGKILL
        _only_whole_documents(outdir)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for pid in _children(process.pid) | (workers if "workers" in locals() else set()):
            with contextlib.suppress(ProcessLookupError):  # a test that failed leaves none behind
                os.kill(pid, signal.SIGKILL)


def test_a_worker_whose_parent_is_gone_ends_itself() -> None:
    # the mechanism on its own: a pool's worker in a process that is then SIGKILLed
    probe = (
        "import os, sys, time\n"
        "from fc_cli import parallel\n"
        "pool = parallel.start_pool(1)\n"
        "print(pool.submit(os.getpid).result(), flush=True)\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", probe], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        worker = int(process.stdout.readline())
        assert _alive(worker)
        process.kill()
        process.wait()
        assert _wait_for(lambda: not _alive(worker), 10)
    finally:
        if process.poll() is None:
            process.kill()
