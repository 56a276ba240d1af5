"""The registry of finding codes (fc_cli/codes.py) and what is generated from it."""

from __future__ import annotations

from fc_cli.codes import CODES, DRAFT_TOLERATED, REGISTRY, codes_table

from helpers import ROOT

CODES_MD = ROOT / "CODES.md"
BEGIN, END = "<!-- codes: begin (python -m fc_cli.codes) -->\n", "<!-- codes: end -->\n"


def test_codes_md_is_generated_from_the_registry() -> None:
    text = CODES_MD.read_text(encoding="utf-8")
    table = text[text.index(BEGIN) + len(BEGIN): text.index(END)]
    assert table == codes_table(), "CODES.md is stale: paste the output of `python -m fc_cli.codes` between the markers"


def test_each_code_once_with_a_known_severity_stage_and_a_meaning() -> None:
    assert len(CODES) == len(REGISTRY)
    for code in REGISTRY:
        assert code.severity in ("error", "warning"), code
        assert code.stage in ("file", "schema", "fill-in", "rule", "pack", "template"), code
        assert code.meaning and "|" not in code.meaning, code


def test_a_draft_tolerates_what_is_incomplete_never_what_is_malformed() -> None:
    assert "not-filled" in DRAFT_TOLERATED
    assert {c.code for c in REGISTRY if c.stage in ("file", "schema", "pack", "template")} & DRAFT_TOLERATED == set()
    # ids that point nowhere, and missing principals: the templates follow them, even in a draft
    never = {"reference", "duplicate-id", "administration-principal", "coordinator-employer", "principal-kinds"}
    assert {c.code for c in REGISTRY if c.stage == "rule"} - DRAFT_TOLERATED == never
