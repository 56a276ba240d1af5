"""`fc diff` against git revisions: REV:path, --since, the pack as it was, and what can go wrong.

Each test builds its own repository: the Örebro pack as the repository's own pack (mallar/orebro)
and Vivalla using it; tagged v2025; then the pack's wording and the coordinator's scope change.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from revisions import canonical_body, document_root, pandoc_text, resolve, revision_marks

from helpers import EXAMPLES, ROOT, run_fc

CENTRE = "orebro/vivalla/centre.yaml"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
         "-c", "init.defaultBranch=main", "-C", str(repo), *args],
        capture_output=True, text=True, check=True,
    )
    return result.stdout


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "avtal"
    shutil.copytree(ROOT / "templates" / "orebro", root / "mallar" / "orebro")
    centre = root / CENTRE
    centre.parent.mkdir(parents=True)
    text = (EXAMPLES / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
    centre.write_text(text.replace("pack: orebro", "pack: ../../mallar/orebro", 1), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Vivalla 2025")
    git(root, "tag", "v2025")
    template = root / "mallar" / "orebro" / "agreement.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("Ytterligare vägledning", "Mer vägledning", 1), encoding="utf-8")
    centre.write_text(centre.read_text(encoding="utf-8").replace("\n  fte: 0.5\n", "\n  fte: 0.25\n", 1), encoding="utf-8")
    git(root, "commit", "-q", "-am", "Vivalla 2026")
    return root


def checkout(repo: Path, revision: str, folder: Path) -> Path:
    """The revision's files in FOLDER (as the test's own independent way to get the old version)."""
    archive = subprocess.run(["git", "-C", str(repo), "archive", revision], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / CENTRE


def rendered(path: Path, out: Path) -> Path:
    result = run_fc("render", "agreement", path, "-o", out)
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


def test_two_revisions_each_rendered_with_the_pack_as_it_was(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "redline.docx"
    result = run_fc("diff", "agreement", f"v2025:{CENTRE}", f"HEAD:{CENTRE}", "-o", target, cwd=repo)
    assert (result.exit_code, result.stdout) == (0, f"{target}\n"), result.output
    blob = target.read_bytes()
    assert revision_marks(blob) == {"ins": ["Mer", "0,25"], "del": ["Ytterligare", "0,50"]}
    old_docx = rendered(checkout(repo, "v2025", tmp_path / "v2025"), tmp_path / "old")
    new_docx = rendered(repo / CENTRE, tmp_path / "new")
    assert canonical_body(resolve(blob, accept=True)) == canonical_body(document_root(new_docx.read_bytes()))
    assert canonical_body(resolve(blob, accept=False)) == canonical_body(document_root(old_docx.read_bytes()))
    assert pandoc_text(target, "accept") == pandoc_text(new_docx)
    assert pandoc_text(target, "reject") == pandoc_text(old_docx)
    summary = run_fc("diff", "agreement", f"v2025:{CENTRE}", f"HEAD:{CENTRE}", "--format", "text", cwd=repo)
    assert summary.stdout == (
        f"Ändringar: Familjecentralen Vivalla (v2025:{CENTRE} → HEAD:{CENTRE})\n\n"
        "- Samordnarens omfattning: 0,50 → 0,25 årsarbetare\n"
        "- Mallpaketets text för Samverkansavtal har ändrats (agreement.md.j2)\n"
        "\nSamverkansavtal: texten ändras\n"
        "  - … Örebro län och länets kommuner (21 september 2018). [-Ytterligare-]{+Mer+} vägledning för Örebro läns "
        "familjecentraler finns på Region …\n"
        "  - … årsarbetare per familjecentral. För Familjecentralen Vivalla omfattar samordnaruppdraget [-0,50-]{+0,25+} "
        "årsarbetare och utförs av Elin Nordström, anställd vid …\n"
    )


def test_since_compares_the_file_with_its_committed_version(repo: Path, tmp_path: Path) -> None:
    centre = repo / CENTRE
    text = centre.read_text(encoding="utf-8")
    centre.write_text(text.replace("  review_by_month: 6", "  review_by_month: 5", 1), encoding="utf-8")
    result = run_fc("diff", "agreement", "centre.yaml", "--since", "HEAD", "--format", "text", cwd=centre.parent)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Ändringar: Familjecentralen Vivalla (HEAD:{CENTRE} → centre.yaml)\n\n"
        "- Omprövning före utgången av: juni → maj\n\nSamverkansavtal: texten ändras\n"
        "  - … 2027 och tillsvidare. Respektive huvudman kan årligen, före [-juni-]{+maj+} månads utgång initiera "
        "omprövning eller uppsägning av avtal …\n"
    )
    since_tag = run_fc("diff", "agreement", "centre.yaml", "--since", "v2025", "-o", tmp_path / "r.docx", cwd=centre.parent)
    assert since_tag.exit_code == 0, since_tag.output
    assert revision_marks((tmp_path / "r.docx").read_bytes()) == {
        "ins": ["Mer", "0,25", "maj"], "del": ["Ytterligare", "0,50", "juni"],
    }


def test_a_path_in_a_revision_may_be_given_from_the_current_folder(repo: Path) -> None:
    folder = repo / "orebro" / "vivalla"
    for old in ("v2025:centre.yaml", "v2025:./centre.yaml"):
        result = run_fc("diff", "agreement", old, "centre.yaml", "--format", "text", cwd=folder)
        assert result.exit_code == 0, result.output
        assert "- Samordnarens omfattning: 0,50 → 0,25 årsarbetare\n" in result.stdout


def test_a_revision_that_does_not_exist(repo: Path) -> None:
    result = run_fc("diff", "agreement", f"v1999:{CENTRE}", CENTRE, cwd=repo)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: revisionen 'v1999' finns inte i git-förrådet {repo} – se vilka som finns med "
        "'git log --oneline' och 'git tag'\n"
    )
    assert git(repo, "status", "--porcelain") == ""  # nothing written


def test_a_path_that_is_not_in_the_revision(repo: Path) -> None:
    result = run_fc("diff", "agreement", "v2025:orebro/lugnvik/centre.yaml", CENTRE, cwd=repo)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: orebro/lugnvik/centre.yaml finns inte i revisionen v2025 – ange sökvägen från förrådets "
        f"rot ({repo}); 'git ls-tree -r --name-only v2025' visar filerna där\n"
    )
    assert git(repo, "status", "--porcelain") == ""  # nothing written


def test_a_shallow_clone_without_the_revision(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(clone)], check=True, capture_output=True)
    result = run_fc("diff", "agreement", f"HEAD~1:{CENTRE}", CENTRE, cwd=clone)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: revisionen 'HEAD~1' finns inte i den här klonen av {clone}, som bara har en del av "
        "historiken (en grund klon) – hämta hela historiken med 'git fetch --unshallow --tags' "
        "(i GitHub Actions: actions/checkout med fetch-depth: 0)\n"
    )
    assert git(clone, "status", "--porcelain") == ""  # nothing written


def test_a_revision_outside_a_repository(tmp_path: Path) -> None:
    centre = tmp_path / "centre.yaml"
    shutil.copy(EXAMPLES / "vivalla" / "centre.yaml", centre)
    result = run_fc("diff", "agreement", "HEAD:centre.yaml", "centre.yaml", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {tmp_path} ligger inte i något git-förråd – en version (REV:sökväg, --since) finns bara "
        "i ett förråd; jämför annars två filer: fc diff DOKUMENT GAMMAL.yaml NY.yaml\n"
    )


def test_a_pack_missing_from_the_revision(repo: Path, tmp_path: Path) -> None:
    centre = repo / CENTRE
    centre.write_text(centre.read_text(encoding="utf-8").replace("../../mallar/orebro", "../../mallar/ny", 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "pekar på ett paket som inte finns")
    result = run_fc("diff", "agreement", f"HEAD:{CENTRE}", f"v2025:{CENTRE}", "-o", tmp_path / "x.docx", cwd=repo)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: mallpaketet '../../mallar/ny' som HEAD:{CENTRE} använder fanns inte i revisionen HEAD "
        "(mallar/ny/pack.yaml saknas där)\n"
    )
    assert not (tmp_path / "x.docx").exists()


def test_a_link_out_of_the_repository_in_the_revision_is_refused(repo: Path, tmp_path: Path) -> None:
    (repo / "mallar" / "orebro" / "hemligt.txt").symlink_to("/etc/passwd")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "en länk ut")
    result = run_fc("diff", "agreement", f"HEAD:{CENTRE}", CENTRE, "-o", tmp_path / "x.docx", cwd=repo)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("error: mallar/orebro i ")
    assert result.stderr.endswith(
        "kan inte läsas säkert ('mallar/orebro/hemligt.txt' is a link to an absolute path) – en länk eller fil "
        "pekar utanför förrådet; ta bort den i en ny commit\n"
    )
    assert not (tmp_path / "x.docx").exists()
