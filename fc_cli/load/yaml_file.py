"""Reading one YAML file: checks on its bytes, then the fast path or the round-trip loader."""

from __future__ import annotations

from pathlib import Path

from ..errors import Position, YamlError
from ..printing import visible
from ..program import command_name
from ..text import UNREADABLE, decode_utf8
from .limits import MAX_FILE_BYTES, MAX_LINES
from .source_map import LoadedYaml


def load_yaml_file(path: Path, *, display_name: str | None = None, if_empty: str | None = None) -> LoadedYaml:
    """Load one YAML mapping from *path*, raising :class:`YamlError` for every kind of breakage.

    *if_empty* is what to do about an empty file (a centre file's advice when not given)."""
    name = display_name or str(path)
    try:
        if path.exists() and not path.is_dir() and not path.is_file():  # reading a pipe would wait for ever
            raise YamlError(
                f"{visible(name)} är ingen vanlig fil (utan t.ex. en namngiven pipe eller en enhet) – "
                "en centrumfil är en textfil; ta bort den eller byt ut den mot en",
                Position(name),
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise YamlError(f"filen finns inte: {name} – kontrollera sökvägen", Position(name)) from None
    except IsADirectoryError:
        raise YamlError(f"{name} är en mapp, inte en fil", Position(name)) from None
    except PermissionError:
        raise YamlError(
            f"filen {UNREADABLE}",
            Position(name),
        ) from None
    except OSError as exc:
        raise YamlError(f"filen kan inte läsas: {exc.strerror}", Position(name)) from None
    return load_yaml_text(raw, name, if_empty=if_empty)


def load_yaml_text(raw: bytes, name: str, *, fast: bool = True, if_empty: str | None = None) -> LoadedYaml:
    """Load one YAML mapping from bytes; *name* is used in positions.

    With *fast* an ordinary file is read by the C parser (see :mod:`fc_cli.load.fast`); ``fast=False``
    always reads round-trip.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            f"filen är för stor ({len(raw):,} byte; högst {MAX_FILE_BYTES:,}) – "
            "en centrumfil är normalt några kilobyte; kontrollera att det är rätt fil".replace(",", " "),
            Position(name),
        )
    text = _decode(raw, name)
    lines = max(text.count("\n"), text.count("\r")) + 1
    if lines > MAX_LINES:
        raise YamlError(
            f"filen har för många rader ({lines:,}; högst {MAX_LINES:,}) – ".replace(",", " ")
            + "en centrumfil har normalt några hundra rader; kontrollera att det är rätt fil",
            Position(name, MAX_LINES + 1, 1),
        )
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlError(
            "filen är tom – " + (if_empty or f"fyll i den eller skapa en ny med '{command_name()} new-centre'"),
            Position(name),
        )
    if fast:
        from .fast import load_fast

        loaded = load_fast(text, name)
        if loaded is not None:
            return loaded

    from .round_trip import load_round_trip

    return load_round_trip(text, name)


def _decode(raw: bytes, name: str) -> str:
    return decode_utf8(raw, name, YamlError, "filen")
