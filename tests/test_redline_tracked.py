"""Aligning blocks and words (compare.py) and writing Word revision marks (tracked.py).

Documents are built from fc's template text format with fc's own Word builder, as `fc render`
builds them, then compared; tests/revisions.py accepts or rejects every change on the XML.
"""

from __future__ import annotations

from revisions import canonical_body, document_root, q, resolve, revision_marks

from fc_cli.redline.compare import ROW_SIMILAR, Unit, align, row_similarity, similarity, word_ops, words
from fc_cli.redline.diff import redline
from fc_cli.word.builder import DocumentMeta, WordBuilder
from fc_cli.word.markup import parse

META = DocumentMeta("Titel", "Ämne", "fc", "Titel – test")


def docx(text: str) -> bytes:
    return WordBuilder(None).build(parse(text), META)


def compared(old: str, new: str) -> bytes:
    """The redline of two texts, checked to accept into the new and reject into the old."""
    old_docx, new_docx = docx(old), docx(new)
    red = redline(old_docx, new_docx, "Test", "2027-01-01T00:00:00Z")
    assert canonical_body(resolve(red, accept=True)) == canonical_body(document_root(new_docx))
    assert canonical_body(resolve(red, accept=False)) == canonical_body(document_root(old_docx))
    return red


# ---- compare.py -------------------------------------------------------------------------------


def test_words_keep_numbers_dates_and_compounds_whole() -> None:
    assert words("Uppsägningstiden är 0,25 år (2027-01-01), ledningsgrupp/styrgrupp.") == [
        "Uppsägningstiden", " ", "är", " ", "0,25", " ", "år", " ", "(", "2027-01-01", ")", ",", " ",
        "ledningsgrupp/styrgrupp", ".",
    ]


def test_a_moved_block_is_one_deletion_and_one_insertion() -> None:
    old = [Unit("p", t) for t in "A B C D E F".split()]
    new = [Unit("p", t) for t in "B C D E A F".split()]
    assert align(old, new) == [(0, None), (1, 0), (2, 1), (3, 2), (4, 3), (None, 4), (5, 5)]


def test_a_changed_block_pairs_with_the_most_similar_one_deletions_first() -> None:
    old = [Unit("p", "Uppsägningstiden är tolv månader."), Unit("p", "Helt annan text här.")]
    new = [Unit("p", "Ny inledning om något."), Unit("p", "Uppsägningstiden är sex månader.")]
    assert align(old, new) == [(None, 0), (0, 1), (1, None)]
    assert similarity("Uppsägningstiden är tolv månader.", "Uppsägningstiden är sex månader.") == 0.8


def test_the_last_blocks_of_a_cell_are_paired_when_asked() -> None:
    old, new = [Unit("p", "Jonas Åberg")], [Unit("p", "Nils Ohlsson")]
    assert align(old, new) == [(0, None), (None, 0)]
    assert align(old, new, pin_last=True) == [(0, 0)]


def test_rows_are_the_same_row_when_their_first_cell_is() -> None:
    assert row_similarity(["Vivalla bibliotek", "25 %"], ["Vivalla bibliotek", "20 %"]) == 1.0
    assert row_similarity(["Maria Ek", "Chef", "BVC"], ["Maria Ekholm", "Chef", "BVC"]) == 0.9
    # another party with the same share: only "Vivalla" in common, below what pairs two rows
    assert row_similarity(["Folktandvården Vivalla", "Region", "16 %"], ["Öppna förskolan Vivalla", "Kommun", "16 %"]) == 0.4
    assert 0.4 < ROW_SIMILAR
    assert row_similarity(["Vivalla bibliotek", "Region", "16 %"], ["Öppna förskolan", "Kommun", "20 %"]) == 0.0


def test_a_kept_space_between_two_changes_joins_them() -> None:
    old, new = words("är tolv hela månader"), words("är sex korta månader")
    assert word_ops(old, new, old) == [
        ("equal", range(0, 2), range(0, 2)),
        ("delete", range(2, 5), range(2, 2)),
        ("insert", range(5, 5), range(2, 5)),
        ("equal", range(5, 7), range(5, 7)),
    ]


# ---- tracked.py -------------------------------------------------------------------------------


def test_words_inside_a_list_item_and_a_table_cell() -> None:
    red = compared(
        "- Första punkten\n- Andra punkten\n\n| A | B |\n| --- | --- |\n| ett | två |\n",
        "- Första punkten\n- Andra ändrade punkten\n\n| A | B |\n| --- | --- |\n| ett | tre |\n",
    )
    assert revision_marks(red) == {"ins": ["ändrade ", "tre"], "del": ["två"]}


def test_formatting_only_is_a_property_change() -> None:
    red = compared("Det är viktigt.\n", "Det är **viktigt**.\n")
    assert revision_marks(red) == {"ins": [], "del": []}
    runs = [r for r in document_root(red).iter(q("r")) if r.find(f"{q('rPr')}/{q('rPrChange')}") is not None]
    assert [r.find(q("t")).text for r in runs] == ["viktigt"]
    assert runs[0].find(q("rPr"))[0].tag == q("b")
    assert len(runs[0].find(f"{q('rPr')}/{q('rPrChange')}/{q('rPr')}")) == 0  # it was not bold


def test_a_deleted_item_of_a_numbered_list_keeps_counting_in_that_list() -> None:
    red = compared("Inledning.\n\n1. Ett\n2. Två\n3. Tre\n", "Inledning.\n\n1. Ett\n2. Tre\n")
    body = document_root(red).find(q("body"))
    numbers = [p.find(f"{q('pPr')}/{q('numPr')}/{q('numId')}").get(q("val")) for p in body if p.find(f"{q('pPr')}/{q('numPr')}") is not None]
    assert numbers == ["901", "901", "901"]
    assert revision_marks(red) == {"ins": [], "del": ["Två"]}


def test_a_list_only_the_old_version_had_gets_its_own_numbering() -> None:
    red = compared("1. Ett\n2. Två\n\nText.\n\n1. Tre\n", "Text.\n\n1. Tre\n")
    body = document_root(red).find(q("body"))
    numbers = [p.find(f"{q('pPr')}/{q('numPr')}/{q('numId')}").get(q("val")) for p in body if p.find(f"{q('pPr')}/{q('numPr')}") is not None]
    assert numbers == ["902", "902", "901"]  # the deleted list is a copy of the old list's instance
    import io
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(red)) as package:
        numbering = etree.fromstring(package.read("word/numbering.xml"))
    assert [n.get(q("numId")) for n in numbering.findall(q("num"))][-2:] == ["901", "902"]


def test_a_table_replaced_by_one_of_other_columns_stays_two_tables() -> None:
    red = compared("Före.\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n", "Före.\n\n| A | B | C |\n| --- | --- | --- |\n| 1 | 2 | 3 |\n")
    body = document_root(red).find(q("body"))
    kinds = [child.tag.split("}")[1] for child in body]
    assert kinds == ["p", "tbl", "p", "tbl", "p", "sectPr"]
    separator = body[2].find(f"{q('pPr')}/{q('rPr')}")
    assert [mark.tag for mark in separator] == [q("ins"), q("del")]  # in neither version


def test_every_revision_has_a_unique_id() -> None:
    red = compared("Ett två tre.\n\nFyra.\n\n| A |\n| --- |\n| x |\n", "Ett tre fyra.\n\n| A |\n| --- |\n| y |\n| z |\n")
    ids = [e.get(q("id")) for e in document_root(red).iter() if e.get(q("id")) is not None]
    assert len(ids) == len(set(ids)) > 4
