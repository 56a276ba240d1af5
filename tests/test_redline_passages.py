"""The changed passages of the summary (fc_cli/redline/passages.py)."""

from __future__ import annotations

from fc_cli.redline.passages import MAX_PASSAGES, changed_passages

LONG = "Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton sjutton."


def test_a_word_changed_in_a_long_paragraph_keeps_a_few_words_around_it() -> None:
    new = LONG.replace("nio", "NIO")
    assert changed_passages(LONG + "\n", new + "\n", markdown=False) == [
        "Ett två tre fyra fem sex sju åtta [-nio-]{+NIO+} tio elva tolv tretton fjorton femton sexton sjutton."
    ]
    shorter = changed_passages("Ett två " + LONG + "\n", "Ett tre " + LONG + "\n", markdown=False)
    assert shorter == ["Ett [-två-]{+tre+} Ett två tre fyra fem sex sju åtta …"]


def test_markdown_marks_and_literal_data() -> None:
    old = "Avgiften är 5 \\* 2 kr och gäller *alla*.\n"
    new = "Avgiften är 6 \\* 2 kr och gäller *alla*.\n"
    assert changed_passages(old, new, markdown=True) == ["Avgiften är ~~5~~**6** \\* 2 kr och gäller alla."]


def test_list_items_table_rows_and_signatures_are_passages_of_their_own() -> None:
    old = "- Ett\n- Två äpplen\n\n| A | B |\n| --- | --- |\n| x | 1 |\n\n::: signatures\n- För X\n  Namn: Anna\n:::\n"
    new = "- Ett\n- Tre äpplen\n\n| A | B |\n| --- | --- |\n| x | 2 |\n\n::: signatures\n- För X\n  Namn: Bo\n:::\n"
    assert changed_passages(old, new, markdown=False) == [
        "[-Två-]{+Tre+} äpplen", "x | [-1-]{+2+}", "För X: Namn: [-Anna-]{+Bo+}",
    ]


def test_many_changes_are_counted_after_the_first_ones() -> None:
    old = "".join(f"Stycke {n} gammalt.\n\n" for n in range(MAX_PASSAGES + 5))
    new = "".join(f"Stycke {n} nytt.\n\n" for n in range(MAX_PASSAGES + 5))
    lines = changed_passages(old, new, markdown=False)
    assert len(lines) == MAX_PASSAGES + 1
    assert lines[0] == "Stycke 0 [-gammalt-]{+nytt+}."
    assert lines[-1] == "… och 5 ändrade stycken till (se dokumentet med spårade ändringar)"
