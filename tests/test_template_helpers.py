"""The helpers for the packs' parties, signatories, words and rows (fc_cli/templating/parties.py):
what each gives a template, rendered through fc render, and each parameter on the model directly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from test_sandbox import rendered_text

from fc_cli.model import CentreFile
from fc_cli.templating import parties
from fc_cli.templating.helpers import Signatory


def _text(tmp_path: Path, body: str) -> str:
    return rendered_text(tmp_path, body).removeprefix("# Prov\n\n")


def test_an_optional_sentence_keeps_its_paragraph(tmp_path: Path) -> None:
    body = ("{{ centre.name }} finns.\n"
            "{%- if centre.catchment_area %} Upptagningsområdet är {{ centre.catchment_area }}.{% endif +%}\n"
            "{%- if centre.healthcare_area %} Den hör till {{ centre.healthcare_area }}.{% endif +%}\n"
            "Sista meningen.\n")
    assert _text(tmp_path, body) == "Familjecentralen Test finns. Upptagningsområdet är Testområdet.\nSista meningen.\n\n"


def test_the_signatories_as_a_template_calls_them(tmp_path: Path) -> None:
    body = ('{% for s in manager_signatories(data, roles={"oppen_forskola": "Chef för öppna förskolan"}) '
            '+ manager_signatories(data, organisation="principal") + principal_signatories(data) '
            '+ coordinator_signatories(data, "Samordnare för " ~ centre.name) %}'
            '{{ s.label }} | {{ s.name }} | {{ s.title or "–" }} | {{ s.organisation or "–" }}\n{% endfor %}')
    assert _text(tmp_path, body).splitlines() == [
        "Chef för öppna förskolan | Ahmed Yusuf | Enhetschef | Öppna förskolan Test",  # the roles' types first
        "För Barnavårdscentralen Test | Maria Ek | Verksamhetschef BVC | –",
        "För Barnavårdscentralen Test | Maria Ek | Verksamhetschef BVC | Region Örebro län",
        "För Öppna förskolan Test | Ahmed Yusuf | Enhetschef | Örebro kommun",
        # no principal has a signatory of its own: principal_signatories gives none
        "Samordnare | Sara Berg | Samordnare för Familjecentralen Test | Öppna förskolan Test",
    ]


def test_words_for_the_services(tmp_path: Path) -> None:
    body = ('{{ service_words(data, {"barnhalsovard": "barnhälsovård"}) | join(", ") }}; '
            '{{ service_words(data, {"barnmorskemottagning": "mödrahälsovård", "oppen_forskola": "öppen förskola", '
            '"barnhalsovard": "barnhälsovård"}, file_order=false) | join(", ") }}; {{ non_base_services(data) | length }}')
    assert _text(tmp_path, body) == "barnhälsovård; öppen förskola, barnhälsovård; 0\n"


# ---- each parameter, on the model directly ----------------------------------------------------


def _service(id_: str, type_: str, name: str, principal: str, manager: str, title: str, **more: Any) -> dict:
    return {"id": id_, "type": type_, "name": name, "principal": principal,
            "manager": {"name": manager, "title": title}, **more}


def _centre(services: list[dict] | None = None, **sections: Any) -> CentreFile:
    """Region Norrvik and Norrviks kommun with a BVC and an open preschool (unless *services*), and
    *sections* replacing the file's sections."""
    data: dict[str, Any] = {
        "schema_version": 1, "pack": "orebro",
        "centre": {"name": "Familjecentralen Test", "kind": "familjecentral", "municipality": "Norrvik", "region": "Region Norrvik"},
        "principals": [
            {"id": "region", "kind": "region", "name": "Region Norrvik",
             "administrations": [{"id": "hc", "name": "Hälsocentralen Test"}]},
            {"id": "kommun", "kind": "kommun", "name": "Norrviks kommun"},
        ],
        "services": services if services is not None else [
            _service("bvc", "barnhalsovard", "BVC Test", "region", "Maria Ek", "Verksamhetschef"),
            _service("of", "oppen_forskola", "Öppna förskolan Test", "kommun", "Ahmed Yusuf", "Enhetschef"),
        ],
        "coordinator": {"name": "Sara Berg", "profession": "Socionom", "employer": "of"},
    }
    data.update(sections)
    return CentreFile.model_validate(data)


def _rows(signatories: list[Signatory]) -> list[tuple[Any, ...]]:
    return [(s.label, s.name, s.title, None if s.organisation is None else str(s.organisation)) for s in signatories]


_FOUR = [
    _service("bvc", "barnhalsovard", "BVC Test", "region", "Maria Ek", "Verksamhetschef", administration="hc"),
    _service("of", "oppen_forskola", "Öppna förskolan Test", "kommun", "Ahmed Yusuf", "Enhetschef"),
    _service("bmm", "barnmorskemottagning", "BMM Test", "region", "Maria Ek", "Verksamhetschef"),
    _service("bib", "bibliotek", "Biblioteket Test", "kommun", "Tomas Jonsson", "Bibliotekschef"),
]


def test_manager_signatories_for_the_service_or_the_principal_with_an_organisation_line_as_asked() -> None:
    data = _centre()
    assert _rows(parties.manager_signatories(data)) == [
        ("För BVC Test", "Maria Ek", "Verksamhetschef", None),
        ("För Öppna förskolan Test", "Ahmed Yusuf", "Enhetschef", None)]
    assert _rows(parties.manager_signatories(data, signs_for="principal", organisation="principal")) == [
        ("För Region Norrvik", "Maria Ek", "Verksamhetschef", "Region Norrvik"),
        ("För Norrviks kommun", "Ahmed Yusuf", "Enhetschef", "Norrviks kommun")]
    # the place: the administration (else the service) and the principal ...
    assert [s.organisation for s in parties.manager_signatories(_centre(_FOUR[:2]), organisation="place")] == [
        "Hälsocentralen Test, Region Norrvik", "Öppna förskolan Test, Norrviks kommun"]
    # ... for a region's service the centre's healthcare area, when it has one
    centre = {"name": "Familjecentralen Test", "kind": "familjecentral", "municipality": "Norrvik",
              "region": "Region Norrvik", "healthcare_area": "Norrviks sjukvårdsområde"}
    assert [s.organisation for s in parties.manager_signatories(_centre(_FOUR[:2], centre=centre),
                                                                organisation="place")] == [
        "Hälsocentralen Test, Norrviks sjukvårdsområde", "Öppna förskolan Test, Norrviks kommun"]


def test_manager_signatories_sign_for_the_parties_that_sign_or_the_services_given() -> None:
    services = [*_FOUR[:2], {**_FOUR[2], "signs": False}, _FOUR[3]]
    group = {"name": "Ledningsgrupp", "members": ["of", "bvc", "bmm"]}
    data = _centre(services, governance={"management_group": group})
    # BMM does not sign, the library is an other actor (not in the centre's group)
    assert [s.label for s in parties.manager_signatories(data)] == ["För BVC Test", "För Öppna förskolan Test"]
    # services given are taken as they are, in their order
    given = [data.service("bib"), data.service("bvc")]
    assert [s.label for s in parties.manager_signatories(data, services=given)] == [
        "För Biblioteket Test", "För BVC Test"]


def test_manager_signatories_by_role_come_first_in_the_roles_order_and_name_their_service() -> None:
    data = _centre(_FOUR)
    roles = {"barnmorskemottagning": "Verksamhetschef BMM", "barnhalsovard": "Verksamhetschef BVC"}
    assert _rows(parties.manager_signatories(data, roles=roles)) == [
        ("Verksamhetschef BMM", "Maria Ek", "Verksamhetschef", "BMM Test"),
        ("Verksamhetschef BVC", "Maria Ek", "Verksamhetschef", "BVC Test"),
        ("För Öppna förskolan Test", "Ahmed Yusuf", "Enhetschef", None),  # then the rest in the file's order
        ("För Biblioteket Test", "Tomas Jonsson", "Bibliotekschef", None)]
    assert _rows(parties.manager_signatories(data, roles=roles, organisation="principal"))[:2] == [
        ("Verksamhetschef BMM", "Maria Ek", "Verksamhetschef", "Region Norrvik"),
        ("Verksamhetschef BVC", "Maria Ek", "Verksamhetschef", "Region Norrvik")]


def test_a_manager_of_several_services_signs_once() -> None:
    data = _centre(_FOUR)
    assert _rows(parties.manager_signatories(data, signs_for="principal", organisation="place",
                                             one_per_manager=True)) == [
        ("För Region Norrvik", "Maria Ek", "Verksamhetschef", "Hälsocentralen Test, Region Norrvik"),
        ("För Norrviks kommun", "Ahmed Yusuf", "Enhetschef", "Öppna förskolan Test, Norrviks kommun"),
        ("För Norrviks kommun", "Tomas Jonsson", "Bibliotekschef", "Biblioteket Test, Norrviks kommun")]
    roles = {"barnhalsovard": "Verksamhetschef BVC", "barnmorskemottagning": "Verksamhetschef BMM",
             "oppen_forskola": "Chef för öppna förskolan"}
    # a role's label names each further service: by its word in joined, else by its type's name
    assert [s.label for s in parties.manager_signatories(data, roles=roles, one_per_manager=True,
                                                        joined={"barnmorskemottagning": "BMM"})] == [
        "Verksamhetschef BVC och BMM", "Chef för öppna förskolan", "För Biblioteket Test"]
    assert [s.label for s in parties.manager_signatories(data, roles=roles, one_per_manager=True)][0] == (
        "Verksamhetschef BVC och barnmorskemottagning (mödrahälsovård)")
    # the roles' services only, as Jämtland's intent asks for them
    assert [s.label for s in parties.manager_signatories(data, services=data.services_of_type(*roles), roles=roles,
                                                        one_per_manager=True)] == [
        "Verksamhetschef BVC och barnmorskemottagning (mödrahälsovård)", "Chef för öppna förskolan"]


def test_principal_signatories_for_the_principals_with_a_signatory() -> None:
    principals = [
        {"id": "region", "kind": "region", "name": "Region Norrvik"},
        {"id": "kommun", "kind": "kommun", "name": "Socialnämnden", "acting_for": {"name": "Norrviks kommun"},
         "signatory": {"name": "Eva Holm", "title": "Ordförande"}},
    ]
    data = _centre(principals=principals)
    assert _rows(parties.principal_signatories(data)) == [("För Socialnämnden", "Eva Holm", "Ordförande", None)]
    assert _rows(parties.principal_signatories(data, acting_for=True, organisation=True)) == [
        ("För Socialnämnden, Norrviks kommun", "Eva Holm", "Ordförande", "Socialnämnden")]
    # an empty or repeated principal is skipped, one without a signatory gives none
    region, committee = data.principals
    assert _rows(parties.principal_signatories(data, [committee, None, region, committee])) == [
        ("För Socialnämnden", "Eva Holm", "Ordförande", None)]
    # the committee's service signs: it does not sign for itself too, unless its manager does not sign
    assert parties.principal_signatories(data, data.principals_signing_for_themselves) == []
    services = [_FOUR[0], {**_FOUR[1], "signs": False}]
    unsigned = _centre(services, principals=principals)
    assert _rows(parties.principal_signatories(unsigned, unsigned.principals_signing_for_themselves)) == [
        ("För Socialnämnden", "Eva Holm", "Ordförande", None)]


def test_coordinator_signatories() -> None:
    data = _centre()
    assert _rows(parties.coordinator_signatories(data)) == [("Samordnare", "Sara Berg", "Socionom", "Öppna förskolan Test")]
    assert _rows(parties.coordinator_signatories(data, "Samordnare för Familjecentralen Test", named_only=True)) == [
        ("Samordnare", "Sara Berg", "Samordnare för Familjecentralen Test", "Öppna förskolan Test")]
    unemployed = _centre(coordinator={"name": "Sara Berg"})
    assert _rows(parties.coordinator_signatories(unemployed)) == [("Samordnare", "Sara Berg", None, None)]
    assert _rows(parties.coordinator_signatories(unemployed, without_employer="Familjecentralen Test")) == [
        ("Samordnare", "Sara Berg", None, "Familjecentralen Test")]
    # no coordinator named yet: a cell to fill in by hand, or with named_only none
    unnamed = _centre(coordinator={"employer": "of"})
    assert _rows(parties.coordinator_signatories(unnamed)) == [("Samordnare", None, None, "Öppna förskolan Test")]
    assert parties.coordinator_signatories(unnamed, named_only=True) == []


def test_the_centres_group_with_and_without_members() -> None:
    group = {"name": "Ledningsgrupp", "members": ["of", "bvc"], "other_members": [{"name": "Per Eriksson", "title": "Sektorchef"}]}
    data = _centre(governance={"management_group": group})
    assert [s.id for s in parties.group_services(data)] == ["of", "bvc"]
    assert [s.id for s in parties.group_services(data, file_order=True)] == ["bvc", "of"]
    assert parties.group_party_rows(data, "Övriga") == [
        ["Öppna förskolan Test", "Norrviks kommun", "Ahmed Yusuf", "Enhetschef"],
        ["BVC Test", "Region Norrvik", "Maria Ek", "Verksamhetschef"],
        ["Övriga", "", "Per Eriksson", "Sektorchef"]]
    assert _rows(parties.other_member_signatories(data, "För ledningsgruppen")) == [
        ("För ledningsgruppen", "Per Eriksson", "Sektorchef", None)]
    # a group without members, or none at all: every party whose manager signs, no other members
    for sections in ({"governance": {"management_group": {"name": "Ledningsgrupp"}}}, {}):
        alone = _centre([*_FOUR[:2], {**_FOUR[3], "signs": False}], **sections)
        assert [s.id for s in parties.group_services(alone)] == ["bvc", "of"]
        assert parties.group_party_rows(alone, "Övriga") == [
            ["BVC Test", "Region Norrvik", "Maria Ek", "Verksamhetschef"],
            ["Öppna förskolan Test", "Norrviks kommun", "Ahmed Yusuf", "Enhetschef"]]
        assert parties.other_member_signatories(alone, "För ledningsgruppen") == []


def test_service_words_each_kind_once_in_the_services_or_the_words_order() -> None:
    data = _centre([*_FOUR[:2], {**_FOUR[0], "id": "bvc2", "name": "BVC Två"}, _FOUR[3]])
    words = {"oppen_forskola": "öppen förskola", "barnmorskemottagning": "mödrahälsovård", "barnhalsovard": "barnhälsovård"}
    assert parties.service_words(data, words) == ["barnhälsovård", "öppen förskola"]
    assert parties.service_words(data, words, others=True) == ["barnhälsovård", "öppen förskola", "bibliotek"]
    assert parties.service_words(data, words, file_order=False) == ["öppen förskola", "barnhälsovård"]
    assert parties.service_words(data, words, file_order=False, others=True) == [
        "öppen förskola", "barnhälsovård", "bibliotek"]
    given = [data.service("bib"), data.service("of")]
    assert parties.service_words(data, words, services=given) == ["öppen förskola"]
    assert parties.service_words(data, words, services=given, others=True) == ["bibliotek", "öppen förskola"]


def test_month_rows_name_the_month_once() -> None:
    assert parties.month_rows([("Januari", [("Planera", "Samordnare"), ("Följa upp", "Ledningsgruppen")]),
                               ("Februari", [])]) == [
        ["Januari", "Planera", "Samordnare"], ["", "Följa upp", "Ledningsgruppen"], ["Februari", "", ""]]


def test_statistics_rows_leave_out_what_the_data_or_the_text_has_not(tmp_path: Path) -> None:
    # the base centre has no statistics: no row is made up for a field the data leaves empty
    body = ('{{ statistics_rows(report.statistics, {"visits": "Besök", "expectant_parents": none}) | length }}')
    assert _text(tmp_path, body) == "0\n"


def test_statistics_rows_write_numbers_as_the_pack_does() -> None:
    from types import SimpleNamespace

    stats = SimpleNamespace(visits=12345, expectant_parents=None, enrolled_children=7,
                            other=[SimpleNamespace(label="Timmar", value=2.5), SimpleNamespace(label="Grupper", value=1200)])
    labels = {"enrolled_children": "Inskrivna barn", "visits": "Besök", "expectant_parents": "Gravida"}
    assert parties.statistics_rows(stats, labels) == [
        ["Inskrivna barn", "7"], ["Besök", "12\u00a0345"], ["Timmar", "2,50"], ["Grupper", "1\u00a0200"]]
    assert parties.statistics_rows(stats, {"visits": "Besök", "enrolled_children": None}, places=1, thousands=" ") == [
        ["Besök", "12 345"], ["Timmar", "2,5"], ["Grupper", "1 200"]]
