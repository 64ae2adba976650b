"""The reader's short cuts give what the plain computation gives.

Each speed-up of the import (issue 12: the file reader within 10 % of its speed at 9700fe1, in plain code) looks
at less of the text, or skips a step when a cheap test says it would change nothing. These tests hold each short
cut to the plain computation it stands for, on the cases where the two could part: a cut at a line end, a
value that only just passes the cheap test. The outputs on every shared export are compared whole before and
after each change (see the commit messages); these keep the short cuts honest from then on.
"""
from __future__ import annotations

import pytest

from synthesis.io.base import first_lines
from synthesis.io.sources import sciencedirect_text, scopus_text


@pytest.mark.parametrize("text", [
    "",
    "one line",
    "a\nb\n",
    "\n\n\na",
    "a\r\nb\rc\x0bd\x0ce\x1cf\u2028g\u0085h\n",
    # line ends straddling the first cut (4,096 characters) and the later ones
    "x" * 4095 + "\r\n" + "y\n" * 100,
    "x" * 4094 + "\r\n" + "y\n" * 100,
    "x" * 4096 + "\r\n" + "y\n" * 100,
    "x" * 16383 + "\r\n" + "tail",
    ("line\n" * 30) + "z" * 70000 + "\nlast\n",
    "\r\n".join(str(k) for k in range(5000)),
])
@pytest.mark.parametrize("n", [0, 1, 2, 59, 60, 61, 80, 500])
def test_first_lines_are_those_of_the_whole_text(text, n):
    assert first_lines(text, n) == text.splitlines()[:n]


def test_plain_text_sniffers_read_only_the_first_lines():
    """Scopus's and ScienceDirect's sniffers judge by a file's first 60 and 80 lines: a record that starts below
    them does not count, however long the file (they split the whole text before, each of some 50 RIS files)."""
    scopus = ("Scopus\nEXPORT DATE: 06 December 2023\n\nSmith J.\nA trial\n(2019) Journal of Tests, 12 (3), "
              "pp. 1 - 9, Cited 4 times.\nhttps://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000001\n\n")
    assert scopus_text.sniff(scopus) == 95
    assert scopus_text.sniff("Scopus\nEXPORT DATE: 06 December 2023\n" + "\n" * 60 + scopus) == 0
    science = ("Jane Smith,\nA trial of fire,\nJournal of Smoke,\nVolume 12,\n2020,\n"
               "https://doi.org/10.1016/j.smoke.2020.01.002.\n"
               "(https://www.sciencedirect.com/science/article/pii/S1234567820000021)\n")
    assert sciencedirect_text.sniff(science) == 90
    assert sciencedirect_text.sniff("x\n" * 80 + science) == 0
    assert sciencedirect_text.sniff("x\n" * 72 + science) == 90


_HEADS = [
    "\n",
    "\nTY  - JOUR\nDB  - Scopus\nER  - \n\nTY  - JOUR\nDB  - Embase\nDB  -  two  spaces \r\nER  - \n",
    "\nPMID- 1\nOWN - NLM\n\nPMID- 2\n\nPMID- 3\nAB  - see TY  - in text, <record> here\n",
    "\nFN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nUT WOS:1\nER\n\nPT J\nUT MEDLINE:2\nER\n",
    "\n<xml><records><record>1</record><record>2</record></records></xml>",
    "\n@article{a,\n title={x}}\n@book{b,\n}\n%0 Journal Article\n%0 Book\n%0 Thesis\n%0 x\n",
    "\nProvider: American Psychological Association\nDatabase: APA PsycInfo\n\nTY  - JOUR\nDBX - no\nDB  - \n",
]


@pytest.mark.parametrize("head", _HEADS)
def test_database_head_counts_are_the_plain_counts(head):
    """infer_database counts the records by the line-start markers in one pass, takes the headers from its
    line-start signatures and finds the DB tags from the newline before them: as the plain searches would."""
    import re

    from synthesis.io import databases

    assert databases._records_in(head) == max(head.count(m) for m in databases._RECORD_MARKERS)
    starts = databases._LINE_START.findall(head)
    assert databases.HEADERS.intersection(starts) == {h for h in databases.HEADERS if h in head}
    assert databases._DB_TAG.findall(head) == re.findall(r"^DB  - (.+)$", head, re.M)


@pytest.mark.parametrize("text", ["work\ufb02ow and \ufb01eld", "caf\u00e9 \ufb00 \ufb06", "\ufb13\ufb07\ufaff caf\u00e9",
                                  "no ligature, caf\u00e9", "\ufb04"])
def test_ligatures_are_found_as_the_pattern_of_their_range_finds_them(text):
    """clean_text looks for each of the seven ligatures (U+FB00-FB06) by itself: the same texts change as with
    the pattern of their range, and only those characters (the Armenian ligatures after them stay)."""
    import re

    from synthesis.normalise import LIGATURES, clean_text

    expected = text.translate(LIGATURES) if re.search("[\ufb00-\ufb06]", text) else text
    assert clean_text(text) == " ".join(expected.split())


@pytest.mark.parametrize("text", ["a clinical scale?<?2 did not differ (P?<?0.03); n?=?150. Why? <3 is fine?",
                                  "platelets over 100?\u00d7?10^9/L", "x)?\u2265?(y", "50%?\u00b1?.5", " ?=?1",
                                  "a?=?\u22121", "a?=? 1", "??=?1", "a?=??=?b", "", "no question"])
def test_thin_spaces_pattern_finds_what_the_look_behind_first_pattern_found(text):
    """The pattern of lost thin spaces starts with its question mark and looks behind it (a literal the engine
    skips ahead to); the pattern that started with the look-behind gives the same text."""
    import re

    from synthesis.io.sources.fields import with_thin_spaces

    before = re.compile(r"(?<=[\w)%])\?([<>=\u2264\u2265\u00b1\u00d7])\?(?=[\w(.\u2212-])")
    assert with_thin_spaces(text) == before.sub(r" \1 ", text)


@pytest.mark.parametrize("authors", [["Wu, H. H.", "Toti, G.", "Wu, H.", "Toti, G."], ["WU, H.", "Toti, G.", "wu, H.", "Toti, G."],
                                     ["Kim, J.", "Lee, S.", "Kim, H.", "Lee, K."], ["Smith, J.", "Doe, A.", "Roe, B.", "Doe, A."],
                                     ["Org", "Body", "Org", "Body"], ["Stra\u00dfe, A.", "Li, B.", "STRASSE, A.", "Li, B."]])
def test_repeated_author_list_parts_at_the_first_pair_as_the_whole_comparison(authors):
    """repeated_author_list returns at once when the first family names of the two halves differ: the comparison
    of every pair would have stopped there too."""
    from synthesis.io.sources.fields import repeated_author_list

    n = len(authors) // 2
    keys = [(a.casefold().split(",", 1)[0].strip(),
             a.casefold().split(",", 1)[1].strip(" .-")[:1] if "," in a else "") for a in authors]
    same = all(fa == fb and (not ia or not ib or ia == ib) for (fa, ia), (fb, ib) in zip(keys[:n], keys[n:]))
    assert repeated_author_list(authors) == (authors[n:] if same else authors)


@pytest.mark.parametrize("line", ["Rima Wilkes, Aaron Duong, Linc Kesler", "Marcia Anderson & Ian Whetter",
                                  "Lynne Stuart lstuart@usc.edu.au and Don Gorman", "Lynne Stuart x@y.au\tand Don Gorman",
                                  "Smith, John", "Smith, John, PhD", "Andrea Sterzuk, Russell Fayant", "Sandra Fernandez"])
def test_author_lines_that_can_join_names_are_all_looked_at(line):
    """The RIS reader looks for names joined given name first only in a line with two commas, "&" or "and": every
    line that given_first_names parts has one of them."""
    from synthesis.io.sources import ris

    if ris.given_first_names(line):
        assert ris._may_join_names(line)


def test_headings_grouped_by_first_letter_match_as_the_plain_alternation():
    """The structured-abstract headings are one alternative per first letter (fewer tries at each sentence end):
    every pattern built on them finds the same matches, with the same groups, as with the plain alternation."""
    import re

    from synthesis.io.sources import fields

    plain = "(?:" + "|".join(fields._heading_pattern(h) for h in sorted(fields.STRUCTURED_ABSTRACT_HEADINGS,
                                                                         key=len, reverse=True)) + ")"
    shapes = [r"\s*{}(?=[A-Z][a-z]|A |\d)", r"\s*{} (?=[A-Z])", r"([.!?])\s?({}(?=[A-Z][a-z]|A |\d))",
              r"([.!?]) ({}) (?=[A-Z])", r"(?:^|[\s.])" + "{}$"]
    texts = []
    for h in fields.STRUCTURED_ABSTRACT_HEADINGS:
        texts += [f"{h}The aim. {h} A test.{h}3 rats", f"x.{h.lower()}A y. {h.upper()} Z", f"Ends with {h}",
                  f"{h.split(' ')[0]}s Were. {h}: done.{h}Aims"]
    for shape in shapes:
        grouped, ungrouped = re.compile(shape.format(fields._HEADINGS)), re.compile(shape.format(plain))
        for text in texts:
            assert [(m.span(), m.groups()) for m in grouped.finditer(text)] == \
                   [(m.span(), m.groups()) for m in ungrouped.finditer(text)], (shape, text)
            assert (grouped.match(text) or re.match("", "")).span() == (ungrouped.match(text) or re.match("", "")).span()


def _plain_line_of(parts: tuple) -> list[int]:
    """Each part's line as the scan's first version counted it, part by part."""
    counts, line = [], 0
    for k, text in enumerate(parts):
        if k % 2:  # a tag: its line follows the newline the cut took
            line += 1
            counts.append(line)
        else:
            counts.append(line)
            line += text.count("\n")
    return counts


@pytest.mark.parametrize("text", [
    "",
    "TY  - JOUR\nER  - \n",
    "Provider: APA\nDatabase: PsycInfo\n\nTY  - JOUR\nTI  - A\n  wrapped\n\n  title\nER  - \n\n\n1.\nTY  - BOOK\nER  - ",
    "no tag at all\n\nstill none\n",
    "\n\n\nTY  - JOUR\nAB  - one\ntwo\nthree\nER  - \nLink: x\nTY  - JOUR\nER  - \nTY  - JOUR",
    "".join(f"TY  - JOUR\nTI  - T{k}\n" + "AB  - x\n" * (k % 4) + "\n" * (k % 3) + "ER  - \n" for k in range(300)),
])
def test_scan_lines_are_those_counted_part_by_part(text):
    from synthesis.io.sources import ris, tagged

    found = tagged.scan(text, ris.RIS)
    plain = _plain_line_of(found.parts)
    assert [found.line_of(k) for k in range(len(found.parts))] == plain
    assert found.lines == [plain[k] if k >= 0 else -k for k in found.starts]
    if found.lines:
        assert found.lines[0] == text.count("\n", 0, text.find("TY  -")) + 1


def _plain_decoded_text(text: str) -> tuple[str, list]:
    """What decode_bytes does to a decoded text's inner byte-order marks and NULs, by the plain searches it made
    before its short cuts (a two-character search for the marks, a search of the text for NUL)."""
    import re

    lines = []
    if "\n\ufeff" in text:
        text = re.sub("(?<=\n)\ufeff+", "", text)
        lines.append("marks")
    if "\x00" in text:
        text = text.replace("\x00", "")
        lines.append("nul")
    return text, lines


@pytest.mark.parametrize("text", [
    "TY  - JOUR\nTI  - plain\nER  - \n",
    "TY  - JOUR\nTI  - it\u2019s curly\nER  - \n",  # beyond Latin-1: the slow case of the plain searches
    "TY  - JOUR\n\ufeffTY  - JOUR\nTI  - it\u2019s\nER  - \n",  # a mark at a line start: removed
    "TY  - JOUR\nTI  - a\ufeffb \u2019\nER  - \n",  # a mark inside a line: kept
    "TY  - JOUR\nTI  - a\x00b\u2019\nER  - \n",
    "TY  - JOUR\nTI  - caf\u00e9\x00\x00\nER  - \n\ufeff\ufeffTY  - BOOK\nER  - \n",
])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_decode_finds_inner_marks_and_nuls_as_the_plain_searches(text, encoding):
    """decode_bytes looks for a mark after a line end only when a one-character search finds a mark, and for NUL
    in UTF-8's bytes: the text and the warnings are those of the plain searches, in every encoding."""
    from synthesis.io.decode import decode_bytes

    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{encoding} cannot write this text")
    warnings: list = []
    # (detected where the bytes tell: UTF-8, a byte-order mark; named where a short text's guess may differ)
    named = encoding if encoding in ("utf-16-le", "cp1252") else None
    got, _ = decode_bytes(data, "x.ris", encoding=named, warnings=warnings)
    expected, what = _plain_decoded_text(text)
    assert got == expected
    assert any("byte-order mark" in w for w in warnings) == ("marks" in what)
    assert any("NUL" in w for w in warnings) == ("nul" in what)


@pytest.mark.parametrize("name", ["Title", "\ufeff\"Author  Keywords\" ", "  DOI\t", "\"\"", "", "Ärztin  X", 7, None])
def test_header_key_remembered_is_the_plain_key(name):
    """header_key remembers each name's key (the CSV sniffer asked for every map's names on every file): the same
    key as computed afresh, for any value."""
    import re

    from synthesis.io.columns import header_key

    plain = re.sub(r"\s+", " ", str(name).replace("\ufeff", "").strip().strip('"').strip()).lower()
    assert header_key(name) == plain
    assert header_key(name) == plain  # (the second time from the cache)


@pytest.mark.parametrize("head", _HEADS + [
    "\nTY  - JOUR\nUR  - zotero://select/items/1\nN1  - no corresponding Zotero field\nER  - \n",
    "\nTY  - JOUR\nUR  - https://search.proquest.com/docview/1\nUR  - https://www.proquest.com/x\nER  - \n",
    "\nTY  - JOUR\nN1  - ASReview_relevant ASReview_not_seen\nER  - \nTY  - JOUR\nN1  - Covidence #3\nER  - \n",
    "\nTY  - JOUR\nN1  - otero endeley ovidence ASReview .proquest.com dblp\nER  - \n",
])
def test_database_signatures_counted_behind_their_common_part_as_each_counted(head):
    """infer_database counts a database's signatures only when the head holds the text they all share: the same
    counts as counting each, whether or not the shared text is there."""
    from synthesis.io import databases

    for name, pieces, gate in databases._ELSEWHERE_GATED:
        assert pieces == databases._ELSEWHERE[name]
        if gate:
            assert all(gate in piece for piece in pieces)
            if gate not in head:
                assert sum(head.count(piece) for piece in pieces) == 0


@pytest.mark.parametrize("text", ["plain", "  two  spaces ", "a\tb", "a\x01b", " a\x1fb ", "\x7f z ", "ab\x0b",
                                  "a\x1c", "\x00", "a\r\nb", "x\x0c\x0cy", " ", "\x1d", "a \x05 b"])
def test_clean_text_of_ascii_folds_whitespace_as_the_search_for_each_character(text):
    """clean_text tells an ASCII text that needs its whitespace folded by two passes (a double space, or anything
    not printable) instead of a search per whitespace character: the result is the same, control characters that
    are not whitespace kept."""
    from synthesis.normalise import clean_text

    folds = any(c in text for c in ("  ", "\t", "\r", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x1f", "\n"))
    assert clean_text(text) == (" ".join(text.replace("\n", " ").split()) if folds else text.strip())


@pytest.mark.parametrize("text", ["Background Pain is common. ResultsAll dogs had it.", " ObjectivesThe aim was x.",
                                  "\tAimWe ask.", "background lower case start", "", " ", "Zebra", "MethodsX is a "
                                  "journal.", "Ärzte arbeiten.", "Results", "Design Thinking."])
def test_heading_start_looked_up_by_first_letter_as_among_all(text):
    """with_heading_breaks compares an abstract's start only with the heading words of its first letter: an
    abstract goes on to the patterns exactly when it starts with one of all the words."""
    from synthesis.io.sources import fields

    start = text.lstrip() if text[:1].isspace() else text
    assert start.startswith(fields._HEADING_STARTS_BY_LETTER.get(start[:1], ())) == \
        start.startswith(fields._HEADING_STARTS)


@pytest.mark.parametrize("rows", [[], [{"title": "A", "source_index": 1}], [{"title": "A", "source_index": "2"}],
                                  [{"title": "A"}, {"title": "B", "source_index": 3}]])
def test_record_table_source_index_is_int64_without_the_copy(rows):
    """The record table replaces its source_index column with an int64 copy only when pandas did not read it as
    int64 already (an empty table, values written as text): the column is int64 in every case."""
    from synthesis.records import make_record_table

    table = make_record_table(rows)
    assert str(table["source_index"].dtype) == "int64"
    assert table["source_index"].tolist() == [int(r.get("source_index") or 0) for r in rows]
