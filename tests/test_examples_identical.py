"""The examples render byte-identical documents: every document, as .docx and as Markdown.

And so does a freshly scaffolded centre of each shipped pack rendered as a --draft (placeholders),
each example with its cost split changed (every branch of the cost tables), and each example
where the principals sign instead of the services' managers.

tests/golden/example-hashes.json holds the SHA-256 of each file `fc render all` writes for each
examples/*/centre.yaml with SOURCE_DATE_EPOCH fixed. A refactoring that changes one byte of one
document fails here; a deliberate change of wording or layout is accepted with
FC_UPDATE_GOLDEN=1 (and the diff of the golden Markdown files shows what changed).
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from helpers import EXAMPLES, GOLDEN, UPDATE_GOLDEN, run_fc

HASHES = GOLDEN / "example-hashes.json"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
PACKS = ("orebro", "jamtland", "varmland")


def rendered_hashes(outdir: Path) -> dict[str, str]:
    """SHA-256 of every document of every example, keyed `example/format/file`."""
    hashes: dict[str, str] = {}
    for centre in sorted(EXAMPLES.glob("*/centre.yaml")):
        for fmt in ("docx", "md"):
            target = outdir / centre.parent.name / fmt
            result = run_fc("render", "all", centre, "-o", target, "--format", fmt)
            assert result.exit_code == 0, result.output
            written = sorted(target.iterdir())
            assert sorted(Path(line).name for line in result.stdout.split()) == [p.name for p in written]
            for path in written:
                hashes[f"{centre.parent.name}/{fmt}/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def scaffolded_draft_hashes(outdir: Path) -> dict[str, str]:
    """SHA-256 of every document of a fresh `fc new-centre` per shipped pack, rendered --draft."""
    hashes: dict[str, str] = {}
    for pack in PACKS:
        folder = outdir / f"ny-{pack}"
        result = run_fc("new-centre", folder, "--name", "Familjecentralen Ny", "--municipality", "Örebro", "--pack", pack)
        assert result.exit_code == 0, result.output
        for fmt in ("docx", "md"):
            target = folder / fmt
            result = run_fc("render", "all", folder, "-o", target, "--format", fmt, "--draft")
            assert result.exit_code == 0, result.output
            for path in sorted(target.iterdir()):
                hashes[f"ny-{pack}/{fmt}/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


#: Each example with its cost split changed, so every branch of the cost tables is rendered:
#: name → (example, replacements in its centre.yaml).
VARIANTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "lugnvik-lika": ("lugnvik", [("  cost_model: turordning\n", "  cost_model: lika_per_huvudman\n  running_cost_sek: 50000\n"),
                                 ("  rotation: [bvc, oppen-forskola, socialtjanst, bmm]\n", "")]),
    "lugnvik-utan-belopp": ("lugnvik", [("  cost_model: turordning\n", "  cost_model: lika_per_huvudman\n"),
                                        ("  coordinator_cost_sek: 310000\n", ""),
                                        ("  rotation: [bvc, oppen-forskola, socialtjanst, bmm]\n", "")]),
    "lugnvik-odaterad": ("lugnvik", [("  rotation_start_year: 2026\n", ""), ("  valid_from: 2026-01-01\n", "")]),
    "vivalla-turordning": ("vivalla", [("  cost_model: lika_per_huvudman\n", "  cost_model: turordning\n  rotation_start_year: 2027\n")]),
    "rud-turordning": ("rud", [("  cost_model: lika_per_huvudman\n", "  cost_model: turordning\n"),
                               ("  running_cost_sek: 40000\n", "")]),
}


def _principals_sign(example: str) -> str:
    """*example* with no service manager signing: each principal signs for itself."""
    from ruamel.yaml import YAML

    yaml = YAML()
    data = yaml.load((EXAMPLES / example / "centre.yaml").read_text(encoding="utf-8"))
    for service in data["services"]:
        service["signs"] = False
    for principal in data["principals"]:
        principal.setdefault("signatory", {"name": "Kim Ek", "title": "Chef"})
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def variant_hashes(outdir: Path) -> dict[str, str]:
    """SHA-256 of every document of each variant, rendered as a draft (a variant may break a rule)."""
    hashes: dict[str, str] = {}
    texts = {}
    for name, (example, replacements) in VARIANTS.items():
        text = (EXAMPLES / example / "centre.yaml").read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, (name, old)
            text = text.replace(old, new)
        texts[name] = text
    for example in ("lugnvik", "rud", "vivalla"):
        texts[f"{example}-huvudmannen-skriver"] = _principals_sign(example)
    for name, text in texts.items():
        folder = outdir / name
        folder.mkdir()
        (folder / "centre.yaml").write_text(text, encoding="utf-8")
        for fmt in ("docx", "md"):
            target = folder / fmt
            result = run_fc("render", "all", folder, "-o", target, "--format", fmt, "--draft")
            assert result.exit_code == 0, result.output
            for path in sorted(target.iterdir()):
                hashes[f"{name}/{fmt}/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def test_examples_render_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    actual = rendered_hashes(tmp_path) | scaffolded_draft_hashes(tmp_path) | variant_hashes(tmp_path)
    assert len(actual) == 2 * 4 * (len(list(EXAMPLES.glob("*/centre.yaml"))) + len(PACKS) + len(VARIANTS) + 3)
    if UPDATE_GOLDEN:
        HASHES.write_text(json.dumps(actual, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(HASHES.read_text(encoding="utf-8"))
    changed = sorted(name for name in expected.keys() | actual.keys() if expected.get(name) != actual.get(name))
    assert changed == [], f"these documents are no longer byte-identical: {changed} (FC_UPDATE_GOLDEN=1 to accept)"
