"""The shipped documents, word by word (issue 12): each finding of the review, on the rendered text.

Every test renders an example (examples/vivalla: orebro, examples/lugnvik: jamtland,
examples/rud: varmland), changed where the point needs it, to the intermediate text and reads
the sentences a signatory would read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from fc_cli.check.centre import check_centre
from fc_cli.documents import DOCUMENTS
from fc_cli.render import render_text

from helpers import EXAMPLES, flat

PACK_EXAMPLE = {"orebro": "vivalla", "jamtland": "lugnvik", "varmland": "rud"}


def load_example(pack: str) -> Any:
    return YAML().load((EXAMPLES / PACK_EXAMPLE[pack] / "centre.yaml").read_text(encoding="utf-8"))


def render(folder: Path, data: Any, document: str, draft: bool = False) -> str:
    """The document's text, one line, markup removed (escapes, emphasis, table bars)."""
    path = folder / "centre.yaml"
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)
    checked = check_centre(path)
    assert checked.model is not None and checked.pack is not None, checked.diagnostics
    text = render_text(checked, DOCUMENTS[document], draft=draft)
    text = re.sub(r"\\(.)", r"\1", text).replace("**", "")
    return flat(text)


def rendered(
    tmp_path: Path, pack: str, document: str, change: Callable[[Any], None] | None = None, draft: bool = False
) -> str:
    data = load_example(pack)
    if change is not None:
        change(data)
    return render(tmp_path, data, document, draft)


# ---- point 8: every counted phrase agrees in number and gender, tested with 1, 2 and 12 --------

WORD = {1: "en", 2: "två", 12: "tolv"}
NEUTER = {1: "ett", 2: "två", 12: "tolv"}

#: What must never stand in a document: a number that disagrees with its noun.
DISAGREEING = re.compile(
    r"\b(?:en|1) månader\b|\b(?:två|tolv|2|12) månad\b|\ben gånger\b|\b(?:två|tolv) gång\b"
    r"|\ben (?:likalydande |identiska |identiskt )?exemplar\b|\bett identiska\b|\b(?:två|tolv) identiskt\b"
    r"|\bett prioriterade\b|\b(?:två|tolv) prioriterat\b|\ben möten?\b|\bett möten\b|\b(?:två|tolv) möte\b",
    re.IGNORECASE,
)


def _counts(n: int) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for key in ("steering_group", "management_group"):
            if data["governance"].get(key):
                data["governance"][key]["meetings_per_year"] = n
        data["agreement"]["copies"] = n
        data["agreement"]["notice_months"] = n
        data["coordinator"]["notice_months"] = n
        data["report"]["previous_goals"] = [f"Mål nummer {i + 1}." for i in range(n)]

    return change


def _expected(pack: str, n: int) -> dict[str, list[str]]:
    w, wn = WORD[n], NEUTER[n]
    gang = "gång" if n == 1 else "gånger"
    manad = "månad" if n == 1 else "månader"
    if pack == "orebro":
        return {
            "agreement": [
                f"sammanträder {w} {gang} per år",
                f"upprättat i {wn} {'identiskt' if n == 1 else 'identiska'} exemplar",
            ],
            "coordinator": [
                f"| Uppsägningstid | {w.capitalize()} {manad} |",
                f"minst {w} {manad} innan avslutet",
                f"Uppsägningstiden för avtalet är {w} {manad}.",
            ],
        }
    if pack == "jamtland":
        return {
            "agreement": [
                f"möts {w} {gang} per år",
                f"Uppsägningstiden för avtalet är {w} {manad}.",
                f"upprättats i {wn} likalydande exemplar",
            ],
            "coordinator": [f"minst {n} {manad} innan avslutet", f"Uppsägningstiden för avtalet är {n} {manad}."],
        }
    return {
        "agreement": [
            f"sammanträder {w} {gang} per år",
            f"Uppsägningstiden för avtalet är {w} {manad}.",
            f"upprättat i {wn} likalydande exemplar",
        ],
        "coordinator": [
            f"| Uppsägningstid | {w} {manad} |",
            f"minst {w} {manad} i förväg",
            f"Uppsägningstiden för avtalet är {w} {manad}.",
        ],
        "report": [
            f"valdes {wn} {'prioriterat mål' if n == 1 else 'prioriterade mål'} ut",
            f"planera {wn} {'möte' if n == 1 else 'möten'} i ledningsgruppen",
        ],
    }


@pytest.mark.parametrize("n", [1, 2, 12])
@pytest.mark.parametrize("pack", sorted(PACK_EXAMPLE))
def test_every_counted_phrase_agrees_with_its_number(tmp_path: Path, pack: str, n: int) -> None:
    expected = _expected(pack, n)
    for document in DOCUMENTS:
        text = rendered(tmp_path, pack, document, _counts(n))
        wrong = DISAGREEING.search(text)
        assert wrong is None, f"{pack} {document}: {text[max(0, wrong.start() - 60): wrong.end() + 20]!r}"
        missing = [phrase for phrase in expected.get(document, []) if phrase not in text]
        assert not missing, f"{pack} {document}, n={n}: {missing}"


# ---- point 1: only the region's own notice rule -------------------------------------------------


def test_orebros_agreement_has_no_notice_period_beside_its_annual_review(tmp_path: Path) -> None:
    text = rendered(tmp_path, "orebro", "agreement")
    assert "Uppsägningstid" not in text
    assert (
        "Avtalet gäller från och med 1 januari 2027 och tillsvidare. Respektive huvudman kan årligen, före "
        "juni månads utgång initiera omprövning eller uppsägning av avtal. Om uppsägning sker bör ansvaret "
        "kvarstå året ut."
    ) in text


def test_jamtlands_agreement_keeps_its_own_notice_period(tmp_path: Path) -> None:
    text = rendered(tmp_path, "jamtland", "agreement")
    assert "Avtalet löper fortgående till dess att någon av parterna önskar säga upp avtalet. " \
        "Uppsägningstiden för avtalet är tolv månader." in text


def test_varmland_uses_one_of_the_two_rules_never_both(tmp_path: Path) -> None:
    notice = rendered(tmp_path, "varmland", "agreement")
    assert "Uppsägningstiden för avtalet är sex månader." in notice
    assert "kvarstå året ut" not in notice

    def annual_review(data: Any) -> None:
        data["agreement"]["review_by_month"] = 6

    review = rendered(tmp_path, "varmland", "agreement", annual_review)
    assert "före juni månads utgång, initiera omprövning eller uppsägning av avtalet. Om uppsägning sker " \
        "bör ansvaret kvarstå året ut." in review
    assert "Uppsägningstid" not in review


# ---- point 3: every reference to a group names the group the centre has ------------------------


def test_jamtland_meets_with_the_coordinator_in_the_centres_own_group(tmp_path: Path) -> None:
    text = rendered(tmp_path, "jamtland", "agreement")
    assert "Styrgruppen möts fyra gånger per år. ### Ledningsgrupp vid Familjecentralen Lugnvik" in text
    assert "Ledningsgruppen möts sex gånger per år och då tillsammans med samordnaren för familjecentralen." in text
    assert text.count("tillsammans med samordnaren") == 1


def test_jamtlands_coordinator_agreement_names_the_centres_ledningsgrupp(tmp_path: Path) -> None:
    text = rendered(tmp_path, "jamtland", "coordinator")
    for sentence in [
        "I följande avtal beskrivs de arbetsuppgifter som överenskommits mellan ledningsgruppen och utsedd samordnare.",
        "Förmedla denna till ledningsgruppen och arbetslaget för att överenskomma kommande års verksamhetsplan.",
        "Samordnaren ansvarar för att meddela ledningsgruppen för Familjecentralen Lugnvik om hen planerar",
        "- Vara länken mellan arbetslaget och ledningsgruppen, i båda riktningarna",
        "- På ledningsgruppens uppdrag planera, leda och samordna",
        "- Leda mötet vid ledningsgruppens besök",
        "Ha en dialog med ledningsgruppen, planera och ta emot studiebesök",
        "presentera förslag till ledningsgruppen som beslutar",
        # both levels exist for Lugnvik: the one sentence about both keeps the seed's words
        "- Företräda familjecentralen vid möte med styrgrupp eller ledningsgrupp samt i andra sammanhang",
    ]:
        assert sentence in text, sentence
    assert text.lower().count("styrgrupp") == 1


def test_a_jamtland_centre_with_one_group_is_never_told_of_another(tmp_path: Path) -> None:
    def one_group(data: Any) -> None:
        governance = data["governance"]
        governance["steering_group"] = governance.pop("management_group")
        governance["steering_group"]["name"] = "Styrgrupp för Familjecentralen Lugnvik"

    agreement = rendered(tmp_path, "jamtland", "agreement", one_group)
    assert "ska en gemensam styrgrupp" not in agreement
    assert "### Ledningsgrupp vid Familjecentralen Lugnvik" in agreement
    assert "Styrgrupp för Familjecentralen Lugnvik består av:" in agreement
    coordinator = rendered(tmp_path, "jamtland", "coordinator", one_group)
    assert "meddela styrgruppen för Familjecentralen Lugnvik" in coordinator
    assert "- Leda mötet vid styrgruppens besök" in coordinator
    assert "- Företräda familjecentralen vid möte med styrgruppen samt i andra sammanhang" in coordinator
    assert "ledningsgruppen" not in coordinator.lower()


# ---- point 4: one binding task list in the coordinator agreement --------------------------------


def test_jamtlands_coordinator_agreement_holds_one_task_list(tmp_path: Path) -> None:
    text = rendered(tmp_path, "jamtland", "coordinator")
    assert text.count("Vara länken mellan arbetslaget och") == 1
    assert "Det är dock av största vikt" not in text
    assert "rekommenderade arbetsuppgifter" not in text


@pytest.mark.parametrize(
    ("pack", "last"),
    [("jamtland", "- Vid avslut av uppdraget, överlämna information till efterträdare."),
     ("orebro", "- Vid avslut av uppdraget överlämna information till efterträdare"),
     ("varmland", "- Vid avslut av uppdraget överlämna information till efterträdare")],
)
def test_the_agreed_list_takes_the_centres_own_tasks(tmp_path: Path, pack: str, last: str) -> None:
    def own_tasks(data: Any) -> None:
        data["coordinator"]["extra_tasks"] = ["Samordna familjecentralens språkcafé"]

    text = rendered(tmp_path, pack, "coordinator", own_tasks)
    assert f"{last} - Samordna familjecentralens språkcafé" in text
    assert "språkcafé" not in rendered(tmp_path, pack, "coordinator")


def test_the_recommendation_is_guidance_in_a_draft_only(tmp_path: Path) -> None:
    text = rendered(tmp_path, "jamtland", "coordinator", draft=True)
    assert "::: guidance Riktlinjens bilaga 2 rekommenderar arbetsuppgifter" in text
    assert "Det är dock av största vikt att överenskomma om vilka arbetsuppgifter som ska ingå vid just er " \
        "familjecentral utifrån de behov som föreligger hos er." in text


# ---- point 2: a party that pays is a party: listed, in the group, signing ------------------------


def test_vivallas_library_pays_and_is_therefore_a_party_everywhere(tmp_path: Path) -> None:
    agreement = rendered(tmp_path, "orebro", "agreement")
    assert "| Vivalla bibliotek | Örebro kommun | 212000-1850 |" in agreement  # avtalsparter
    assert "| Jonas Åberg | Bibliotekschef | Vivalla bibliotek |" in agreement  # ledningsgruppen
    assert "| Vivalla bibliotek | Örebro kommun | 16,67 % | 53 333 kr | 10 000 kr |" in agreement
    assert "- För Vivalla bibliotek Namn: Jonas Åberg Titel: Bibliotekschef" in agreement
    assert "samverkar även" not in agreement
    coordinator = rendered(tmp_path, "orebro", "coordinator")
    assert "| Vivalla bibliotek | Örebro kommun | Jonas Åberg | Bibliotekschef |" in coordinator
    assert "- För Vivalla bibliotek Namn: Jonas Åberg Titel: Bibliotekschef" in coordinator


def _other_actor(data: Any) -> None:
    """A folktandvård that takes part without being a party: outside every group, not signing."""
    region = next(p for p in data["principals"] if p["kind"] == "region")
    data["services"].append({
        "id": "ftv", "type": "folktandvard", "name": "Folktandvården Centrum", "principal": region["id"],
        "signs": False, "manager": {"name": "Eva Tand", "title": "Klinikchef"},
    })


@pytest.mark.parametrize("pack", sorted(PACK_EXAMPLE))
def test_an_other_actor_is_no_party_in_any_document(tmp_path: Path, pack: str) -> None:
    for document in DOCUMENTS:
        text = rendered(tmp_path, pack, document, _other_actor)
        assert "| Folktandvården Centrum |" not in text, (pack, document)  # no party, group or cost row
        assert "För Folktandvården Centrum" not in text, (pack, document)
        assert "Eva Tand" not in text, (pack, document)
    if pack != "jamtland":  # Jämtland's Bilaga 1 has no passage on other actors
        agreement = rendered(tmp_path, pack, "agreement", _other_actor)
        centre = {"orebro": "Familjecentralen Vivalla", "varmland": "Familjeträffen Rud"}[pack]
        assert f"Om samverkan sker med andra parter regleras detta i en gemensam verksamhetsplan. I {centre} " \
            "samverkar även Folktandvården Centrum." in agreement


# ---- point 5: the report names the year it reports and the year it plans -----------------------


@pytest.mark.parametrize(
    ("pack", "title"),
    [("orebro", "# Verksamhetsberättelse 2026 och verksamhetsplan 2027 "),
     ("jamtland", "# Verksamhetsberättelse 2026 och verksamhetsplan 2027 "),
     ("varmland", "# Verksamhetsberättelse 2027 och verksamhetsplan 2028 ")],
)
def test_the_reports_title_names_both_years(tmp_path: Path, pack: str, title: str) -> None:
    assert rendered(tmp_path, pack, "report").startswith(title)


# ---- point 9: genitive chains --------------------------------------------------------------------


def test_jamtlands_report_names_the_administrations_in_a_genitive_chain(tmp_path: Path) -> None:
    text = rendered(tmp_path, "jamtland", "report")
    assert "inom Region Jämtland Härjedalen och Östersunds kommuns social- och arbetsmarknadsförvaltnings " \
        "och barn- och utbildningsförvaltnings (öppen förskola) ansvarsområden." in text
    assert "förvaltningens" not in text


def test_one_administration_owns_one_ansvarsomrade(tmp_path: Path) -> None:
    def no_social(data: Any) -> None:
        data["services"] = [s for s in data["services"] if s["type"] != "forebyggande_socialtjanst"]
        data["centre"]["kind"] = "familjecentralsliknande"
        for key in ("steering_group", "management_group"):
            group = data["governance"][key]
            group["members"] = [m for m in group["members"] if m != "socialtjanst"]
        data["economy"]["rotation"] = [m for m in data["economy"]["rotation"] if m != "socialtjanst"]

    text = rendered(tmp_path, "jamtland", "report", no_social)
    assert "och Östersunds kommuns barn- och utbildningsförvaltnings (öppen förskola) ansvarsområde." in text


def test_jamtlands_parties_clause_keeps_the_administrations_indefinite(tmp_path: Path) -> None:
    text = rendered(tmp_path, "jamtland", "agreement")
    assert "Mellan Östersunds kommuns barn- och utbildningsförvaltning, social- och arbetsmarknadsförvaltning och " \
        "kultur- och fritidsförvaltning, och Region Jämtland Härjedalen, primärvård i Östersunds sjukvårdsområde " \
        "(Hälsocentralen Lugnvik)" in text


# ---- point 6: what a derived pack infers is not stated as fact ----------------------------------


def _varmland_pack(tmp_path: Path, change: Callable[[Any], None]) -> Callable[[Any], None]:
    """A copy of the Värmland pack with *change* applied to its pack.yaml; returns a centre change."""
    import shutil

    from helpers import ROOT

    # a folder of its own per change: fc caches a pack by its folder
    copy = tmp_path / f"varmland-pack-{len(list(tmp_path.glob('varmland-pack-*')))}"
    shutil.copytree(ROOT / "templates" / "varmland", copy)
    config = YAML().load((copy / "pack.yaml").read_text(encoding="utf-8"))
    change(config)
    with (copy / "pack.yaml").open("w", encoding="utf-8") as handle:
        YAML().dump(config, handle)

    def use(data: Any) -> None:
        data["pack"] = str(copy)

    return use


def test_orebros_framework_comes_from_its_pack(tmp_path: Path) -> None:
    assert "Utgångspunkt för lokalt avtal är Överenskommelse om samverkan för familjecentral mellan Region Örebro " \
        "län och länets kommuner (21 september 2018)." in rendered(tmp_path, "orebro", "agreement")


def test_varmlands_unknown_framework_is_not_cited_and_validate_says_so(tmp_path: Path) -> None:
    from helpers import run_fc

    agreement = rendered(tmp_path, "varmland", "agreement")
    assert "samverkansavtal för familjecentraler" not in agreement
    assert "Utgångspunkt för det lokala avtalet" not in agreement
    assert "- Parterna åtar sig att utveckla Familjeträffen Rud i enlighet med uppdraget i detta avtal " \
        "- Gemensam samordnare" in agreement
    intent = rendered(tmp_path, "varmland", "intent")
    assert "avser att aktivt arbeta för att i samverkan inrätta Familjeträffen Rud" in intent
    draft = rendered(tmp_path, "varmland", "agreement", draft=True)
    assert "Utgångspunkt för det lokala avtalet är [[fyll i: regionens samverkansavtal, titel och datum " \
        "(pack.yaml: regional_agreement)]]{.placeholder}" in draft
    result = run_fc("validate", EXAMPLES / "rud" / "centre.yaml")
    assert result.stdout.splitlines()[0].endswith(
        "centre.yaml:98:1: warning: agreement: avtalet i mallpaketet 'varmland' utgår från Region Värmlands och "
        "kommunernas överenskommelse, men paketet har inte dess titel och datum – regionen fyller i "
        "regional_agreement (title, date) i paketets pack.yaml, eller skriv överenskommelsens titel och datum "
        "under agreement.regional_agreement; till dess nämner avtalet den inte [regional-agreement]"
    )


def test_a_framework_the_region_fills_in_is_cited_with_its_date(tmp_path: Path) -> None:
    def fill_in(config: Any) -> None:
        config["regional_agreement"] = {"title": "Överenskommelse om familjecentraler i Värmland", "date": "2023-05-04"}

    text = rendered(tmp_path, "varmland", "agreement", _varmland_pack(tmp_path, fill_in))
    assert "Utgångspunkt för det lokala avtalet är Överenskommelse om familjecentraler i Värmland (4 maj 2023), " \
        "som anger mål och ansvarsfördelning" in text


def test_derived_commitments_bind_only_when_the_region_confirms_them(tmp_path: Path) -> None:
    commitment = "- Förlägga hela den ordinarie verksamheten vid Barnavårdscentralen Rud till Familjeträffen Rud (samlokalisering)"
    network = "Samordnaren och medarbetarna deltar i de länsgemensamma nätverken"
    final = rendered(tmp_path, "varmland", "agreement")
    assert commitment not in final and network not in final and "Härlett åtagande" not in final
    draft = rendered(tmp_path, "varmland", "agreement", draft=True)
    assert "::: guidance Härlett åtagande, ännu inte bekräftat av regionen (pack.yaml: derived.samlokalisering): " \
        "\"Förlägga hela den ordinarie verksamheten vid Barnavårdscentralen Rud" in draft
    assert "(pack.yaml: derived.natverk)" in draft

    def confirm(config: Any) -> None:
        config["derived"] = {"samlokalisering": True, "natverk": True}

    confirmed = rendered(tmp_path, "varmland", "agreement", _varmland_pack(tmp_path, confirm))
    assert commitment in confirmed and network in confirmed
    assert "Samordnaren deltar i de länsgemensamma nätverken" in rendered(
        tmp_path, "varmland", "coordinator", _varmland_pack(tmp_path, confirm))

    def drop(config: Any) -> None:
        config["derived"] = {"samlokalisering": False, "natverk": False}

    dropped = rendered(tmp_path, "varmland", "agreement", _varmland_pack(tmp_path, drop), draft=True)
    assert commitment not in dropped and "Härlett åtagande" not in dropped


# ---- point 10: the seed's sentences, in the seed's order, with nothing invented between ---------


def test_jamtlands_group_sections_keep_the_seed_text_together(tmp_path: Path) -> None:
    text = rendered(tmp_path, "jamtland", "agreement")
    order = [
        "Styrgruppen utgörs av:",
        "Styrgruppen ansvarar för att:",
        "Styrgrupp för familjecentralerna i Östersunds kommun består av:",
        "### Ledningsgrupp vid Familjecentralen Lugnvik För ledning av den dagliga verksamheten svarar en ledningsgrupp",
        "Genom god samverkan visa på vikten av samverkan med alla professioner",
        "Ledningsgruppen ansvarar för att:",
        "Ledningsgrupp för Familjecentralen Lugnvik består av:",
        "### Samordnare",
    ]
    positions = [text.index(sentence) for sentence in order]
    assert positions == sorted(positions)
    # the seed's list runs straight into its paragraph, no data in between
    assert "- Öppna förskolan vid Familjecentralen Lugnvik i Östersunds kommun. Genom god samverkan" in text


def test_jamtland_adds_no_sentence_of_its_own_for_a_familjecentralsliknande_verksamhet(tmp_path: Path) -> None:
    def fclv(data: Any) -> None:
        data["centre"]["kind"] = "familjecentralsliknande"
        data["centre"]["target_group"]["extension_7_plus"] = True

    text = rendered(tmp_path, "jamtland", "agreement", fclv)
    assert "Med familjecentral avses även familjecentralsliknande verksamhet." in text
    assert "Det som i avtalet sägs om familjecentralen" not in text
    assert "Samverkan sker då mellan socialtjänst med inriktning mot förebyggande arbete, skolans elevhälsa, " \
        "ungdomsmottagning och andra aktörer. Familjecentralen ska i största möjliga utsträckning" in text
    assert "under barnets hela uppväxt" not in text
