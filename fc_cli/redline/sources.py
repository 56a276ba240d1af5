"""OLD and NEW of `fc diff`: a centre file, or a centre file as it was in a git revision.

`REV:path` (git's own notation: the path from the repository's root, or from the current folder
when it starts with ./ or ../) and `--since REV` (the committed version of the NEW file) are read
with git itself. The centre file of a revision is written to a temporary folder, and with it its
pack, when the pack is a folder of the repository (`pack: ../mallar/orebro`): each side is then
rendered with the wording the pack had at that revision.
"""

from __future__ import annotations

import io
import posixpath
import shutil
import subprocess
import tarfile
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from .fc import FcError, InputError, UsageError, parse_yaml_file


@dataclass(frozen=True)
class Side:
    """One version of the centre: its file on disk and how the user named it."""

    path: Path
    display: str
    revision: str | None = None


def resolve_sides(versions: list[str], since: str | None, stack: ExitStack) -> tuple[Side, Side]:
    """(OLD, NEW) from the command line: `OLD NEW`, or `NEW --since REV`."""
    if since is not None:
        if len(versions) != 1:
            raise UsageError(
                "med --since anger du bara den nya versionen: fc diff DOKUMENT centre.yaml --since REV"
            )
        new = _side(versions[0], stack)
        if new.revision is not None:
            raise UsageError(f"med --since ska den nya versionen vara en fil, inte {versions[0]}")
        repo = _repository(new.path.parent)
        relative = new.path.resolve().relative_to(repo.resolve()).as_posix()
        return _revision_side(repo, since, relative, f"{since}:{relative}", stack), new
    if len(versions) != 2:
        raise UsageError(
            "ange två versioner att jämföra: fc diff DOKUMENT GAMMAL NY (filer eller REV:sökväg), "
            "eller fc diff DOKUMENT NY --since REV"
        )
    return _side(versions[0], stack), _side(versions[1], stack)


def _side(given: str, stack: ExitStack) -> Side:
    path = Path(given)
    if path.is_file():
        return Side(path, given)
    if path.is_dir():
        candidate = path / "centre.yaml"
        if candidate.is_file():
            return Side(candidate, str(candidate))
    revision, colon, name = given.partition(":")
    if not colon or len(revision) == 1 and given[2:3] in ("\\", "/"):  # C:\… is a Windows path
        raise UsageError(
            f"{given} finns inte – ange en centrumfil, eller en version i git som REV:sökväg "
            "(t.ex. v2025:orebro/vivalla/centre.yaml)"
        )
    if not revision or not name:
        raise UsageError(f"'{given}' är ingen version – skriv REV:sökväg, t.ex. HEAD~1:orebro/vivalla/centre.yaml")
    repo = _repository(Path.cwd())
    return _revision_side(repo, revision, name, given, stack)


# ---- git ----------------------------------------------------------------------------------------


def _git(repo: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    git = shutil.which("git")
    if git is None:
        raise UsageError("git behövs för att läsa en version (REV:sökväg, --since) men är inte installerat")
    try:
        return subprocess.run(
            [git, "-C", str(repo), *args], capture_output=True, text=not binary, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"git kunde inte köras i {repo}: {exc}") from None


def _repository(folder: Path) -> Path:
    result = _git(folder, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise UsageError(
            f"{folder.resolve()} ligger inte i något git-förråd – en version (REV:sökväg, --since) "
            "finns bara i ett förråd; jämför annars två filer: fc diff DOKUMENT GAMMAL.yaml NY.yaml"
        )
    return Path(result.stdout.strip())


def _revision_side(repo: Path, revision: str, name: str, display: str, stack: ExitStack) -> Side:
    if revision.startswith("-"):
        raise UsageError(f"'{revision}' är ingen revision – ange en commit, en tagg eller en gren")
    commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        shallow = _git(repo, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
        if shallow:
            raise UsageError(
                f"revisionen '{revision}' finns inte i den här klonen av {repo}, som bara har en del av "
                "historiken (en grund klon) – hämta hela historiken med 'git fetch --unshallow --tags' "
                "(i GitHub Actions: actions/checkout med fetch-depth: 0)"
            )
        raise UsageError(
            f"revisionen '{revision}' finns inte i git-förrådet {repo} – se vilka som finns med "
            "'git log --oneline' och 'git tag'"
        )
    sha = commit.stdout.strip()
    path = _path_in_revision(repo, sha, revision, name)
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="fc-diff-")))
    _extract(repo, sha, [path], folder)
    _extract_pack(repo, sha, revision, path, folder)
    return Side(folder / path, display, revision)


def _path_in_revision(repo: Path, sha: str, revision: str, name: str) -> str:
    """The path from the repository's root: as git reads REV:path, or from the current folder."""
    candidates = []
    if name.startswith(("./", "../")):
        candidates.append(posixpath.normpath((Path.cwd() / name).resolve().relative_to(repo.resolve()).as_posix()))
    else:
        candidates.append(posixpath.normpath(name))
        try:
            here = Path.cwd().resolve().relative_to(repo.resolve()).as_posix()
        except ValueError:
            here = ""
        if here not in ("", "."):
            candidates.append(posixpath.normpath(posixpath.join(here, name)))
    for candidate in candidates:
        if candidate.startswith("..") or candidate.startswith("/"):
            continue
        if _git(repo, "cat-file", "-e", f"{sha}:{candidate}").returncode == 0:
            kind = _git(repo, "cat-file", "-t", f"{sha}:{candidate}").stdout.strip()
            if kind == "tree":
                inner = posixpath.join(candidate, "centre.yaml")
                if _git(repo, "cat-file", "-e", f"{sha}:{inner}").returncode == 0:
                    return inner
                continue
            return candidate
    raise UsageError(
        f"{name} finns inte i revisionen {revision} – ange sökvägen från förrådets rot ({repo}); "
        f"'git ls-tree -r --name-only {revision}' visar filerna där"
    )


def _extract(repo: Path, sha: str, paths: list[str], folder: Path) -> None:
    result = _git(repo, "archive", "--format=tar", sha, "--", *paths, binary=True)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise InputError(f"git kunde inte läsa {', '.join(paths)} i {sha[:12]}: {message}")
    try:
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
            archive.extractall(folder, filter="data")  # no absolute paths, no links out of the folder
    except tarfile.TarError as exc:
        raise InputError(
            f"{', '.join(paths)} i {sha[:12]} kan inte läsas säkert ({exc}) – en länk eller fil pekar utanför "
            "förrådet; ta bort den i en ny commit"
        ) from None


def _extract_pack(repo: Path, sha: str, revision: str, path: str, folder: Path) -> None:
    """The repository's own pack, as it was in the revision, next to the centre file."""
    try:
        data = parse_yaml_file(folder / path)
    except FcError:
        return  # the check of the centre file says what is wrong with it
    pack = data.get("pack") if isinstance(data, dict) else None
    if not isinstance(pack, str) or not ("/" in pack or "\\" in pack or pack.startswith(".")):
        return  # a pack that comes with fc
    pack_dir = posixpath.normpath(posixpath.join(posixpath.dirname(path), pack.replace("\\", "/")))
    if pack_dir.startswith("..") or pack_dir.startswith("/"):
        raise InputError(
            f"mallpaketet '{pack}' i {revision}:{path} ligger utanför git-förrådet, så det går inte att "
            "läsa som det var i den revisionen – lägg paketet i förrådet"
        )
    if _git(repo, "cat-file", "-e", f"{sha}:{pack_dir}/pack.yaml").returncode != 0:
        raise InputError(
            f"mallpaketet '{pack}' som {revision}:{path} använder fanns inte i revisionen {revision} "
            f"({pack_dir}/pack.yaml saknas där)"
        )
    _extract(repo, sha, [pack_dir], folder)
