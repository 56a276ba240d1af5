"""Writing files: the one owner of atomic writes and of checking an output folder before a run.

`fc render`, `fc new-centre` and `fc schema -o` all write through :func:`write_atomically`
(temporary file in the same folder, then rename; a run of many files through :func:`write_all`,
which removes the files it created when one fails), so a failed or interrupted write leaves nothing
behind, and every write error is said the same way, in Swedish, with what to do.
"""

from __future__ import annotations

import errno
import os
import secrets
import tempfile
from pathlib import Path

from .errors import OutputError
from .program import command_name


class _WriteFailed(Exception):
    """Writing one file failed: in its folder (the folder cannot be made or written in) or the file itself."""

    def __init__(self, target: Path, error: OSError, in_folder: bool):
        super().__init__(str(error))
        self.target = target
        self.error = error
        self.in_folder = in_folder

    def message(self, done: str | None = None) -> str:
        """The Swedish message; *done* says what the run wrote before (None: nothing, as for a single file)."""
        reason = os_reason(self.error)
        if self.in_folder:
            document = self.target.suffix in (".docx", ".md", ".pdf")
            hint = f" (för {command_name()} render: -o UTMAPP)" if document else ""
            remedy = ("frigör utrymme och försök igen" if self.error.errno in (errno.ENOSPC, errno.EDQUOT)
                      else f"välj en mapp du kan skriva i{hint}")
            return f"kan inte skriva i mappen {self.target.parent} ({reason}) – " + (
                f"{done}; {remedy}" if done is not None else f"välj en mapp du kan skriva i{hint}"
            )
        return f"kan inte skriva {self.target} ({reason}) – {done or 'inget skrevs'}; {_remedy(self.error)}"


def write_atomically(target: Path, content: bytes) -> None:
    """Temporary file in the same folder, then rename: a failed write leaves nothing behind.

    The rename replaces *target* as a whole (a link named like the target is replaced, never
    followed), so a reader sees the old file or the new one, never half of one. On Linux the
    temporary file has no name at all while it is written (O_TMPFILE): even a SIGKILL, which runs
    no clean-up, leaves nothing behind (see :func:`_write_unnamed`).
    """
    try:
        _write(target, content)
    except _WriteFailed as failed:
        raise OutputError(failed.message()) from None


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write every file atomically, in order; when one fails, the run takes back what it can.

    A file this run created (nothing stood at its name before) is removed again, so a full disk
    after 2 of 4 files leaves what was there before. A file this run replaced cannot be given its
    old content back: the message names it, and every file that was not written.
    """
    created: list[Path] = []
    replaced: list[Path] = []
    folders: list[Path] = []  # the folders this run made, outermost first
    for index, (target, content) in enumerate(files):
        existed = os.path.lexists(target)
        folders.extend(_missing_folders(target.parent))
        try:
            _write(target, content)
        except _WriteFailed as failed:
            rest = [path for path, _ in files[index + 1 :]]
            done = _taken_back(created, replaced, rest, folders)
            raise OutputError(failed.message(done if created or replaced else None)) from None
        (replaced if existed else created).append(target)


def _missing_folders(folder: Path) -> list[Path]:
    missing = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing[::-1]


def _taken_back(created: list[Path], replaced: list[Path], rest: list[Path], folders: list[Path]) -> str:
    """Remove the files (and then the empty folders) this run created; say what stays and what was not written."""
    removed: list[Path] = []
    left: list[Path] = []
    for path in created:
        try:
            path.unlink(missing_ok=True)
            removed.append(path)
        except OSError:
            left.append(path)
    for folder in reversed(folders):
        try:
            folder.rmdir()  # only when empty: nothing but what this run made
        except OSError:
            pass
    said = []
    if replaced or left:
        said.append(f"{_names(replaced + left)} hann skrivas med det nya innehållet och ligger kvar"
                    + (" (det gamla innehållet går inte att återställa)" if replaced else ""))
    else:
        said.append("inget skrevs")
    if removed:
        said.append(f"{_names(removed)}, som hann skrivas, togs bort igen")
    if rest:
        said.append(f"{_names(rest)} skrevs inte")
    return "; ".join(said)


def _names(paths: list[Path]) -> str:
    shown = [str(path) for path in paths]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " och " + shown[-1]


def _write(target: Path, content: bytes) -> None:
    if _write_unnamed(target, content):
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _WriteFailed(target, exc, in_folder=True) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(tmp_name, 0o644)
        if target.is_dir() and not target.is_symlink():
            raise IsADirectoryError(21, "Is a directory")
        os.replace(tmp_name, target)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise _WriteFailed(target, exc, in_folder=False) from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _write_unnamed(target: Path, content: bytes) -> bool:
    """Write *content* to a file without a name in *target*'s folder, then give it its name.

    False when the system or file system has no unnamed files (then the named temporary file is
    used); a :class:`_WriteFailed` when writing fails.
    """
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or target.is_symlink() or (target.is_dir() and not target.is_symlink()):
        return False  # the ordinary path reports a folder in the way
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target.parent, flag | os.O_WRONLY, 0o644)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return False  # a file system without O_TMPFILE
        raise _WriteFailed(target, exc, in_folder=True) from None
    named = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fchmod(handle.fileno(), 0o644)
            # the finished file gets a name, and at once the target's (a rename replaces it whole);
            # linkat follows /proc's link to the open file only when given a folder descriptor
            folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.link(f"/proc/self/fd/{handle.fileno()}", named.name, src_dir_fd=folder, dst_dir_fd=folder,
                        follow_symlinks=True)
            finally:
                os.close(folder)
        os.replace(named, target)
    except FileNotFoundError:  # no /proc: the ordinary path does it
        return False
    except OSError as exc:
        named.unlink(missing_ok=True)
        raise _WriteFailed(target, exc, in_folder=False) from None
    except BaseException:
        named.unlink(missing_ok=True)
        raise
    return True


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Swedish."""
    reasons = {
        errno.EACCES: "behörighet saknas",
        errno.EPERM: "behörighet saknas",
        errno.EROFS: "filsystemet är skrivskyddat",
        errno.ENOSPC: "disken är full",
        errno.EDQUOT: "diskkvoten är slut",
        errno.EISDIR: "det finns en mapp med samma namn",
        errno.ENOTDIR: "en del av sökvägen är en fil, inte en mapp",
        errno.ENAMETOOLONG: "namnet är för långt",
        errno.ENOENT: "mappen finns inte",
        errno.EEXIST: "det finns redan en fil med det namnet",
        errno.ELOOP: "symboliska länkar i sökvägen pekar på varandra i en slinga",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def _remedy(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "frigör utrymme och försök igen"
    if exc.errno == errno.EISDIR:
        return "ta bort eller byt namn på mappen"
    return "välj en mapp du kan skriva i"


def _path_remedy(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "välj en utmapp med en kortare sökväg med -o"
    if exc.errno == errno.ELOOP:
        return "ta bort eller rätta länken, eller välj en annan utmapp med -o"
    return "välj en annan utmapp med -o"


def resolved(path: Path, outdir: Path) -> Path:
    """*path* with every link followed, or a clear :class:`OutputError` when the path cannot be followed.

    A link loop (RuntimeError before Python 3.13, ELOOP after) or a name longer than the file
    system allows is the user's folder, not a fault of fc.
    """
    try:
        return path.resolve()
    except RuntimeError:  # pathlib's "Symlink loop from …" (Python < 3.13)
        reason: OSError = OSError(errno.ELOOP, "Symlink loop")
    except OSError as exc:
        reason = exc
    raise OutputError(f"utmappen {outdir} går inte att använda ({os_reason(reason)}) – {_path_remedy(reason)}")


def check_output_folder(folder: Path) -> None:
    """*folder* is a writable folder, or can be created: otherwise a clear :class:`OutputError`.

    Nothing is created here; a folder that does not exist yet is made when the first file is written.
    """
    try:
        _check_output_folder(folder)
    except OSError as exc:  # a link loop, a name too long, a folder that may not be looked into
        raise OutputError(
            f"utmappen {folder} går inte att använda ({os_reason(exc)}) – {_path_remedy(exc)}"
        ) from None


def _check_output_folder(folder: Path) -> None:
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    missing = existing != folder
    if not existing.is_dir():
        raise OutputError(
            f"utmappen {folder} kan inte skapas: {existing} är en fil, inte en mapp – välj en annan utmapp med -o"
        )
    try:
        handle = tempfile.TemporaryFile(dir=existing)
    except OSError as exc:
        if missing:
            raise OutputError(
                f"utmappen {folder} finns inte och kan inte skapas i {existing} ({os_reason(exc)}) – "
                "skapa den först eller välj en annan utmapp med -o"
            ) from None
        raise OutputError(
            f"utmappen {folder} går inte att skriva i ({os_reason(exc)}) – välj en annan utmapp med -o"
        ) from None
    handle.close()
