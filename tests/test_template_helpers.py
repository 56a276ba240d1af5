"""The helpers for Örebro's, Värmland's and the tutorial's templates (fc_cli/templating/helpers.py,
"# ---- orebro, varmland" block): what each gives a template, rendered through fc render."""

from __future__ import annotations

from pathlib import Path

from test_sandbox import rendered_text


def _text(tmp_path: Path, body: str) -> str:
    return rendered_text(tmp_path, body).removeprefix("# Prov\n\n")


def test_an_optional_sentence_keeps_its_paragraph(tmp_path: Path) -> None:
    body = ("{{ centre.name }} finns.\n"
            "{%- if centre.catchment_area %} Upptagningsområdet är {{ centre.catchment_area }}.{% endif +%}\n"
            "{%- if centre.healthcare_area %} Den hör till {{ centre.healthcare_area }}.{% endif +%}\n"
            "Sista meningen.\n")
    assert _text(tmp_path, body) == "Familjecentralen Test finns. Upptagningsområdet är Testområdet.\nSista meningen.\n\n"


def test_party_signers_label_by_role_and_order_by_the_roles(tmp_path: Path) -> None:
    body = ('{% for s in party_signers(data, roles={"oppen_forskola": "Chef för öppna förskolan"}) '
            '+ party_signers(data, principal=true) + principal_signers(data) %}'
            '{{ s.label }} | {{ s.name }} | {{ s.organisation or "–" }}\n{% endfor %}')
    assert _text(tmp_path, body).splitlines() == [
        "Chef för öppna förskolan | Ahmed Yusuf | Öppna förskolan Test",  # the roles' types first
        "För Barnavårdscentralen Test | Maria Ek | –",
        "För Barnavårdscentralen Test | Maria Ek | Region Örebro län",
        "För Öppna förskolan Test | Ahmed Yusuf | Örebro kommun",
        # no principal has a signatory of its own: principal_signers gives none
    ]


def test_words_for_the_services(tmp_path: Path) -> None:
    body = ('{{ type_words(services, {"barnhalsovard": "barnhälsovård"}) | join(", ") }}; '
            '{{ words_of_types(data, {"barnmorskemottagning": "mödrahälsovård", "oppen_forskola": "öppen förskola", '
            '"barnhalsovard": "barnhälsovård"}) | join(", ") }}; {{ non_base_services(data) | length }}')
    assert _text(tmp_path, body) == "barnhälsovård, öppen förskola; öppen förskola, barnhälsovård; 0\n"


def test_statistics_rows_leave_out_what_the_data_or_the_text_has_not(tmp_path: Path) -> None:
    # the base centre has no statistics: no row is made up for a field the data leaves empty
    body = ('{{ statistics_rows(report.statistics, {"visits": "Besök", "expectant_parents": none}) | length }}')
    assert _text(tmp_path, body) == "0\n"


def test_statistics_rows_write_numbers_as_the_pack_does() -> None:
    from types import SimpleNamespace

    from fc_cli.templating.parties import _statistics_rows

    stats = SimpleNamespace(visits=12345, expectant_parents=None, enrolled_children=7,
                            other=[SimpleNamespace(label="Timmar", value=2.5), SimpleNamespace(label="Grupper", value=1200)])
    labels = {"enrolled_children": "Inskrivna barn", "visits": "Besök", "expectant_parents": "Gravida"}
    assert _statistics_rows(stats, labels) == [
        ["Inskrivna barn", "7"], ["Besök", "12\u00a0345"], ["Timmar", "2,50"], ["Grupper", "1\u00a0200"]]
    assert _statistics_rows(stats, {"visits": "Besök", "enrolled_children": None}, places=1, thousands=" ") == [
        ["Besök", "12 345"], ["Timmar", "2,5"], ["Grupper", "1 200"]]
