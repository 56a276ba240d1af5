"""fc_cli/swedish.py: counted phrases agree in number and gender; genitive chains."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from fc_cli.swedish import counted, genitive, indefinite, plural_of
from fc_cli.templating.escape import Placeholder


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "en månad"), (2, "två månader"), (12, "tolv månader"), (13, "13 månader"), (0, "noll månader")],
)
def test_a_common_gender_noun_agrees_with_its_number(n: int, expected: str) -> None:
    assert counted(n, "månad", "månader") == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "ett identiskt exemplar"), (2, "två identiska exemplar"), (12, "tolv identiska exemplar")],
)
def test_a_neuter_noun_takes_ett_and_its_adjective_agrees(n: int, expected: str) -> None:
    assert counted(n, "identiskt exemplar", "identiska exemplar", neuter=True) == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "1 månad"), (2, "2 månader"), (12, "12 månader")])
def test_digits_keep_the_agreement(n: int, expected: str) -> None:
    assert counted(n, "månad", "månader", digits=True) == expected


def test_a_missing_value_passes_through() -> None:
    assert counted(None, "gång", "gånger") is None


def test_a_draft_placeholder_keeps_its_noun() -> None:
    phrase = counted(Placeholder("fyll i: antal"), "gång", "gånger")
    assert not phrase
    assert Markup(phrase.__html__()) == "[\\[fyll i: antal\\]]{.placeholder} gånger"


def test_the_owned_noun_is_plural_after_several_owners() -> None:
    assert plural_of(["a"], "ansvarsområde", "ansvarsområden") == "ansvarsområde"
    assert plural_of(["a", "b"], "ansvarsområde", "ansvarsområden") == "ansvarsområden"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Social- och arbetsmarknadsförvaltningen", "social- och arbetsmarknadsförvaltning"),
        ("Barn- och utbildningsförvaltningen", "barn- och utbildningsförvaltning"),
        ("Socialnämnden", "socialnämnd"),
        ("Hälsocentralen Lugnvik", "Hälsocentralen Lugnvik"),
        ("Primärvården", "primärvården"),
    ],
)
def test_indefinite_drops_only_an_administrations_definite_ending(name: str, expected: str) -> None:
    assert indefinite(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Örebro kommun", "Örebro kommuns"), ("Hagfors kommun", "Hagfors kommuns"), ("Hagfors", "Hagfors"),
     ("socialförvaltning", "socialförvaltnings"), ("Region Jämtland Härjedalen", "Region Jämtland Härjedalens")],
)
def test_genitive(name: str, expected: str) -> None:
    assert genitive(name) == expected


def test_the_filters_are_registered_for_templates() -> None:
    from fc_cli.templating.helpers import FILTERS

    assert {"counted", "plural_of", "indefinite", "genitive", "group_word"} <= set(FILTERS)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Ledningsgrupp för Familjecentralen Lugnvik", "ledningsgruppen"), ("Styrgrupp", "styrgruppen"),
     ("Ledningsgrupp/styrgrupp", "ledningsgruppen/styrgruppen"), ("Familjecentralsrådet", "ledningsgruppen"),
     (None, "ledningsgruppen")],
)
def test_a_group_is_named_by_its_own_word(name: str | None, expected: str) -> None:
    from fc_cli.swedish import group_word

    assert group_word(name) == expected


def test_the_genitive_of_a_double_group_word() -> None:
    assert genitive("ledningsgruppen/styrgruppen") == "ledningsgruppens/styrgruppens"
