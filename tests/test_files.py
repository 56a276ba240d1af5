"""Files: written whole or not at all, only inside OUTDIR, never over a user's file without --force.

A render makes every document before it writes the first, and writes each one to a temporary
file in the same folder that is then renamed over the target: a failed render leaves no file and
no `.tmp` behind. Names from the data are slugs and cannot leave OUTDIR; links cannot lead out of
it either. An OUTDIR that cannot be written to is reported before any work is done.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from helpers import run_fc

CORPUS = Path(__file__).resolve().parent / "corpus"
BASE = CORPUS / "base" / "centre.yaml"
TARGET = "samverkansavtal-familjecentralen-test"


def centre(folder: Path, text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "centre.yaml"
    path.write_text(BASE.read_text(encoding="utf-8") if text is None else text, encoding="utf-8")
    return path


def everything(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def unwritable(tmp_path: Path) -> Path:
    """An existing folder nobody running the tests can write in (root writes anywhere but /sys)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "skrivskyddad"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    return folder


# ---- OUTDIR ---------------------------------------------------------------------------------------


def test_a_missing_outdir_is_created(tmp_path: Path) -> None:
    out = tmp_path / "ut" / "2027" / "avtal"
    result = run_fc("render", "agreement", centre(tmp_path / "c"), "-o", out, "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{out / TARGET}.md\n"
    assert everything(out) == [f"{TARGET}.md"]


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_an_unwritable_outdir_is_reported_before_any_work(tmp_path: Path, fmt: str) -> None:
    out = unwritable(tmp_path)
    result = run_fc("render", "agreement", centre(tmp_path / "c"), "-o", out, "--format", fmt)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"error: utmappen {out} går inte att skriva i (behörighet saknas) – välj en annan utmapp med -o\n"
    )
    assert everything(tmp_path / "c") == ["centre.yaml"]


def test_a_missing_outdir_that_cannot_be_created_is_reported(tmp_path: Path) -> None:
    parent = unwritable(tmp_path)
    out = parent / "fc-ut" / "avtal"
    result = run_fc("render", "agreement", centre(tmp_path / "c"), "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: utmappen {out} finns inte och kan inte skapas i {parent} (behörighet saknas) – "
        "skapa den först eller välj en annan utmapp med -o\n"
    )
    assert not out.parent.exists()


def test_an_outdir_that_is_a_file_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "ut"
    blocker.write_text("en fil", encoding="utf-8")
    for out in (blocker, blocker / "under"):
        result = run_fc("render", "agreement", centre(tmp_path / "c"), "-o", out)
        assert result.exit_code == 1
        assert result.stderr == (
            f"error: utmappen {out} kan inte skapas: {blocker} är en fil, inte en mapp – välj en annan utmapp med -o\n"
        )
    assert blocker.read_text(encoding="utf-8") == "en fil"


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_an_outdir_that_is_a_link_loop_is_reported(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "slinga").symlink_to(tmp_path / "slinga")
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    for out in (tmp_path / "slinga", tmp_path / "slinga" / "under", tmp_path / "a"):
        result = run_fc("render", "agreement", centre(tmp_path / "c"), "-o", out, "--format", fmt)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            f"error: utmappen {out} går inte att använda (symboliska länkar i sökvägen pekar på varandra i en "
            "slinga) – ta bort eller rätta länken, eller välj en annan utmapp med -o\n"
        )
    assert everything(tmp_path / "c") == ["centre.yaml"]


def test_an_outdir_name_too_long_for_the_file_system_is_reported(tmp_path: Path) -> None:
    for out in (tmp_path / ("a" * 300), tmp_path.joinpath(*["b" * 200] * 25)):  # one name; the whole path
        result = run_fc("render", "agreement", centre(tmp_path / "c"), "-o", out, "--format", "md")
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            f"error: utmappen {out} går inte att använda (namnet är för långt) – välj en utmapp med en kortare "
            "sökväg med -o\n"
        )
    assert everything(tmp_path) == ["c", "c/centre.yaml"]


def test_a_very_long_centre_name_gives_a_file_name_the_file_system_takes(tmp_path: Path) -> None:
    text = BASE.read_text(encoding="utf-8").replace("  name: Familjecentralen Test", "  name: " + "Ålö " * 300)
    out = tmp_path / "ut"
    result = run_fc("render", "agreement", centre(tmp_path / "c", text), "-o", out, "--format", "md")
    assert result.exit_code == 0, result.stderr
    name = "samverkansavtal-" + "-".join(["alo"] * 20) + ".md"  # the slug stops at 80 characters
    assert result.stdout == f"{out / name}\n"
    assert everything(out) == [name]


def test_an_outdir_that_may_not_be_looked_into_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "stängd" / "ut"
    original = Path.stat

    def refuse(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self == out:  # as when the folder above may be listed but not looked into (no x right)
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", refuse)
    result = run_fc("render", "agreement", centre(tmp_path / "c"), "-o", out, "--format", "md")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: utmappen {out} går inte att använda (behörighet saknas) – välj en annan utmapp med -o\n"
    monkeypatch.undo()
    assert not out.parent.exists()


# ---- only inside OUTDIR ------------------------------------------------------------------------------


def test_names_from_the_data_stay_inside_outdir(tmp_path: Path) -> None:
    source = CORPUS / "centres" / "outdir-escape-name.yaml"
    folder = tmp_path / "a" / "b" / "c" / "d"
    centre(folder, source.read_text(encoding="utf-8"))
    out = folder / "ut"
    result = run_fc("render", "all", folder, "-o", out, "--format", "md")
    assert result.exit_code == 0, result.stdout + result.stderr
    slug = "tmp-fc-utbrytning-con-x"
    assert everything(out) == sorted(f"{doc}-{slug}.md" for doc in (
        "avsiktsforklaring", "samverkansavtal", "samordnaravtal", "verksamhetsberattelse"))
    assert everything(tmp_path) == sorted(["a", "a/b", "a/b/c", "a/b/c/d", "a/b/c/d/centre.yaml", "a/b/c/d/ut",
                                           *(f"a/b/c/d/ut/{name}" for name in everything(out))])
    text = (out / f"samverkansavtal-{slug}.md").read_text(encoding="utf-8")
    assert "Samverkansavtal avseende ../../../../tmp/..\\\\..\\\\fc-utbrytning/CON:x i Örebro kommun" in text


def test_a_link_in_outdir_is_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "viktig.txt"
    victim.write_text("rör inte", encoding="utf-8")
    out = tmp_path / "ut"
    out.mkdir()
    (out / f"{TARGET}.md").symlink_to(victim)
    result = run_fc("render", "agreement", centre(tmp_path / "c"), "-o", out, "--format", "md")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {out / TARGET}.md ligger utanför utmappen {out} – välj en annan utmapp\n"
    )
    assert victim.read_text(encoding="utf-8") == "rör inte"


def test_a_linked_subfolder_cannot_lead_out_of_outdir(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    centre(repo / "norr")
    centre(repo / "soder", BASE.read_text(encoding="utf-8").replace("Familjecentralen Test", "Familjecentralen Söder"))
    elsewhere = tmp_path / "någon-annanstans"
    elsewhere.mkdir()
    out = tmp_path / "ut"
    out.mkdir()
    (out / "norr").symlink_to(elsewhere, target_is_directory=True)
    result = run_fc("render", "agreement", repo, "-o", out, "--format", "md")
    assert result.exit_code == 1
    assert result.stderr == f"error: {out / 'norr' / TARGET}.md ligger utanför utmappen {out} – välj en annan utmapp\n"
    assert everything(elsewhere) == []


def test_two_centres_never_write_the_same_file(tmp_path: Path) -> None:
    first, second = centre(tmp_path / "a" / "vivalla"), centre(tmp_path / "b" / "vivalla")
    out = tmp_path / "ut"
    result = run_fc("render", "agreement", tmp_path / "a", tmp_path / "b", "-o", out, "--format", "md")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {first} och {second} skulle båda skrivas till {out / 'vivalla' / TARGET}.md – "
        "rendera dem var för sig med olika utmappar (-o)\n"
    )
    assert everything(out) == []


# ---- whole or not at all ------------------------------------------------------------------------------


PACK = """name: prov
region: Region Örebro län
documents:
  agreement:
    template: agreement.md.j2
    title: Samverkansavtal
  intent:
    template: intent.md.j2
    title: Avsiktsförklaring
"""


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_a_failed_render_leaves_no_file_behind(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "c"
    pack = folder / "pack"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    (pack / "agreement.md.j2").write_text("# Avtal\n\n{{ centre.name }}\n", encoding="utf-8")
    (pack / "intent.md.j2").write_text("# Avsikt\n\n{{ centre.namn }}\n", encoding="utf-8")
    centre(folder, BASE.read_text(encoding="utf-8").replace("pack: orebro\n", "pack: ./pack\n"))
    out = tmp_path / "ut"
    out.mkdir()
    (out / "annat.txt").write_text("orört", encoding="utf-8")
    result = run_fc("render", "all", folder, "-o", out, "--format", fmt)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{pack / 'intent.md.j2'}:3:11: error: mallen använder 'centre.namn', men 'namn' finns inte i datan – "
        "menade du 'name'? fälten under centre är: name, kind, municipality, region, healthcare_area, "
        "visiting_address, target_group, catchment_area\n"
    )
    # the agreement came first and was fine, but nothing is written when one document fails
    assert everything(out) == ["annat.txt"]
    assert everything(folder) == ["centre.yaml", "pack", "pack/agreement.md.j2", "pack/intent.md.j2", "pack/pack.yaml"]


def test_a_failing_write_leaves_the_old_file_and_no_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "ut"
    source = centre(tmp_path / "c")
    assert run_fc("render", "agreement", source, "-o", out, "--format", "md").exit_code == 0
    before = (out / f"{TARGET}.md").read_bytes()

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    source.write_text(source.read_text(encoding="utf-8").replace("Testområdet", "Nytt område"), encoding="utf-8")
    result = run_fc("render", "agreement", source, "-o", out, "--format", "md")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: kan inte skriva {out / TARGET}.md (disken är full) – inget skrevs; frigör utrymme och försök igen\n"
    )
    assert everything(out) == [f"{TARGET}.md"]
    assert (out / f"{TARGET}.md").read_bytes() == before


def test_a_folder_in_the_way_of_a_file_is_reported(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    (out / f"{TARGET}.docx").mkdir(parents=True)
    result = run_fc("render", "agreement", centre(tmp_path / "c"), "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: kan inte skriva {out / TARGET}.docx (det finns en mapp med samma namn) – inget skrevs; "
        "ta bort eller byt namn på mappen\n"
    )
    assert everything(out) == [f"{TARGET}.docx"]


def test_a_successful_render_replaces_the_file_and_leaves_no_tmp(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    source = centre(tmp_path / "c")
    for area in ("Testområdet", "Nytt område"):
        source.write_text(BASE.read_text(encoding="utf-8").replace("Testområdet", area), encoding="utf-8")
        for fmt in ("docx", "md"):
            assert run_fc("render", "agreement", source, "-o", out, "--format", fmt).exit_code == 0
    assert everything(out) == [f"{TARGET}.docx", f"{TARGET}.md"]
    assert "Nytt område" in (out / f"{TARGET}.md").read_text(encoding="utf-8")


# ---- new-centre ------------------------------------------------------------------------------------------


def test_new_centre_never_overwrites_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "nytt"
    first = run_fc("new-centre", folder, "--name", "Ett", "--municipality", "Örebro", "--pack", "orebro")
    assert first.exit_code == 0, first.stderr
    target = folder / "centre.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# mina ändringar\n", encoding="utf-8")
    mine = target.read_bytes()
    again = run_fc("new-centre", folder, "--name", "Två", "--municipality", "Örebro", "--pack", "orebro")
    assert again.exit_code == 1
    assert again.stderr == f"error: {target} finns redan – använd --force för att skriva över den\n"
    assert target.read_bytes() == mine
    forced = run_fc("new-centre", folder, "--name", "Två", "--municipality", "Örebro", "--pack", "orebro", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "name: Två" in target.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_new_centre_into_a_folder_it_cannot_write(tmp_path: Path) -> None:
    folder = unwritable(tmp_path) / "nytt"
    result = run_fc("new-centre", folder, "--name", "Ett", "--municipality", "Örebro", "--pack", "orebro")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: kan inte skriva i mappen {folder}")
    assert "(behörighet saknas) – välj en mapp du kan skriva i" in result.stderr
    assert not folder.exists()


def test_new_centre_where_centre_yaml_is_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nytt"
    (folder / "centre.yaml").mkdir(parents=True)
    result = run_fc("new-centre", folder, "--name", "Ett", "--municipality", "Örebro", "--pack", "orebro")
    assert result.exit_code == 1
    assert result.stderr == f"error: {folder / 'centre.yaml'} finns redan – använd --force för att skriva över den\n"
    forced = run_fc("new-centre", folder, "--name", "Ett", "--municipality", "Örebro", "--pack", "orebro", "--force")
    assert forced.exit_code == 1
    assert forced.stderr == (
        f"error: kan inte skriva {folder / 'centre.yaml'} (det finns en mapp med samma namn) – inget skrevs; "
        "ta bort eller byt namn på mappen\n"
    )
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


# ---- what a folder scan finds, and what new-centre will not touch ----------------------------------


def test_a_pipe_named_centre_yaml_is_reported_not_skipped_or_waited_on(tmp_path: Path) -> None:
    centre(tmp_path / "avtal" / "a")
    (tmp_path / "avtal" / "b").mkdir()
    os.mkfifo(tmp_path / "avtal" / "b" / "centre.yaml")
    result = run_fc("validate", tmp_path / "avtal")
    pipe = tmp_path / "avtal" / "b" / "centre.yaml"
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{pipe}:1:1: error: {pipe} är ingen vanlig fil (utan t.ex. en namngiven pipe eller en enhet) – en "
        "centrumfil är en textfil; ta bort den eller byt ut den mot en [yaml]",
        "2 filer kontrollerade: 1 fel, 0 varningar",
    ]
    alone = run_fc("validate", pipe)  # named on the command line: the same, not "finns inte"
    assert (alone.exit_code, alone.stdout.splitlines()[-1]) == (1, "1 fil kontrollerad: 1 fel, 0 varningar")


def test_an_unreadable_centre_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = centre(tmp_path / "avtal" / "a")
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "centre.yaml":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = run_fc("validate", tmp_path / "avtal")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:1:1: error: filen får inte läsas (behörighet saknas) – ge ditt konto läsrätt till filen, "
        "t.ex. med chmod a+r [yaml]"
    )


def test_an_unreadable_folder_in_a_scan_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    centre(tmp_path / "avtal" / "a")
    hidden = tmp_path / "avtal" / "stängd"
    hidden.mkdir()
    walk = os.walk

    def walk_with_a_closed_folder(top, onerror=None, **kwargs):  # type: ignore[no-untyped-def]
        for here, folders, files in walk(top, onerror=onerror, **kwargs):
            if Path(here) == hidden:
                onerror(PermissionError(errno.EACCES, "Permission denied", str(hidden)))
                continue
            yield here, folders, files

    monkeypatch.setattr("fc_cli.sources.os.walk", walk_with_a_closed_folder)
    result = run_fc("validate", tmp_path / "avtal")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: mappen {hidden} kan inte läsas (Permission denied), så centrumfilerna i den skulle inte "
        "kontrolleras – ge ditt konto läsrätt till mappen, eller ange mapparna som ska kontrolleras\n"
    )


def test_new_centre_keeps_a_link_that_points_nowhere_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "centre.yaml").symlink_to(tmp_path / "ingenstans.yaml")
    args = ("new-centre", folder, "--name", "Familjecentralen C", "--municipality", "Örebro", "--pack", "orebro")
    result = run_fc(*args)
    assert result.exit_code == 1
    assert result.stderr == f"error: {folder / 'centre.yaml'} finns redan som en länk – använd --force för att skriva över den\n"
    assert (folder / "centre.yaml").is_symlink() and not (tmp_path / "ingenstans.yaml").exists()
    assert run_fc(*args, "--force").exit_code == 0
    assert not (folder / "centre.yaml").is_symlink() and not (tmp_path / "ingenstans.yaml").exists()


def test_new_centre_never_writes_the_schema_through_a_link_out_of_the_repository(tmp_path: Path) -> None:
    repository = tmp_path / "avtal"
    (repository / ".git").mkdir(parents=True)
    outside = tmp_path / "utanför"
    outside.mkdir()
    (repository / "schemas").symlink_to(outside)
    result = run_fc("new-centre", repository / "c", "--name", "Familjecentralen C", "--municipality", "Örebro",
                    "--pack", "orebro")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {repository / 'schemas'} är en länk ut ur repot (till {outside}), och dit skriver fc inte "
        "schemat – ta bort länken, eller skriv schemat själv med 'fc schema -o FIL'\n"
    )
    assert everything(outside) == [] and not (repository / "c").exists()


# ---- a disk that fills during `render all` ------------------------------------------------------------

VIVALLA = Path(__file__).resolve().parent.parent / "examples" / "vivalla" / "centre.yaml"
ALL = [f"{slug}-familjecentralen-vivalla.md" for slug in
       ("avsiktsforklaring", "samverkansavtal", "samordnaravtal", "verksamhetsberattelse")]


def fills_after(monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    """The disk is full once *files* files have been written (every write ends in os.replace)."""
    real = os.replace
    done = []

    def replace(*args: object, **kwargs: object) -> None:
        if "/fc/parsed/" in str(args[1]):  # fc's cache of parsed texts, not an output file
            return real(*args, **kwargs)  # type: ignore[arg-type]
        if len(done) >= files:
            raise OSError(errno.ENOSPC, "No space left on device")
        done.append(args)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)


def test_a_full_disk_after_two_of_four_new_files_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "ut" / "2027"
    fills_after(monkeypatch, 2)
    result = run_fc("render", "all", VIVALLA, "-o", out, "--format", "md")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: kan inte skriva {out / ALL[2]} (disken är full) – inget skrevs; {out / ALL[0]} och {out / ALL[1]}, "
        f"som hann skrivas, togs bort igen; {out / ALL[3]} skrevs inte; frigör utrymme och försök igen\n"
    )
    assert everything(tmp_path) == []  # the folders this run made are gone too


def test_a_full_disk_says_which_replaced_files_already_have_new_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    (out / "egen.txt").write_text("användarens", encoding="utf-8")
    for name in (ALL[0], ALL[2], ALL[3]):  # an earlier run's files; the agreement is new
        (out / name).write_text("gammalt", encoding="utf-8")
    fills_after(monkeypatch, 2)
    result = run_fc("render", "all", VIVALLA, "-o", out, "--format", "md")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: kan inte skriva {out / ALL[2]} (disken är full) – {out / ALL[0]} hann skrivas med det nya innehållet "
        f"och ligger kvar (det gamla innehållet går inte att återställa); {out / ALL[1]}, som hann skrivas, togs "
        f"bort igen; {out / ALL[3]} skrevs inte; frigör utrymme och försök igen\n"
    )
    assert everything(out) == sorted([ALL[0], ALL[2], ALL[3], "egen.txt"])
    assert (out / ALL[0]).read_text(encoding="utf-8").startswith("# ")  # the new text
    assert [(out / name).read_text(encoding="utf-8") for name in (ALL[2], ALL[3], "egen.txt")] == [
        "gammalt", "gammalt", "användarens"]


def test_a_full_disk_at_the_first_file_of_many_says_nothing_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ut"
    fills_after(monkeypatch, 0)
    result = run_fc("render", "all", VIVALLA, "-o", out, "--format", "md")
    assert result.stderr == (
        f"error: kan inte skriva {out / ALL[0]} (disken är full) – inget skrevs; frigör utrymme och försök igen\n"
    )
    assert everything(tmp_path) == []


def test_a_real_full_disk_during_render_all_leaves_nothing(tmp_path: Path) -> None:
    """The same as above on a real file system that fills: a small tmpfs, mounted in a mount
    namespace of its own (`unshare`, as any user), holds the first two documents and not the third."""
    import shutil
    import subprocess
    import sys

    if shutil.which("unshare") is None:
        pytest.skip("no unshare (util-linux) here; the simulated full disks above test the same")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:  # e.g. Ubuntu's AppArmor forbids user namespaces; CI's machine allows them
        pytest.skip("this system allows no mount namespace (unshare -rm); the simulated full disks above "
                    f"test the same: {probe.stderr.decode(errors='replace').strip()}")
    plain = tmp_path / "plain"
    assert run_fc("render", "all", VIVALLA, "-o", plain).exit_code == 0
    names = [name.replace(".md", ".docx") for name in ALL]
    pages = [-(-(plain / name).stat().st_size // 4096) * 4096 for name in names]
    size = pages[0] + pages[1] + 4096  # room for two files and part of the third
    assert size < sum(pages[:3])
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "ut"
    script = (f"mount -t tmpfs -o size={size} tmpfs {disk} && {sys.executable} -m fc_cli render all {VIVALLA} "
              f"-o {out}; echo \"exit $?\"; ls -A {disk}")
    result = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert result.stderr == (
        f"error: kan inte skriva {out / names[2]} (disken är full) – inget skrevs; {out / names[0]} och "
        f"{out / names[1]}, som hann skrivas, togs bort igen; {out / names[3]} skrevs inte; frigör utrymme "
        "och försök igen\n"
    )
    assert result.stdout == "exit 1\n"  # and the disk is empty again: no file, no temporary file, no folder
