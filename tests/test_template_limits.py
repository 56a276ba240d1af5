"""The bounds of one render hold inside a single call too (fc_cli/templating/limits.py).

The step count and the size checks run between calls; these tests give a template a Python
callable that runs long or takes memory on its own, and check that the render still ends in a
positioned error at the template's line: the alarm after MAX_SECONDS, the address-space limit
(MAX_MEMORY more than before the render). The hostile templates of tests/corpus/templates check
the helpers' and filters' own bounds through the command line.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from fc_cli.errors import TemplateError
from fc_cli.templating import limits
from fc_cli.templating.helpers import GLOBALS
from fc_cli.templating.renderer import TemplateRenderer


def _renderer(tmp_path: Path, body: str) -> TemplateRenderer:
    (tmp_path / "agreement.md.j2").write_text("# Prov\n\n" + body + "\n", encoding="utf-8")
    return TemplateRenderer(tmp_path)


def _spin() -> str:
    while True:
        pass


def _hoard() -> int:
    return len(bytearray(3 * limits.MAX_MEMORY))


def test_a_call_that_never_returns_is_stopped_at_the_time_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_SECONDS", 0.3)
    start = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        _renderer(tmp_path, "{{ spin() }}").render("agreement.md.j2", {"spin": _spin})
    assert time.monotonic() - start < 2
    assert str(caught.value) == (
        f"{tmp_path / 'agreement.md.j2'}:3:1: error: mallen tar mer än 0.3 sekunder att köra – en loop som inte tar slut, "
        "eller för mycket arbete i en loop eller ett anrop; förenkla mallen"
    )
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the alarm is put back as it was
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_call_that_takes_too_much_memory_is_stopped(tmp_path: Path) -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(TemplateError) as caught:
        _renderer(tmp_path, "text\n{{ hoard() }}").render("agreement.md.j2", {"hoard": _hoard})
    assert str(caught.value) == (
        f"{tmp_path / 'agreement.md.j2'}:4:1: error: mallen behöver mer än 1 000 MB minne – en lista eller text som "
        "växer utan slut; kontrollera loopar och uttryck på raden"
    )
    assert resource.getrlimit(resource.RLIMIT_AS) == before  # the limit is lifted after the render
    assert len(bytearray(3 * limits.MAX_MEMORY // 2)) > 0  # and fc can use its memory again


def test_a_render_within_the_bounds_leaves_no_alarm_and_no_limit(tmp_path: Path) -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    text = _renderer(tmp_path, "{{ table(['a', 'b'], [[1, 2]]) }}").render("agreement.md.j2", dict(GLOBALS))
    assert text == "# Prov\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert resource.getrlimit(resource.RLIMIT_AS) == before


@pytest.mark.parametrize(("body", "message"), [
    ("{{ cost_turns(data, years=101) }}", "cost_turns får 101 år, men högst 100 är tillåtet – använd ett mindre tal"),
    ("{{ lipsum(n=5, max=5000) }}", "lipsum får 5 000 ord per stycke, men högst 1 000 är tillåtet"),
    ("{{ table(['a'], [[1]] * 20000) }}", "tabellen får fler än 20 000 celler – dela upp den eller visa färre rader"),
    ("{{ table(['a'], [['x' * 100000]] * 6) }}", "tabellen blir längre än 500 000 tecken"),
    ("{{ (['x' * 1000] * 400)|join('y' * 300) }}", "texten från join blir längre än 500 000 tecken"),
    ("{{ ['x' * 1000] * 501 }}", "värdet som skrivs ut blir längre än 500 000 tecken"),
])
def test_each_helper_bounds_its_own_work(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        _renderer(tmp_path, body).render("agreement.md.j2", {**GLOBALS, "data": None})
    assert str(caught.value).startswith(f"{tmp_path / 'agreement.md.j2'}:3:1: error: {message}")
