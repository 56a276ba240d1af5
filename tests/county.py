"""A county's agreement repository for the `fc status` and `fc calendar` tests, built from the examples.

On 2027-03-10 (the tests' `--on`):

- `overdue/`: Vivalla (orebro) whose data still holds the report of 2025: the report of 2026 was
  due on 28 February (the wheel's day) and is overdue;
- `soon/`: Rud (varmland) whose coordinator agreement ends 2027-06-30 with three months'
  notice: the last day to give notice is 2027-03-31, due soon; its report day is written so it
  cannot be read (`i början av mars`), a note with its place; its rendered agreement is current;
- `stale/`: Lugnvik (jamtland) whose data changed after its rendered agreement was committed;
- `broken/`: a centre file that does not validate (a misspelt kind).

With *git*, everything is committed on 2027-01-10 and the change to `stale/` on 2027-02-01;
without, the files' modification times say the same.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import EXAMPLES, run_fc

ON = "2027-03-10"
FIRST = "2027-01-10T09:00:00+01:00"
SECOND = "2027-02-01T09:00:00+01:00"


def edited(example: str, *changes: tuple[str, str]) -> str:
    text = (EXAMPLES / example / "centre.yaml").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, f"{example}: {old!r} not found"
        text = text.replace(old, new, 1)
    return text


def build_county(root: Path, git: bool = True) -> Path:
    files = {
        "overdue": edited("vivalla", ("  year: 2026", "  year: 2025")),
        "soon": edited("rud", ("  end: 2028-12-31\n  notice_months: 3", "  end: 2027-06-30\n  notice_months: 3"),
                       ("report_due: den första mars", "report_due: i början av mars")),
        "stale": edited("lugnvik"),
        "broken": edited("lugnvik", ("kind: familjecentral", "kind: familjecentrall"),
                         ("name: Familjecentralen Lugnvik", "name: Familjecentralen Torvalla")),
    }
    for folder, text in files.items():
        (root / folder).mkdir(parents=True)
        (root / folder / "centre.yaml").write_text(text, encoding="utf-8")
    result = run_fc("render", "agreement", "stale", "soon", "--format", "md", cwd=root)
    assert result.exit_code == 0, result.stderr
    first, second = _epoch(FIRST), _epoch(SECOND)
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (first, first))
    if git:
        _git(root, FIRST, "init", "-q")
        _git(root, FIRST, "add", ".")
        _git(root, FIRST, "commit", "-q", "-m", "Länets familjecentraler")
    stale = root / "stale" / "centre.yaml"
    stale.write_text(stale.read_text(encoding="utf-8").replace("visits: 4850", "visits: 4900"), encoding="utf-8")
    os.utime(stale, (second, second))
    if git:
        _git(root, SECOND, "commit", "-q", "-am", "Lugnvik: besök 2026")
        for path in root.rglob("*"):  # a fresh checkout: every file changed just now
            if path.is_file() and ".git" not in path.parts:
                os.utime(path, None)
    return root


def _epoch(stamp: str) -> float:
    import datetime as dt

    return dt.datetime.fromisoformat(stamp).timestamp()


def _git(root: Path, when: str, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Länssamordnaren",
           "GIT_AUTHOR_EMAIL": "lan@example.org", "GIT_COMMITTER_NAME": "Länssamordnaren",
           "GIT_COMMITTER_EMAIL": "lan@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)
