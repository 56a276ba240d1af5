"""The results files beside a centre file (fc_cli/results/files.py, survey.py): each kind of bad
input is an exact Swedish message at FILE:LINE:COL with its key path, and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import EXAMPLES, run_fc

ALL_IDS = (
    "halsoframjande-arena, barnkonventionen, resurs-utat, gruppdynamik, bekraftelse, foraldrar-resurs, "
    "anknytning-generellt, anknytning-riktad, tillganglighet-oppna-forskolan, tillganglighet, varandras-kompetens, "
    "barn-och-foraldraskap, samspel, sprakinlarning, kulturellt-utbyte, tidigt-stod, mhv-identifierar, mhv-slussar, "
    "bhv-identifierar, bhv-slussar, kurator-nar, kurator-slussar, oppna-forskolan-uppmarksammar, "
    "oppna-forskolan-slussar, deltagande, information, forutsattningar, samverkansavtalet, gemensamma-mal, uppfoljning"
)
SAVE_AS = "spara den i Excel med 'Spara som' och filformatet 'CSV UTF-8 (kommaavgränsad) (*.csv)'"
SURVEY_FILE = "parent_survey:\n  file: enkat.csv\n"


@pytest.fixture()
def centre(tmp_path: Path) -> Path:
    """A folder with Lugnvik's centre file (Jämtland's pack) and no results yet."""
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(EXAMPLES / "lugnvik" / "centre.yaml", folder / "centre.yaml")
    return folder


def check(folder: Path, results: str, csv: bytes | None = None) -> list[str]:
    """`fc validate` and `fc render report` of the centre with *results* (and *csv*): the findings;
    asserts that render refuses and writes nothing."""
    (folder / "rapport-2026.yaml").write_text(results, encoding="utf-8")
    if csv is not None:
        (folder / "enkat.csv").write_bytes(csv)
    validated = run_fc("validate", "c", cwd=folder.parent)
    lines = validated.stdout.splitlines()
    if any(": error: " in line for line in lines):
        assert validated.exit_code == 1
        before = sorted(p.name for p in folder.iterdir())
        rendered = run_fc("render", "report", "c", cwd=folder.parent)
        assert rendered.exit_code == 1
        assert "inga dokument skrevs" in rendered.stderr
        assert sorted(p.name for p in folder.iterdir()) == before
    return lines[:-1]


def test_a_score_outside_the_scale(centre: Path) -> None:
    reflection = "self_reflection:\n  respondents: 8\n  statements:\n    barnkonventionen: {position: 7}\n"
    assert check(centre, reflection) == [
        "c/rapport-2026.yaml:3:3: warning: self_reflection.statements: 29 av instrumentets påståenden saknar "
        f"ställningstagande: {ALL_IDS.replace('barnkonventionen, ', '')} – lägg till dem, så visar rapporten hela "
        "profilen [results-missing]",
        "c/rapport-2026.yaml:4:34: error: self_reflection.statements.barnkonventionen.position: 7 ligger utanför "
        "skalan 1–5 (1 = Fungerar, 5 = Behöver utvecklas) – skriv gruppens ställningstagande som ett heltal från 1 "
        "till 5 [results-scale]",
    ]


def test_a_statement_the_pack_does_not_have(centre: Path) -> None:
    assert check(centre, "self_reflection:\n  statements:\n    barnkonvention: {position: 2}\n") == [
        f"c/rapport-2026.yaml:2:3: warning: self_reflection.statements: 30 av instrumentets påståenden saknar "
        f"ställningstagande: {ALL_IDS} – lägg till dem, så visar rapporten hela profilen [results-missing]",
        "c/rapport-2026.yaml:3:5: error: self_reflection.statements.barnkonvention: påståendet 'barnkonvention' "
        "finns inte i mallpaketets självreflektion – menade du 'barnkonventionen'? id:na står under self_reflection "
        "i paketets pack.yaml (och i templates/README.md) [reference]",
    ]


def test_a_key_inside_a_statement_that_is_not_in_the_format(centre: Path) -> None:
    text = "self_reflection:\n  statements:\n    barnkonventionen: {position: 2, kommentar: bra}\n"
    assert check(centre, text)[-1] == (
        "c/rapport-2026.yaml:3:37: error: self_reflection.statements.barnkonventionen.kommentar: okänd nyckel "
        "'kommentar' – menade du 'comment'? tillåtna nycklar här är: position, respondents, comment [unknown-key]"
    )


def test_a_csv_without_a_column(centre: Path) -> None:
    assert check(centre, SURVEY_FILE, "mål;fråga;1;2;3;4;5\n1;Välkommen;1;2;3;4;5\n".encode()) == [
        "c/enkat.csv:1:1: error: parent_survey.file: kolumnen 'svarande' saknas – enkätfilens första rad ska ha "
        "kolumnerna mål, fråga, svarande och antingen 1, 2, 3, 4, 5 eller medel (den har: mål, fråga, 1, 2, 3, 4, 5) "
        "[survey-file]",
    ]


def test_a_csv_with_tabs_between_the_fields(centre: Path) -> None:
    assert check(centre, SURVEY_FILE, "mål\tfråga\tsvarande\tmedel\n1\tVälkommen\t10\t4,2\n".encode()) == [
        "c/enkat.csv:1:1: error: parent_survey.file: enkätfilens rubrikrad avgränsas med tabb – fältseparatorn ska "
        f"vara semikolon (;) eller komma (,); {SAVE_AS} [survey-file]",
    ]


def test_a_csv_whose_decimal_comma_splits_a_field(centre: Path) -> None:
    assert check(centre, SURVEY_FILE, "mål,fråga,svarande,medel\n1,Välkommen,10,4,2\n".encode()) == [
        "c/enkat.csv:2:1: error: parent_survey.file: raden har 5 fält men rubrikraden 4 – ett fält med ',' i sig "
        "(t.ex. ett decimaltal med komma) står inom citattecken, och varje rad har lika många fält som rubrikraden "
        "[survey-file]",
    ]


def test_a_csv_exported_as_windows_1252(centre: Path) -> None:
    exported = "mål;fråga;svarande;medel\n1;Välkommen;10;4,2\n".encode("cp1252")
    assert check(centre, SURVEY_FILE, exported) == [
        "c/enkat.csv:1:2: error: parent_survey.file: enkätfilen är inte sparad som UTF-8 (byte 0xE5 går inte att "
        "läsa; filen är troligen sparad som Windows-1252/ANSI, Excels vanliga 'CSV') – "
        f"{SAVE_AS} [survey-file]",
    ]


def test_a_csv_saved_as_unicode_text(centre: Path) -> None:
    exported = "mål\tfråga\tsvarande\tmedel\n".encode("utf-16")
    assert check(centre, SURVEY_FILE, exported) == [
        "c/enkat.csv:1:1: error: parent_survey.file: enkätfilen är sparad som UTF-16 ('Unicode' i Anteckningar) (som "
        f"Excels 'Unicode-text'), men fc läser UTF-8 – {SAVE_AS} [survey-file]",
    ]


def test_an_empty_csv(centre: Path) -> None:
    assert check(centre, SURVEY_FILE, b"\n") == [
        "c/enkat.csv:1:1: error: parent_survey.file: enkätfilen är tom – exportera sammanställningen igen, med en "
        "rubrikrad (mål, fråga, svarande, 1–5 eller medel) och en rad per fråga [survey-file]",
    ]


def test_a_csv_with_only_its_header(centre: Path) -> None:
    assert check(centre, SURVEY_FILE, "mål;fråga;svarande;medel\n".encode()) == [
        "c/enkat.csv:1:1: error: parent_survey.file: enkätfilen har bara rubrikraden – lägg till en rad per fråga "
        "[survey-file]",
    ]


def test_a_csv_that_is_not_there(centre: Path) -> None:
    assert check(centre, SURVEY_FILE) == [
        "c/enkat.csv:1:1: error: parent_survey.file: enkätfilen c/enkat.csv finns inte – kontrollera "
        "parent_survey.file (sökvägen är relativ till resultatfilen) [survey-file]",
    ]


@pytest.mark.parametrize("where", ["../enkat.csv", "/etc/passwd"])
def test_a_csv_outside_the_centres_folder_is_not_read(centre: Path, where: str) -> None:
    (centre.parent / "enkat.csv").write_text("mål;fråga;svarande;medel\n", encoding="utf-8")
    assert check(centre, f"parent_survey:\n  file: {where}\n") == [
        f"c/rapport-2026.yaml:2:9: error: parent_survey.file: enkätfilen {where} ligger utanför centrumets mapp – "
        "lägg CSV-filen bredvid resultatfilen (eller i en mapp under den) och skriv sökvägen relativt den [survey-file]",
    ]


def test_a_csv_value_that_is_no_number(centre: Path) -> None:
    assert check(centre, SURVEY_FILE, "mål;fråga;svarande;medel\n1;Välkommen;tio;4,2\n".encode()) == [
        "c/enkat.csv:2:13: error: parent_survey.file: 'tio' i kolumnen 'svarande' ska vara ett heltal [survey-file]",
    ]


def test_an_empty_results_file(centre: Path) -> None:
    assert check(centre, "# bara en kommentar\n") == [
        "c/rapport-2026.yaml:1:1: error: resultatfilen är tom – fyll i årets resultat (formatet står i "
        "templates/README.md, 'Årets resultat') eller ta bort rapport-2026.yaml [yaml]",
    ]


def test_more_answers_than_respondents_in_yaml(centre: Path) -> None:
    survey = ("parent_survey:\n  respondents: 100\n  questions:\n    - goal: 1\n      question: Välkommen\n"
              "      respondents: 10\n      answers: [1, 2, 3, 4, 5]\n")
    assert check(centre, survey) == [
        "c/rapport-2026.yaml:7:16: error: parent_survey.questions[0].answers: frågan 'Välkommen' har 15 svar men "
        "10 svarande – en förälder svarar en gång per fråga: rätta antalet svarande eller svaren [survey-answers]",
    ]


def test_more_answers_than_respondents_in_a_csv(centre: Path) -> None:
    assert check(centre, SURVEY_FILE, "mål;fråga;svarande;1;2;3;4;5\n1;Välkommen;10;1;2;3;4;5\n".encode()) == [
        "c/enkat.csv:2:13: error: parent_survey.file: frågan 'Välkommen' har 15 svar men 10 svarande – en förälder "
        "svarar en gång per fråga: rätta antalet svarande eller svaren [survey-answers]",
    ]


def test_a_question_with_more_respondents_than_the_survey(centre: Path) -> None:
    survey = ("parent_survey:\n  respondents: 20\n  questions:\n    - goal: 1\n      question: Välkommen\n"
              "      respondents: 30\n      mean: 4.2\n")
    assert check(centre, survey) == [
        "c/rapport-2026.yaml:6:20: error: parent_survey.questions[0].respondents: frågan 'Välkommen' har 30 "
        "svarande men enkäten 20 (parent_survey.respondents) – rätta det ena [survey-answers]",
    ]


def test_answers_that_do_not_fit_the_scale(centre: Path) -> None:
    survey = ("parent_survey:\n  questions:\n    - goal: 2\n      question: Nätverk\n      answers: [1, 2, 3]\n"
              "    - goal: 3\n      question: Delaktighet\n      mean: 5.5\n")
    assert check(centre, survey) == [
        "c/rapport-2026.yaml:5:16: error: parent_survey.questions[0].answers: svaren har 3 tal men svarsskalan 5 "
        "steg (1–5) – ett tal per steg, från 1 till 5 [results-scale]",
        "c/rapport-2026.yaml:8:13: error: parent_survey.questions[1].mean: medelvärdet 5,5 ligger utanför "
        "svarsskalan 1–5 – kontrollera sammanställningen [results-scale]",
    ]


def test_a_survey_both_in_a_csv_and_in_yaml(centre: Path) -> None:
    survey = SURVEY_FILE + "  questions:\n    - goal: 1\n      question: Välkommen\n      mean: 4.2\n"
    assert check(centre, survey) == [
        "c/rapport-2026.yaml:3:3: error: parent_survey.questions: enkäten står både i en CSV-fil (file) och här "
        "(questions) – behåll det ena [survey-file]",
    ]


def test_a_quote_not_marked_kvinna_man_or_annan(centre: Path) -> None:
    assert check(centre, "quotes:\n  - text: Bra\n    speaker: kvinnan\n") == [
        "c/rapport-2026.yaml:3:14: error: quotes[0].speaker: 'kvinnan' är inte tillåtet – skriv ett av: 'kvinna', "
        "'man', 'annan' [type]",
    ]


def test_visits_of_a_service_the_centre_does_not_have(centre: Path) -> None:
    assert check(centre, "statistics:\n  visits_by_service: {bvc: 10, bmx: 3}\n") == [
        "c/rapport-2026.yaml:2:32: error: statistics.visits_by_service.bmx: verksamheten 'bmx' finns inte i "
        "centrumfilen – verksamheterna är bmm, bvc, oppen-forskola, socialtjanst, bibliotek [reference]",
    ]


def test_three_goals_for_next_year(centre: Path) -> None:
    goals = "next_goals:\n  - goal: A\n  - goal: B\n  - goal: C\n"
    assert check(centre, goals) == [
        "c/rapport-2026.yaml:2:3: error: next_goals: har 3 mål – verksamhetsplanen har två prioriterade mål; ta bort "
        "de övriga [type]",
    ]


def test_visits_per_month_are_twelve(centre: Path) -> None:
    assert check(centre, "statistics:\n  visits_by_month: [1, 2, 3]\n") == [
        "c/rapport-2026.yaml:2:20: error: statistics.visits_by_month: har 3 tal – skriv tolv, ett per månad från "
        "januari till december [type]",
    ]


def test_a_placeholder_is_not_filled_and_a_draft_renders(centre: Path) -> None:
    text = "self_reflection:\n  respondents: <fyll i>\n  statements:\n    barnkonventionen: {position: 2}\n"
    assert check(centre, text) == [
        "c/rapport-2026.yaml:2:16: error: self_reflection.respondents: är inte ifylld (står som <fyll i>) – antal "
        "svarande i personalgruppen, t.ex. 9 [not-filled]",
        "c/rapport-2026.yaml:3:3: warning: self_reflection.statements: 29 av instrumentets påståenden saknar "
        f"ställningstagande: {ALL_IDS.replace('barnkonventionen, ', '')} – lägg till dem, så visar rapporten hela "
        "profilen [results-missing]",
    ]
    draft = run_fc("render", "report", "c", "--draft", "--format", "md", cwd=centre.parent)
    assert draft.exit_code == 0
    text = (centre / "verksamhetsberattelse-familjecentralen-lugnvik.md").read_text(encoding="utf-8")
    assert "| Barnkonventionen | 2 |" in text


def test_a_file_not_named_by_a_year_is_not_read(centre: Path) -> None:
    (centre / "rapport-2026-utkast.yaml").write_text("self_reflection: [trasig\n", encoding="utf-8")
    result = run_fc("validate", "c", cwd=centre.parent)
    assert result.stdout == "1 fil kontrollerad: 0 fel, 0 varningar\n"
