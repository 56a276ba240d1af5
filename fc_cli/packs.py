"""Template packs: one region's wording of the four documents (format: templates/README.md).

A pack is a folder with a ``pack.yaml`` (its name, region, documents, rules and the defaults
`fc new-centre` writes) and one Jinja2 template per document. The shipped packs live in
``templates/`` of the repository (installed as ``fc_cli/templates``); a centre file may name its
own pack by a folder path instead.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .diagnostics import KeyPath
from .documents import DOCUMENTS
from .errors import InputError, Position, UsageError
from .load import SourceMap, load_yaml_file
from .pack_fields import FieldName, FieldSpec
from .printing import visible
from .results.instrument import Instrument
from .wheel import WheelEntry, wheel_problem

PACK_FILE = "pack.yaml"

_TERM = re.compile(r"^[a-z][a-z0-9_]*$")


def _term_name(name: str) -> str:
    """A name under `terms:` is what a template writes after `pack.terms.`; a name of one of a
    mapping's own methods (`items`, `get` …) would give the method instead of the term."""
    if not _TERM.match(name) or len(name) > 40:
        raise ValueError(
            f"termen '{name}' går inte att använda i en mall – skriv namnet med små bokstäver a–z, siffror och _ "
            "(börja med en bokstav, inga å, ä, ö eller -), t.ex. 'vardnadshavare'"
        )
    if hasattr(dict, name):
        raise ValueError(f"termen '{name}' är upptagen (mallar läser den som något annat) – välj ett annat namn, "
                         f"t.ex. '{name}_ord'")
    return name


TermName = Annotated[str, AfterValidator(_term_name)]
_TASK_ID = re.compile(r"^[a-z][a-z0-9_-]*$")


def _task_id(task: str) -> str:
    """An id under `coordinator_tasks:`: what the template marks its task with (`- {task=lanken} …`)
    and a centre names under coordinator.dropped_tasks."""
    if not _TASK_ID.match(task) or len(task) > 40:
        raise ValueError(f"arbetsuppgiftens id '{task}' går inte att använda – skriv det med små bokstäver a–z, "
                         "siffror, - och _ (börja med en bokstav, inga å, ä, ö), t.ex. 'barnrattsombud'")
    return task


TaskId = Annotated[str, AfterValidator(_task_id)]
_JINJA_BLOCK = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_SECTION_NAME = re.compile(r"(?<![\w.])(?:data\.)?(" + "|".join(DOCUMENTS) + r")\b")
#: A template reads the centre's economy when it names it, or calls a helper that reads it.
_ECONOMY_READ = re.compile(r"(?<![\w.])(?:data\.)?(?:economy\b|cost_\w+\(|payment_rows\(|budget_\w+\("
                           r"|coordinator_share_rows\()")


def shipped_packs_dir() -> Path:
    """The folder of the packs that come with fc (installed, or the repository's `templates/`)."""
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    return installed if installed.is_dir() else here.parent / "templates"


class DocumentTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    template: str = Field(description="The template file, relative to the pack folder.")
    title: str = Field(description="The document's title (core properties, page header).")
    numbered_headings: bool = Field(
        False,
        description="Word-numbered headings, 1, 1.1, 1.1.1 (word/numbering.py); `## {nr=13} …` sets one's number.",
    )


class PackRules(BaseModel):
    """Pack-specific rules the validator applies (a region's recommendations), under `rules:` in pack.yaml.

    Each is a region's recommendation taken from its seed text; a centre that departs from one
    gets a warning (an error with `fc validate --strict`). Leave a rule out to not check it.
    """

    model_config = ConfigDict(extra="forbid")
    coordinator_fte_min: float | None = Field(
        None, ge=0, le=1, description="Lägsta rekommenderade samordnaruppdrag i årsarbetare (Örebro: 0.25)."
    )
    coordinator_fte_max: float | None = Field(
        None, ge=0, le=1, description="Högsta rekommenderade samordnaruppdrag i årsarbetare (Örebro: 0.50)."
    )
    steering_group_min_meetings: int | None = Field(
        None, ge=1, le=52, description="Minsta antal styrgruppsmöten per år (Jämtland: 4)."
    )
    cost_model: Literal["lika_per_huvudman", "turordning", "egen_fordelning"] | None = Field(
        None, description="Kostnadsfördelningen i regionens avtalstext (Örebro: lika_per_huvudman)."
    )
    notice_months: int | None = Field(
        None, ge=0, le=36, description="Avtalets uppsägningstid i regionens avtalstext, i månader (Jämtland: 12)."
    )
    coordinator_notice_months: int | None = Field(
        None, ge=0, le=24, description="Samordnaravtalets uppsägningstid i regionens text, i månader (Jämtland: 3)."
    )

    @model_validator(mode="after")
    def _ordered(self) -> PackRules:
        low, high = self.coordinator_fte_min, self.coordinator_fte_max
        if low is not None and high is not None and low > high:
            raise ValueError("coordinator_fte_min är större än coordinator_fte_max – byt plats på dem")
        return self


class RegionalAgreement(BaseModel):
    """The regional framework a pack's agreement builds on, as the region has adopted it."""

    model_config = ConfigDict(extra="forbid")
    title: str | None = Field(None, description="Överenskommelsens titel, som regionen skrivit den.")
    date: dt.date | None = Field(None, description="Överenskommelsens datum, ÅÅÅÅ-MM-DD.")


class PackConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    region: str
    description: str = ""
    documents: dict[str, DocumentTemplate]
    reference_docx: str | None = None
    rules: PackRules = Field(default_factory=PackRules)
    scaffold: dict[str, Any] = Field(default_factory=dict)
    annual_wheel: list[WheelEntry] = Field(
        default_factory=list, description="Årshjulet: aktiviteterna under året (fc calendar, fc status)."
    )
    #: Every law, regulation and body the templates cite, in one place (templates: pack.references.x).
    references: dict[str, str] = Field(default_factory=dict)
    #: The region's own words for what every pack names, in the forms its text uses ("vårdnadshavare"
    #: or "föräldrar", "ledningsgruppen/styrgruppen"), in one place (templates: pack.terms.x).
    terms: dict[TermName, str] = Field(default_factory=dict)
    #: The regional framework; a pack that names one but leaves it empty gets a validate warning.
    regional_agreement: RegionalAgreement | None = None
    #: The coordinator agreement's task list by id (templates/README.md, "The coordinator's tasks"):
    #: id → the task in a few words. The template marks each item `{task=id}`; a centre drops
    #: items with coordinator.dropped_tasks.
    coordinator_tasks: dict[TaskId, str] = Field(default_factory=dict)
    #: Commitments the pack derived rather than copied from an adopted text: true = the region has
    #: confirmed it (binding), false = dropped, null = not yet confirmed (shown in drafts only).
    derived: dict[str, bool | None] = Field(default_factory=dict)
    #: The pack's own fields (fc_cli/pack_fields.py): a centre fills them in under `fields:`.
    fields: dict[FieldName, FieldSpec] = Field(default_factory=dict)
    #: The self-reflection instrument the report shows and results files refer to (templates/README.md).
    self_reflection: Instrument | None = None

    @field_validator("annual_wheel")
    @classmethod
    def _distinct(cls, wheel: list[WheelEntry]) -> list[WheelEntry]:
        problem = wheel_problem(wheel)
        if problem is not None:
            raise ValueError(problem)
        return wheel


class Pack:
    """A loaded pack: its folder, its configuration and where each key stands in its pack.yaml."""

    def __init__(self, folder: Path, config: PackConfig, source: SourceMap | None = None):
        self.folder = folder
        self.config = config
        self.source = source

    def position(self, key: KeyPath) -> Position:
        """Where *key* stands in pack.yaml (pack.yaml itself when it is not known)."""
        if self.source is None:
            return Position(str(self.folder / PACK_FILE))
        return self.source.position(key)

    def template_position(self, template: str) -> Position:
        """Where pack.yaml names *template* (`documents.<id>.template`), or pack.yaml itself."""
        for doc_id, spec in self.config.documents.items():
            if spec.template == template:
                return self.position(("documents", doc_id, "template"))
        return Position(str(self.folder / PACK_FILE))

    @property
    def name(self) -> str:
        return self.config.name

    def template_for(self, document_id: str) -> DocumentTemplate:
        try:
            return self.config.documents[document_id]
        except KeyError:
            raise InputError(
                f"mallpaketet '{self.name}' har ingen mall för dokumentet '{document_id}' – "
                f"lägg till den under 'documents' i {self.folder / PACK_FILE}"
            ) from None

    def sections_used(self) -> frozenset[str]:
        """The centre file's optional sections (`intent`, `agreement`, `coordinator`, `report`,
        `economy`) this pack needs: those of its documents, and those its templates read
        (`{{ report.year }}` in an agreement, `cost_share_table(data)`). `fc validate` asks only for
        these to be filled in."""
        versions = []
        for path in sorted(self.folder.glob("*.j2")):
            try:
                info = path.stat()
            except OSError:
                continue  # the linter reports a template that cannot be read
            versions.append((path, info.st_size, info.st_mtime_ns))
        return frozenset(self.config.documents) | _sections_read(tuple(versions))

    @property
    def reference_docx(self) -> Path | None:
        if not self.config.reference_docx:
            return None
        return self.folder / self.config.reference_docx


@lru_cache(maxsize=64)
def _sections_read(templates: tuple[tuple[Path, int, int], ...]) -> frozenset[str]:
    """The document sections the templates read (each template by its path, size and time)."""
    used: set[str] = set()
    for path, _, _ in templates:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for block in _JINJA_BLOCK.findall(text):
            used.update(_SECTION_NAME.findall(block))
            if _ECONOMY_READ.search(block):
                used.add("economy")
    return frozenset(used)


def list_shipped_packs() -> list[Pack]:
    folder = shipped_packs_dir()
    return [load_pack_folder(p) for p in sorted(folder.iterdir()) if (p / PACK_FILE).is_file()]


def resolve_pack(reference: str, centre_dir: Path) -> Pack:
    """A pack by name (shipped) or by a folder path relative to the centre's folder."""
    looks_like_path = "/" in reference or "\\" in reference or reference.startswith(".")
    if not looks_like_path:
        candidate = shipped_packs_dir() / reference
        if (candidate / PACK_FILE).is_file():
            return load_pack_folder(candidate)
        names = ", ".join(p.name for p in list_shipped_packs())
        raise InputError(
            f"mallpaketet '{reference}' finns inte – välj ett av {names}, "
            "eller ange sökvägen till ett eget paket (t.ex. './mallar/mitt-lan')"
        )
    folder = (centre_dir / reference).resolve()
    if not (folder / PACK_FILE).is_file():
        raise InputError(
            f"mallpaketet '{reference}' hittas inte: {folder / PACK_FILE} finns inte – "
            "kontrollera sökvägen (relativ till centrumfilens mapp)"
        )
    return load_pack_folder(folder)


def pack_by_name(name: str) -> Pack:
    """A shipped pack by name or a pack folder (`--pack` of `fc new-centre` and `fc schema`): a usage
    error listing the packs when there is none, the pack's own positioned error when it is broken."""
    try:
        return resolve_pack(name, Path.cwd())
    except InputError as exc:
        if exc.position is not None:  # the pack is there, its pack.yaml is not right: say where
            raise
        if (Path(name) / PACK_FILE).is_file():  # a folder named without ./
            return load_pack_folder(Path(name).resolve())
        raise UsageError(exc.message) from None


@lru_cache(maxsize=32)
def load_pack_folder(folder: Path) -> Pack:
    path = folder / PACK_FILE
    real = path.resolve()
    if not real.is_relative_to(folder.resolve()):  # what pack.yaml names is checked the same way
        raise InputError(
            f"{PACK_FILE} är en länk till {visible(str(real))}, utanför mallpaketets mapp – lägg filen själv i mappen",
            Position(str(path)),
        )
    loaded = load_yaml_file(path, if_empty="skriv paketets name, region och documents i den (se templates/README.md)")
    try:
        config = PackConfig.model_validate(loaded.data)
    except ValidationError as exc:
        from .diagnostics import format_key
        from .schema_errors import data_path, explain

        first = _first_error(exc.errors(include_url=False))
        loc = data_path(tuple(first["loc"]), loaded.data, PackConfig)
        at_key = first["type"] == "extra_forbidden" or first["loc"][-1:] == ("[key]",)
        raise InputError(
            f"{explain(first, loc, PackConfig)} – se templates/README.md för formatet",
            loaded.source.position(loc, at_key=at_key),
            key=format_key(loc),
        ) from None
    for doc_id, doc in config.documents.items():
        if doc_id not in DOCUMENTS:
            raise InputError(
                f"okänt dokument '{doc_id}' – tillåtna är {', '.join(DOCUMENTS)}",
                loaded.source.position(("documents", doc_id), at_key=True),
                key=f"documents.{doc_id}",
            )
        _inside_pack(folder, doc.template, loaded, ("documents", doc_id, "template"), "mallen")
    if config.reference_docx:
        _inside_pack(folder, config.reference_docx, loaded, ("reference_docx",), "referensdokumentet")
    return Pack(folder, config, loaded.source)


def _first_error(errors: list[Any]) -> Any:
    """The error to report: a misspelt key before the required key it was meant to be (pydantic
    reports `nmae:` as 'name' missing and 'nmae' unknown; the second says what to do)."""
    missing = {tuple(e["loc"][:-1]) for e in errors if e["type"] == "missing"}
    for error in errors:
        if error["type"] == "extra_forbidden" and tuple(error["loc"][:-1]) in missing:
            return error
    return errors[0]


def _inside_pack(folder: Path, name: str, loaded: Any, key: tuple, what: str) -> None:
    """A file a pack names must exist inside the pack folder (no `..`, absolute paths or links out)."""
    from .diagnostics import format_key

    target = (folder / name).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise InputError(
            f"{what} {name} ligger utanför mallpaketets mapp – lägg filen i {folder} och ange sökvägen "
            "relativt den",
            loaded.source.position(key),
            key=format_key(key),
        )
    if not target.is_file():
        raise InputError(f"{what} {name} finns inte i {folder}", loaded.source.position(key), key=format_key(key))
