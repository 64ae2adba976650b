"""Field normalisation shared by every reader and by deduplication.

Each function takes what a file said and returns the one spelling used downstream; none of them
raises on odd input, they return ``""`` (or ``None`` for years) when nothing usable is there.

Examples
--------
>>> normalise_doi("https://doi.org/10.1000/ABC.1")
'10.1000/abc.1'
>>> normalise_pages("482-91")
'482-491'
>>> normalise_author("van der Berg, Anna Maria")
'van der Berg, A. M.'
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata

_WS = re.compile(r"\s+")
#: Markup an export leaves in text: HTML, JATS (``<jats:p>``, ``<bold>``, and Lens's bare ``<title>``/``<p>``),
#: MathML, PubMed's XML abstract (``<AbstractText>``), which Lens puts into its RIS and CSV abstracts, and Springer's
#: ``<Emphasis Type="SmallCaps">`` (in the ACM and Springer abstracts of Kitchenham 2010's screening set). Tags
#: inside a word (``CO<sub>2</sub>``, ``<i>Pinus</i>``) are dropped; tags between blocks of text (a paragraph,
#: a section, a heading) leave a space, so that "text.</p><p>Next" does not become "text.Next".
_TAG = re.compile(r"</?(?:i|b|em|emphasis|strong|sup|sub|u|inf|scp|sc|span|bold|italic|underline|mml:[a-z]+|"
                  r"jats:(?:italic|bold|sub|sup|sc|underline|monospace|inline-formula|inline-graphic|ext-link|xref))"
                  r"\b[^>]*>", re.I)
_BLOCK_TAG = re.compile(r"</?(?:p|br|title|div|h[1-6]|abstract|abstracttext|jats:[a-z]+)\b[^>]*>", re.I)
_BROKEN_JATS = re.compile(r"(?<![</])\bjats:[a-z][a-z-]*>")  # Lens also leaves "jats:list>" without its "<"
#: The end of a heading in markup (``<jats:title>Purpose</jats:title> Wildfire...``, ``<h3>Background</h3>``)
#: before more text: the heading is followed by a colon, as a structured abstract writes it.
_HEADING_END = re.compile(r"</(?:jats:title|title|h[1-6])>(?=\s*(?:<[^/][^>]*>\s*)*[^\s<;:,.])", re.I)
#: A paragraph of one to four words before another paragraph (``<p>Results</p><p>Each 10 µg...``): a heading.
_HEADING_PARAGRAPH = re.compile(r"<p\b[^>]*>\s*([A-Z][\w'/-]*(?: [\w'/&-]+){0,3})\s*</p>(?=\s*<p\b)")
#: A section of PubMed's XML abstract with its label (``<AbstractText Label="STUDY DESIGN">``): "STUDY DESIGN: ".
_LABELLED_SECTION = re.compile(r"<AbstractText\b[^>]*?\bLabel=\"([^\"]+)\"[^>]*>", re.I)
#: PubMed's copyright element of an abstract, with its text: no part of the abstract.
_COPYRIGHT_ELEMENT = re.compile(r"<CopyrightInformation\b[^>]*>.*?</CopyrightInformation>", re.I | re.S)


#: Web of Science writes a character its export cannot hold as the character's Unicode name in angle brackets
#: ("0<middle dot>25 degrees" for "0·25 degrees"), and a few by names of its own.
_CHARACTER_NAME = re.compile(r"<([a-z][a-z0-9]*(?:[ -][a-z0-9]+)+)>")
_OWN_CHARACTER_NAMES = {"similar to": "~"}


def _character(m) -> str:
    name = m.group(1)
    if name in _OWN_CHARACTER_NAMES:
        return _OWN_CHARACTER_NAMES[name]
    try:
        return unicodedata.lookup(name)
    except KeyError:  # not a character's name: the text stays as it is
        return m.group(0)


#: ISO 8879's Greek letters (ISOgrk1), as SGML and old PubMed text wrote them: "&mgr;" is "μ".
_GREEK = dict(zip("agr bgr ggr dgr egr zgr eegr thgr igr kgr lgr mgr ngr xgr ogr pgr rgr sgr tgr ugr phgr khgr psgr "
                  "ohgr".split(), "αβγδεζηθικλμνξοπρστυφχψω"))
_GREEK.update({k[:-2].upper() + "gr": v.upper() for k, v in list(_GREEK.items())})  # &Mgr; &THgr;
_SGML_GREEK = re.compile(r"&(" + "|".join(sorted(_GREEK, key=len, reverse=True)) + r");")
#: What a converter leaves around BibTeX's closing quotes ("Green \\ '' \\ project", "trees?'' : Common"): a lone
#: backslash between spaces, and spaces before the closing quote and the punctuation after it.
_SPACED_BACKSLASH = re.compile(r" \\(?= )")
_QUOTE_SPACE = re.compile(r"\s+\u201d(?: (?=[,:;.]))?")
#: One or two characters in braces, as BibTeX protects them ("{é}", "{&}", "{''}"): the characters.
_BRACED = re.compile(r"\{([^{}\\\s]{1,2})\}")


def _label(m) -> str:
    """A section's label as a heading, unless the export already wrote it before the tag ("METHODS: <AbstractText
    Label="METHODS">")."""
    label = m.group(1).strip()
    return " " if m.string[:m.start()].rstrip().endswith(label + ":") else f" {label}: "


def _without_markup(value: str) -> str:
    value = _CHARACTER_NAME.sub(_character, value)
    if "</" in value:
        value = _heading_colons(_COPYRIGHT_ELEMENT.sub("", value))
        if "<p" in value:
            value = _HEADING_PARAGRAPH.sub(r" \1: ", value)
    if "Label=" in value:
        value = _LABELLED_SECTION.sub(_label, value)
    value = _BLOCK_TAG.sub(" ", _TAG.sub(_inline, value))
    return _BROKEN_JATS.sub(" ", value) if "jats:" in value else value


def _heading_colons(value: str) -> str:
    """Each heading's end tag (:data:`_HEADING_END`) as a colon, unless the heading ends with one already."""
    out, last = [], 0
    for m in _HEADING_END.finditer(value):
        head = value[last:m.start()].rstrip()
        out += [head, " " if head[-1:] in (":", ".", "?", "!", "", ">") else ": "]
        last = m.end()
    return "".join(out) + value[last:] if out else value


def _inline(m) -> str:
    """An inline tag goes, leaving nothing, but a space where it stood between a sentence and the next
    ("influence.<bold>Design and methods:")."""
    before, after = m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1]
    return " " if before in (".", ";", ":", "!", "?") and before and after.isupper() else ""


_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/\S+", re.I)
#: The suffix of a publisher's page after a DOI in its link (BioOne's ".../10.1638/2009-0160.1.short"), which
#: Publish or Perish keeps in the DOI it takes from a Google Scholar hit's link.
_PAGE_SUFFIX = re.compile(r"\.(?:short|full)$")
_SICI_GAP = re.compile(r"\s*\[\s*(?=\d{4}:)")  # "(2004)024 [ 0141:SPOCMP]": spaces an export put in a SICI
#: A character a DOI writes as itself, percent-escaped (``%2F``, ``%28``, ``%3A``, ``%3C``, ``%23``...): a DOI
#: taken from a link (Publish or Perish, Scholar) keeps the link's escapes.
_ESCAPED_IN_DOI = re.compile(r"%(?:2[1-9A-F]|3[A-F]|5[BD])", re.I)
#: An HTML entity left after decoding once: the export escaped its text twice or more (``&amp;lt;``,
#: ``&amp;amp;#8211;``).
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
#: A date without separators, alone or after a label ("20190312"; TRID's "Start date: 20170812" for a project).
_COMPACT_DATE = re.compile(r"\s*(?:[A-Za-z][A-Za-z ]{0,30}:\s*)?"
                           r"(1[5-9]\d\d|20\d\d|21\d\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?\s*$")
# Compiled once: the readers call these for thousands of records, and re's own cache lookup costs as much
# as the match on a short value.
#: A dash between pages: hyphen-minus, en and em dash, and the Unicode hyphens Wiley's exports (the Cochrane
#: Library's) write, ``1279\u20101297`` (hyphen, non-breaking hyphen, figure dash, minus sign).
_PAGE_DASH = re.compile(r"\s*(?:--|–|—|-|\u2010|\u2011|\u2012|\u2212)\s*")
_PAGE_RANGE = re.compile(r"([A-Za-z]*)(\d+)-([A-Za-z]*)(\d+)")
_INITIAL_HYPHEN = re.compile(r"\.\s*-\s*")
_INITIAL_SPLIT = re.compile(r"[\s.]+")
#: A title before a name (Crossref, through Publish or Perish: "Prof. Suojiang Zhang", "Dr. Jane Smith"), when a
#: name of two words or more follows it.
_TITLE = re.compile(r"(?:Prof\.?|Professor|Dr\.?)\s+(?=\S+\s+\S)")
_TITLE_STARTS = frozenset({"Pr", "Dr"})
#: The same title before the given names (the ACM Digital Library's BibTeX: "Sharma, DR. Sandeep"), when a
#: written-out name follows it.
_GIVEN_TITLE = re.compile(r"(?:Prof|PROF|Dr|DR)\.\s+(?=[A-Z][a-z])")

#: The words before a group author that say who signs for it (Springer Nature's citation RIS: "On behalf of the
#: DRAGON consortium"); PubMed lists the same group as "DRAGON consortium", so the words go.
_ON_BEHALF = re.compile(r"(?:on behalf of|for|and)(?: the)?\s+", re.IGNORECASE)
_TRAILING_ELLIPSIS = re.compile(r"[\s.\u2026]*(?:\u2026|\.\.\.)$")
#: What an export writes in the place of an author to say that the list goes on (the Cochrane Library's CENTRAL
#: RIS ends a long list with ``A1  -  et al.``): a mark, not a name (compared in lower case).
AUTHORS_LEFT_OUT = frozenset({"et al", "et al.", "et. al.", "et al.,", "[et al.]", "and others", "et al. [sic]"})
#: What an export writes where a work names no author (Web of Science and Zotero: "[Anonymous]"; Scopus: "[No
#: author name available]"): a placeholder, not a person. Kept as an author, it made every unsigned editorial
#: "share an author" with every other one (compared in lower case).
NO_AUTHOR = frozenset({"anonymous", "[anonymous]", "anon", "anon.", "[anon]", "[anon.]",
                       "[no author name available]", "no author", "[no author]", "null", "none", "nan"})
_NAME_SUFFIX = re.compile(r",\s*(jr|sr|ii|iii|iv)\.?$", re.I)
#: A generational suffix written as the last word of a name without a comma before it: MEDLINE's full name
#: ("Ramos, Olavo Joao Frederico Jr") and its short form ("Smith JR Jr"). Roman numerals are left out on
#: purpose ("Petrov IV" is MEDLINE's I. V. Petrov), and so are capitals ("Van Dyke JR" is J. R. Van Dyke).
_TRAILING_SUFFIX = re.compile(r"\s+(?:Jr|Sr)\.?$|\s+(?:2nd|3rd|4th)$")


# UTF-8 read as windows-1252 and saved again ("Â\xa0" for a no-break space, "Ã©" for "é"): a lead byte
# C2-F4 shown as a Latin-1 letter, then its continuation bytes shown as cp1252 characters.
_CP1252_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152" \
               "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
# The lead byte says how many continuation bytes follow (C2-DF: one, E0-EF: two, F0-F4: three).
_MOJIBAKE = re.compile(f"[\u00c2-\u00df][{_CP1252_CONT}]|[\u00e0-\u00ef][{_CP1252_CONT}]{{2}}"
                       f"|[\u00f0-\u00f4][{_CP1252_CONT}]{{3}}")


def _unmangle(m: re.Match) -> str:
    try:
        return m.group(0).encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return m.group(0)


def fix_mojibake(value: str) -> str:
    """Repair UTF-8 text that was once decoded as windows-1252 (``"aÂ\xa0Century"``, ``"CafÃ©"``).

    Only sequences that decode as valid UTF-8 are changed, so a real ``Ã`` or ``Â`` stays.

    >>> fix_mojibake("CafÃ© au lait, SÃO PAULO")
    'Café au lait, SÃO PAULO'
    """
    return _MOJIBAKE.sub(_unmangle, value)


#: The Latin ligatures of Unicode's Alphabetic Presentation Forms (U+FB00-FB06), which text copied from a PDF
#: carries ("ﬁducial", "workﬂow"), and the letters each stands for.
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})
#: The ligatures themselves, each looked for with a one-character search (in C); a pattern of their range tested
#: every character of every non-ASCII text, a fifth of the cleaning of an export's abstracts.
_LIGATURE_CHARACTERS = tuple(map(chr, range(0xFB00, 0xFB07)))


def clean_text(value) -> str:
    """The one text cleaner of every reader: HTML entities decoded, inline markup tags dropped, mojibake
    repaired (:func:`fix_mojibake`), byte-order marks dropped and whitespace collapsed to single spaces.

    A list is joined with spaces; ``None`` gives ``""``.

    >>> clean_text("  Caf&eacute;  <i>au</i>\\n lait ")
    'Café au lait'
    >>> clean_text("CafÃ©\\u00a0society")
    'Café society'
    >>> clean_text('<AbstractText Label="DESIGN">A trial.</AbstractText> <jats:title>Results</jats:title> <p>None.')
    'DESIGN: A trial. Results: None.'
    >>> clean_text("<p>Mice slept.</p><p>Results</p><p>CO<sub>2</sub> rose in <i>Mus</i>.<bold>Conclusion:</bold> None")
    'Mice slept. Results: CO2 rose in Mus. Conclusion: None'
    >>> clean_text("at 0<middle dot>25 degrees (<similar to>28 km)")
    'at 0·25 degrees (~28 km)'
    >>> clean_text("20 &mgr;M in B{é}nou{é}: the ``Grain for Green{''} project, ``Real \\\\ '' \\\\ decisions")
    '20 μM in Bénoué: the “Grain for Green” project, “Real” decisions'
    >>> clean_text("the camera’s small \ufb01eld of view disturbs the work\ufb02ow")
    'the camera’s small field of view disturbs the workflow'
    """
    if value is None:
        return ""
    if value.__class__ is not str:
        if isinstance(value, (list, tuple)):
            value = " ".join(str(v) for v in value if v is not None)
        else:
            value = str(value)
    # Most values need nothing: a few one-character searches (in C) say so before any real work.
    if "&" in value:
        value = html.unescape(value)
        # escaped twice (Covidence's "p &amp;lt; 0.05") or three times (Lens's "&amp;amp;#8211;")
        for _ in range(2):
            if "&" not in value or not _ENTITY.search(value):
                break
            value = html.unescape(value)
        if "gr;" in value:  # ISO 8879's Greek entities, which html does not know ("20 &mgr;M" in old PubMed text)
            value = _SGML_GREEK.sub(lambda m: _GREEK[m.group(1)], value)
    if "<" in value:
        value = _without_markup(value)
    if "{" in value or "`" in value:  # BibTeX's escapes in a RIS or CSV field ("B{é}nou{é}", "``Grain for Green{''}")
        value = _BRACED.sub(r"\1", value)
        if "``" in value:
            value = value.replace("``", "\u201c").replace("''", "\u201d")
            # another converter wrote "{''}" as " \\ '' \\ " ("the ``Grain for Green \\ '' \\ project")
            value = _QUOTE_SPACE.sub("\u201d", _SPACED_BACKSLASH.sub("", value))
    if "\n" in value:  # a text on several lines: where each break stands alone, a space is the result
        value = value.replace("\n", " ")
    if value.isascii():
        # Any ASCII whitespace but the plain space is "not printable" (as are the other control characters, which
        # the joining below leaves as they are): two quick passes instead of a search per whitespace character
        if "  " in value or not value.isprintable():
            return " ".join(value.split())  # (the ASCII whitespace str.split folds)
        return value.strip()
    if "\u00c2" in value or "\u00c3" in value or "\u00e2" in value:
        value = fix_mojibake(value)
    if "\ufeff" in value:
        value = value.replace("\ufeff", "")
    if "\u00a1" in value or "\u00bf" in value:
        value = _comparison_signs(value)
    if any(ligature in value for ligature in _LIGATURE_CHARACTERS):  # text taken from a PDF ("workﬂow", "ﬁeld")
        value = value.translate(LIGATURES)
    # Any whitespace but the plain space (no-break and other spaces, other breaks) is "not printable".
    if "  " in value or not value.isprintable():
        return " ".join(value.split())
    return value.strip()


#: "<" and ">" that a reference tool passed through LaTeX come back as "¡" and "¿" (their places in the OT1 font
#: table): "P ¡ 0.001", "p¡.01", "(¿= 37 weeks". Only a mark before a number is looked at.
_INVERTED_MARK = re.compile("([\u00a1\u00bf])(?==?\\s?\\.?\\d)")


def _comparison_signs(text: str) -> str:
    """``¡`` and ``¿`` before a number as the comparisons they stand for, unless they open a sentence.

    A Spanish exclamation or question opens its sentence (at the start of the text or after a full stop) and is
    closed by ``!`` or ``?``; a comparison stands inside a sentence and closes nothing.

    >>> _comparison_signs("longer (P ¡ 0.001, p¡.01) at birth (¿= 37 weeks)")
    'longer (P < 0.001, p<.01) at birth (>= 37 weeks)'
    >>> _comparison_signs("¿Cuántos? ¡10 años! Notas. ¿2]")
    '¿Cuántos? ¡10 años! Notas. ¿2]'
    """
    def sign(m: re.Match) -> str:
        mark, start = m.group(1), m.start()
        before = text[:start].rstrip()
        if not before or before[-1] in ".!?" or ("!" if mark == "\u00a1" else "?") in text[start:]:
            return mark
        return "<" if mark == "\u00a1" else ">"

    return _INVERTED_MARK.sub(sign, text)


#: What XML 1.0 cannot hold: control characters other than tab, line feed and carriage return, lone surrogates,
#: U+FFFE and U+FFFF (a damaged export or a hand-edited file can carry them; Word files are XML inside).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def with_line_feeds(text: str) -> str:
    """``text`` with every line end a line feed: Windows' CRLF, and the bare CR an old Mac editor or Excel's "CSV
    (Macintosh)" writes (the csv module refuses it outside quotes; split at "\\n" it leaves one long line).

    >>> with_line_feeds("a\\r\\nb\\rc\\n")
    'a\\nb\\nc\\n'
    """
    # one quick search first: most texts have none, and replacing would look for "\r\n" slowly
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def xml_text(value: str) -> str:
    """``value`` without the characters an XML document cannot hold (see :data:`_NOT_XML`).

    >>> xml_text("Recruitment\\x00 of\\x1a staff")
    'Recruitment of staff'
    """
    return _NOT_XML.sub("", value)


def normalise_doi(value) -> str:
    """Lower-case DOI without URL or ``doi:`` prefix; ``""`` when there is no DOI in the value.

    >>> normalise_doi("DOI: 10.1016/J.X.2020.01.002.")
    '10.1016/j.x.2020.01.002'

    A SICI-style DOI that an export broke with spaces around its bracket (Web of Science: ``...(2004)024 [
    0141:SPOCMP]2.0.CO;2``) is joined again: cut at the space, it would be the DOI of a whole issue.

    >>> normalise_doi("10.1659/0276-4741(2004)024 [ 0141:SPOCMP]2.0.CO;2")
    '10.1659/0276-4741(2004)024[0141:spocmp]2.0.co;2'

    One taken from a link keeps the link's percent escapes (Publish or Perish); they are decoded.

    >>> normalise_doi("10.1002/1098-2345%28200011%2952%3A3%3C133%3A%3AAID-AJP2%3E3.0.CO%3B2-%23")
    '10.1002/1098-2345(200011)52:3<133::aid-ajp2>3.0.co;2-#'

    One taken from a BioOne link keeps the page's suffix (Publish or Perish): it is dropped.

    >>> normalise_doi("10.1638/2009-0160.1.short"), normalise_doi("10.1638/2017-0242.1.full")
    ('10.1638/2009-0160.1', '10.1638/2017-0242.1')
    """
    if not value:
        return ""
    if isinstance(value, (list, tuple)):
        value = next((v for v in value if v and _DOI_IN_TEXT.search(str(v))), "")
    text = html.unescape(str(value)).strip()
    from urllib.parse import unquote

    if "%" in text and _ESCAPED_IN_DOI.search(text):
        text = unquote(text)
    if "[" in text:
        text = _SICI_GAP.sub("[", text)
    m = _DOI_IN_TEXT.search(text)
    if not m:
        return ""
    doi = without_trailing_marks(m.group(0)).lower()
    if doi.endswith((".short", ".full")):
        doi = _PAGE_SUFFIX.sub("", doi)
    return doi


def without_trailing_marks(doi: str) -> str:
    """``doi`` without the punctuation of the sentence or brackets around it that the match took in.

    A closing bracket is the DOI's own when the DOI opens it (Scopus: ``10.9770/jesi.2017.4.3S(2)``, an issue
    "3S(2)"); only one that nothing opens closes the text around the DOI ("(doi: 10.1234/x)").

    >>> without_trailing_marks("10.9770/jesi.2017.4.3S(2)"), without_trailing_marks("10.1234/x).")
    ('10.9770/jesi.2017.4.3S(2)', '10.1234/x')
    """
    pairs = {")": "(", "]": "[", "}": "{"}
    while doi:
        last = doi[-1]
        if last in ".,;'\"" or (last in pairs and doi.count(last) > doi.count(pairs[last])):
            doi = doi[:-1]
        else:
            return doi
    return doi


def normalise_pages(value) -> str:
    """Page range with a written-out end page; single pages and article numbers unchanged.

    >>> normalise_pages("1123-9"), normalise_pages("e0123"), normalise_pages("12--15")
    ('1123-1129', 'e0123', '12-15')
    """
    text = clean_text(value)
    if not text:
        return ""
    return page_range(text)


#: "pp", "pp." or "p." before the pages.
_PAGES_WORD = re.compile(r"^[pP][pP]?\.?\s*(?=\d)")
#: The volume IEEE Xplore writes after a proceedings paper's pages ("1534-1539 vol.2").
_VOLUME_AFTER_PAGES = re.compile(r"(?<=\d)\s+vol\.\s*\d+$", re.I)
#: What tools write for a missing page (``null`` from JSON turned CSV, ``None`` from Python, ``NaN``).
_NULL_PAGE = re.compile(r"(?i)\b(?:null|none|nan|n/a)\b")


def page_range(text: str) -> str:
    """:func:`normalise_pages` for a value that is already clean (no entities, tags or odd spaces).

    >>> page_range("e395--e403"), page_range("349-69"), page_range("e00127-20"), page_range("1279\u20101297")
    ('e395-e403', '349-369', 'e00127-20', '1279-1297')
    >>> page_range("3-"), page_range("3\u2010"), page_range("369-&")
    ('3', '3', '369')
    >>> page_range("null-null"), page_range("12-NULL"), page_range("None")
    ('', '12', '')
    >>> page_range("1534-1539 vol.2"), page_range("147-156 vol.1")
    ('1534-1539', '147-156')
    >>> page_range("125-125"), page_range("e12-e12"), page_range("2 p-2 p")
    ('125', 'e12', '2 p')
    >>> page_range("pp 37-64"), page_range("pp. 7-9"), page_range("p. 12"), page_range("146p")
    ('37-64', '7-9', '12', '146p')
    """
    if "vol" in text and _VOLUME_AFTER_PAGES.search(text):  # IEEE Xplore's "1534-1539 vol.2": the volume, not pages
        text = _VOLUME_AFTER_PAGES.sub("", text)
    if text[:1] in "pP" and text[1:2] in "pP. ":  # TRID's "pp 37-64": the abbreviation is no part of the pages
        text = _PAGES_WORD.sub("", text, count=1)
    text = _PAGE_DASH.sub("-", text)
    if ("n" in text or "N" in text) and _NULL_PAGE.search(text):
        # "null-null", "12-null": a tool's placeholder for a missing page is no page
        text = "-".join(p for p in text.split("-") if not _NULL_PAGE.fullmatch(p.strip()))
    if text.endswith("-&"):  # Web of Science's "EP &" (the article goes on on later pages): the start page alone
        text = text[:-1]
    if text.endswith("-"):  # a range without its end page ("3-"): the start page alone
        text = text.rstrip("-")
    if text.count("-") == 1:
        start, _, end = text.partition("-")
        if start.strip() and start.strip() == end.strip():  # Covidence's "2 p-2 p" (a page count, twice): one value
            return start.strip()
    m = _PAGE_RANGE.fullmatch(text)
    if not m:
        return text
    p1, start, p2, end = m.groups()
    if end == start and p2 in ("", p1):  # IEEE's "125-125": one page, as other exports give it ("SP 125, EP 125")
        return f"{p1}{start}"
    if len(end) < len(start) and not p2:
        full = start[: len(start) - len(end)] + end
        if int(full) < int(start):  # no range: an article id such as ASM's "e00127-20" (its year)
            return text
        end = full
    return f"{p1}{start}-{p2 or p1}{end}" if (p2 or p1) else f"{start}-{end}"


def first_page(value) -> str:
    """The first page of a page range (``"482-491"`` → ``"482"``)."""
    text = normalise_pages(value)
    return text.split("-", 1)[0] if text else ""


def parse_year(value):
    """The first plausible four-digit year in the value, as an int, else ``None``.

    A date written without separators (EBSCO's ``20190312``, ``201903``) gives its year too.

    >>> parse_year("2019/03/12/"), parse_year("Spring 1998"), parse_year("n.d."), parse_year("20190312")
    (2019, 1998, None, 2019)
    >>> parse_year("Start date: 20170812"), parse_year("No. 20170812")
    (2017, None)
    """
    if value is None:
        return None
    if isinstance(value, int):
        return value if 1500 <= value <= 2199 else None
    m = _YEAR.search(str(value)) or _COMPACT_DATE.match(str(value))
    return int(m.group(1)) if m else None


#: Capital vowels of the Latin, Cyrillic and Greek alphabets (an accented Latin vowel counts by its letter): a
#: word of four or five capitals with one of them is a name ("JOHN", "СЛЕД", "ΣΟΦΙΑ"), not initials run together.
_VOWELS = frozenset("AEIOUY" "АЕЁИОУЫЭЮЯЄІЇ" "ΑΕΗΙΟΥΩΆΈΉΊΌΎΏ")


def _run_of_initials(word: str) -> bool:
    """Whether a capitalised word is initials run together: up to three letters ("JR"), or four or five
    without a vowel ("DGJC"; "JOHN" in an upper-case export is a name, and so is "СЛЕД")."""
    return len(word) <= 3 or (len(word) <= 5 and not any(
        c in _VOWELS or unicodedata.normalize("NFD", c)[0] in _VOWELS for c in word))


#: Initials run together where one stands for two letters of a transliterated name (Zoological Record's
#: "Marusik, YuM", "Eskov, KYu": Yu. M., K. Yu.): two or three capitals, each followed by at most one small letter.
_TRANSLITERATED_INITIALS = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})(?:[A-Z][a-z]?){2,3}")
_CAPITAL = re.compile(r"[A-Z]")
#: Two initials written as a name's two letters, capital then small, with no vowel between them ("Tc", "Kl").
_MIXED_CASE_INITIALS = re.compile(r"(?!St)[A-Z][b-df-gj-np-tv-xz]")


#: The hyphens other than "-" that join a given name's parts: Wiley's records (and Google Scholar's copies of
#: them) write "Jun\u2010Young" with the Unicode hyphen, whose second part was lost ("J." for "J.-Y.").
_NAME_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


def _initials(given: str) -> str:
    given = given.translate(_NAME_HYPHENS)
    # "E.-J." is one hyphenated name (Eva-Joanna), not two initials.
    if "-" in given:
        parts = [p for p in _INITIAL_SPLIT.split(_INITIAL_HYPHEN.sub("-", given)) if p]
    else:  # the same cut at runs of spaces and dots, without regular expressions (most names)
        parts = given.replace(".", " ").split()
    out = []
    for k, p in enumerate(parts):
        if "-" in p:  # Jean-Paul -> J.-P.
            out.append("-".join(s[0].upper() + "." for s in p.split("-") if s))
        elif p.isupper() and p.isalpha() and _run_of_initials(p):  # "JR" style initials from MEDLINE
            out.extend(ch + "." for ch in p)
        elif not p.islower() and _TRANSLITERATED_INITIALS.fullmatch(p):  # Zoological Record "YuM", "KYu"
            out.extend(m[0] + "." for m in _CAPITAL.findall(p))
        elif (k == len(parts) - 1 and k and _MIXED_CASE_INITIALS.fullmatch(p) and p + "." not in given
              and all(len(q) > 2 for q in parts[:k])):
            # MEDLINE's full names (PubMed's FAU, Ovid's RIS) write the initials after the given names in the case
            # of a name: "Lai, Eric Tc" is Eric T. C. Lai. Only last, after names written out: "S. Pt R." is no
            # such form; "Th.", "Ch", "St" are one name's abbreviation (Thomas, Christian, Saint), not two initials.
            out.extend(ch.upper() + "." for ch in p)
        else:
            out.append(p[0].upper() + ".")
    return " ".join(out)


#: Words that make a name a group author (kept as written). Reports' authors are often the bodies that wrote or
#: paid for them (TRID: "Western Michigan University", "Federal Highway Administration"), read as a person's
#: name they were "University, W. M.".
GROUP_WORDS = frozenset({"group", "consortium", "collaboration", "committee", "society", "investigators", "network",
                         "organization", "organisation", "association", "study", "trial", "team", "panel", "council",
                         "institute", "foundation", "agency", "coalition", "alliance", "federation", "ministry",
                         "university", "universidad", "universidade", "université", "universität", "università",
                         "department", "administration", "commission", "laboratory", "centre", "center", "hospital"})


#: The last word of a group's name that a tool put first as if it were a family name (Web of Science abbreviates
#: "Group" as "Grp"); given names with an initial among them are a person's ("Group, J.-P."). Words that are also
#: people's family names (Team, Council, Panel, Trial) are left out.
_GROUP_LAST_WORDS = (GROUP_WORDS - {"team", "council", "panel", "trial", "center", "centre"}) | {
    "grp", "collaborators", "trialists"}
_ANY_INITIAL = re.compile(r"(?:^|[\s.-])[^\W\d_](?:\.|$|\s|-)")
#: Small words that join the words of a group's name ("Ministerio de Educación y Ciencias", "Secretaria de Saúde"):
#: a tool that splits every name at its last comma-less word (Covidence: "Pará . Secretaria de, Saúde") leaves one
#: at the end of the "family name", where no person's family name ends.
_JOINING_WORDS = frozenset({"de", "del", "da", "do", "dos", "das", "y", "e", "la", "las", "los", "of", "and", "for",
                            "the", "des", "du", "et", "für", "und"})


def is_group_author(words: list[str]) -> bool:
    """Whether a name's words (no comma in it) are a group's name rather than a person's: more than five
    words, or a word such as ``Group`` or ``Consortium``."""
    return len(words) > 5 or any(w.lower() in GROUP_WORDS for w in words)


#: Capital letters an initial may be: Latin ones with their accents ("Escudero-Arnanz Ó.", "Yılmaz Ö.", "Nowak Ł.",
#: Vietnamese "Đ"), Greek and Cyrillic ones (eLibrary's "Иванов И.И."). With A-Z alone, a family name followed by
#: such an initial was read given names first: "Ó., E.-A.", "И.И., И.".
CAPITAL_LETTERS = "A-Z" + "".join(c for c in map(chr, [*range(0xC0, 0x530), *range(0x1E00, 0x1F00)]) if c.isupper())
_LONE_INITIAL = re.compile(rf"^[{CAPITAL_LETTERS}]\.?$")
#: Initials written with their full stops and nothing between them ("O.", "N.K.", "J.-P."): a name ending in them
#: is written family name first (Scopus's older RIS "Cordin O.", "Tanner N.K.").
#: Two or more initials written together, each with its full stop ("M.A.", "J.-P."): all of a person's given names.
_GLUED_INITIALS = re.compile(r"(?:[^\W\d_]\.-?){2,}")
_DOTTED_INITIALS = re.compile(rf"(?:[{CAPITAL_LETTERS}]\.-?){{1,4}}")
#: MEDLINE's author form joins a particle of the given names to the initial before it ("Maia Jde F" for
#: José de Farias Maia): the initial, then the particle, which initials leave out.
INITIAL_AND_PARTICLE = re.compile(r"[A-Z](?:de|da|do|dos|das|del|du)")


#: A nickname in brackets within a person's name (SpringerLink's "Jaehoon (Paul) Jeong"): one word of letters,
#: which would otherwise be read as a given name and give the initial "(.".
_NICKNAME = re.compile(r"\s*\([^\W\d_][^\s()]*\)")

#: The same nickname in quotes (Scopus: "‘Floyd’ Mueller, Florian"; Web of Science: "Mueller, Florian 'Floyd'"):
#: one quoted word of letters standing alone, so "O'Brien" and "D'Angelo" keep their apostrophe. It gave the family
#: name "‘Floyd’ Mueller" or the initial "'.".
_QUOTED_NICKNAME = re.compile(r"(?:^|\s+)(?:'[^\W\d_][^\s']*'|\"[^\W\d_][^\s\"]*\"|‘[^\W\d_][^\s’]*’"
                              r"|“[^\W\d_][^\s”]*”)(?=[\s,]|$)")

#: The particles that open a family name ("van", "de", "dos"...).
NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "du", "dos", "das", "ter",
                            "ten"})

#: A bracketed second form of a name: a catalogue's transliteration beside the name in its own script ("Ադոնց
#: [Adonc῾], Նիկողայոս [Nikołayos]"). The same name again, no initials ("Ադոնց [Adonc῾], Ն. [." it was).
_BRACKETED = re.compile(r"\s*\[[^\[\]]*\]")


def without_second_forms(name: str) -> str:
    """A name without the second forms a catalogue gives in brackets beside it (see :data:`_BRACKETED`); a name
    that is all in brackets ("[Anonymous]") stays as it is.

    >>> without_second_forms("Ադոնց [Adonc῾], Նիկողայոս [Nikołayos]"), without_second_forms("[Anonymous]")
    ('Ադոնց, Նիկողայոս', '[Anonymous]')
    """
    return (_BRACKETED.sub("", name).strip(" ,") or name) if "[" in name else name


#: Han characters and kana: scripts written without spaces between words. Hangul is not among them: Korean
#: spaces its words.
UNSPACED_SCRIPT = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNSPACED_RUN = re.compile(f"[{UNSPACED_SCRIPT}]+|[^{UNSPACED_SCRIPT}]+")
#: One character of those scripts (a keyword in them has no word boundaries to look for).
UNSPACED_CHAR = re.compile(f"[{UNSPACED_SCRIPT}]")


#: One character of Chinese, Japanese or Korean (Han, kana, Hangul): no Latin font has it, and a name in it has no
#: initials, nor an order that can be told from the name: "吉彦 早川" (Lens, given name first) and "早川 吉彦" (as
#: written in Japanese) are one person. Read as a Latin name it became "早川, 吉.", the given name cut to one
#: character.
EAST_ASIAN_CHAR = re.compile(f"[{UNSPACED_SCRIPT}\uac00-\ud7af]")


def in_unspaced_script(text: str) -> bool:
    """Whether a text has characters of a script written without spaces (Chinese, Japanese)."""
    return not text.isascii() and UNSPACED_CHAR.search(text) is not None


#: What a French library catalogue (the BnF's, Gallica's; Zotero keeps it) writes after a person's given names: the
#: life dates ("Vasari, Giorgio (1511-1574)", "(1937-....)") and the person's role in the work ("Auteur du texte",
#: "Traducteur"): no part of the name (read as initials, "Vasari, G. (.-1. A. D. T."). Taken only after a comma,
#: among the given names ("Jean Auteur" may be a family name).
_CATALOGUE_ADDITIONS = re.compile(
    r"\s*\(\d{3,4}\??-(?:\d{3,4}\??|\.{4})\)|\s+(?:Auteur du texte|Auteur|Éditeur scientifique|Traducteur|"
    r"Illustrateur|Préfacier|Postfacier|Annotateur|Commentateur|Compilateur|Directeur de publication)$")


def normalise_author(value) -> str:
    """One author as ``"Family, I. J."``; organisations are kept as written.

    Understands ``"Family, Given"``, ``"Family GI"`` (MEDLINE ``AU``), ``"Family G I"``, ``"Given Family"`` and
    ``"Family, G.I."``.

    >>> normalise_author("Smith JR"), normalise_author("John R. Smith"), normalise_author("Smith, J.R.")
    ('Smith, J. R.', 'Smith, J. R.', 'Smith, J. R.')
    >>> normalise_author("Mulders DGJC"), normalise_author("SMITH, JOHN")
    ('Mulders, D. G. J. C.', 'SMITH, J.')
    >>> normalise_author("D Kateris…"), normalise_author("...")  # Google Scholar cut the list there
    ('Kateris, D.', '')
    >>> normalise_author("et al."), normalise_author("and others")  # marks of more authors (AUTHORS_LEFT_OUT)
    ('', '')
    >>> normalise_author("[Anonymous]"), normalise_author("Anonymous")  # no author (NO_AUTHOR)
    ('', '')
    >>> normalise_author("Marusik, YuM"), normalise_author("Eskov, KYu")
    ('Marusik, Y. M.', 'Eskov, K. Y.')
    >>> normalise_author("Prof. Suojiang Zhang"), normalise_author("Dr Who"), normalise_author("Sharma, DR. Sandeep")
    ('Zhang, S.', 'Who, D.', 'Sharma, S.')
    >>> normalise_author("TOTH A Z"), normalise_author("Smith J. R.")  # Derwent's inventors: spaced initials
    ('TOTH, A. Z.', 'Smith, J. R.')
    >>> normalise_author("Maia Jde F")  # MEDLINE: J. de F. Maia
    'Maia, J. F.'
    >>> normalise_author("Cordin O."), normalise_author("Tanner N.K."), normalise_author("De La Cruz J.")
    ('Cordin, O.', 'Tanner, N. K.', 'De La Cruz, J.')
    >>> normalise_author("ISO 17281:2002")  # an EndNote library's corporate author
    'ISO 17281:2002'
    >>> normalise_author("Jaehoon (Paul) Jeong"), normalise_author("World Health Organization (WHO)")
    ('Jeong, J.', 'World Health Organization (WHO)')
    >>> normalise_author("‘Floyd’ Mueller, Florian"), normalise_author("Mueller, Florian 'Floyd'")  # nickname
    ('Mueller, F.', 'Mueller, F.')
    >>> normalise_author("On behalf of the DRAGON consortium"), normalise_author("for the TOPCAT Investigators")
    ('DRAGON consortium', 'TOPCAT Investigators')
    >>> normalise_author("M.A. Mohamed Hashim"), normalise_author("F.L. Benítez-Martínez")
    ('Mohamed Hashim, M. A.', 'Benítez-Martínez, F. L.')
    >>> normalise_author("Escudero-Arnanz Ó."), normalise_author("Иванов И.И."), normalise_author("Yılmaz Ö Ş")
    ('Escudero-Arnanz, Ó.', 'Иванов, И. И.', 'Yılmaz, Ö. Ş.')
    >>> normalise_author("吉彦 早川"), normalise_author("早川,  吉彦")  # kept whole, in the order given
    ('吉彦 早川', '早川, 吉彦')
    >>> normalise_author("Vasari, Giorgio (1511-1574) Auteur du texte"), normalise_author("Otlet, Paul (1868-1944)")
    ('Vasari, G.', 'Otlet, P.')
    >>> normalise_author("Lai, Eric Tc"), normalise_author("Wong, Samuel Ys"), normalise_author("Novak, Jan Ch.")
    ('Lai, E. T. C.', 'Wong, S. Y. S.', 'Novak, J. C.')
    >>> normalise_author("Anil, S. Pt R."), normalise_author("Smith, John Ph"), normalise_author("Smith, Mary St")
    ('Anil, S. P. R.', 'Smith, J. P.', 'Smith, M. S.')
    >>> normalise_author("Pará . Secretaria de, Saúde"), normalise_author("Ministerio de Salud Publica y Bienestar, Social")
    ('Pará . Secretaria de Saúde', 'Ministerio de Salud Publica y Bienestar Social')
    >>> normalise_author("Ադոնց [Adonc῾], Նիկողայոս [Nikołayos]")  # a catalogue's transliteration in brackets
    'Ադոնց, Ն.'
    """
    text = clean_text(value).strip(" ;,")
    if text.endswith(("\u2026", "...")):  # Google Scholar's mark of authors left out ("...", "D Kateris…")
        text = _TRAILING_ELLIPSIS.sub("", text)
    if text.lower() in AUTHORS_LEFT_OUT or text.lower() in NO_AUTHOR:  # "et al.": more authors; "[Anonymous]": none
        return ""
    if text[:2] in _TITLE_STARTS and _TITLE.match(text):  # Crossref's "Prof. Suojiang Zhang"
        text = _TITLE.sub("", text, count=1)
    if text[:1] in "OoFfAa" and "," not in text and _ON_BEHALF.match(text):
        rest = _ON_BEHALF.sub("", text, count=1)
        if len(rest.split()) > 1 and is_group_author(rest.split()):  # "for the TOPCAT Investigators"
            text = rest
    text = without_second_forms(text)  # (a name all in brackets, "[Anonymous]", is no author: read above)
    if "(" in text and not is_group_author(text.split()):  # a group's "(WHO)" stays
        text = _NICKNAME.sub("", text)
    if ("'" in text or '"' in text or "\u2018" in text or "\u201c" in text) and _QUOTED_NICKNAME.search(text):
        bare = _QUOTED_NICKNAME.sub(" ", text).strip()
        if bare and bare[0] != ",":  # a family name all in quotes ('"Smith", J') is a name, not a nickname
            text = bare
    if "," in text and ("(" in text or "teur" in text) and _CATALOGUE_ADDITIONS.search(text):  # dates and role
        text = _CATALOGUE_ADDITIONS.sub("", _CATALOGUE_ADDITIONS.sub("", text))
    if not text:
        return ""
    if EAST_ASIAN_CHAR.search(text):
        family, comma, given = text.partition(",")
        return f"{family.strip()}, {given.strip()}" if comma and given.strip() else " ".join(text.split())
    if "," in text:
        family, given = text.split(",", 1)
        family, given = family.strip(), given.strip()
        if given[:2] in ("Dr", "DR", "Pr", "PR"):
            given = _GIVEN_TITLE.sub("", given, count=1)
        if not given:
            return family
        family_words = family.split()
        if (len(family_words) > 1 and (family_words[-1] in _JOINING_WORDS or is_group_author(family_words))
                and " " not in given and not _ANY_INITIAL.search(given)):
            # a group's name split at its last word as if it were a person's (Covidence's "Ministerio de Salud
            # Publica y Bienestar, Social"): kept whole, in its own order, not given the initial "S."
            return f"{family} {given}"
        if family.lower() in _GROUP_LAST_WORDS and not _ANY_INITIAL.search(given):
            # a group's name turned "Family, Given" by its last word ("Study, Pediat HIV AIDS Cohort", "Grp, TEDDY
            # Study"): no initials of a group, its name in its own order
            return f"{given} {family}"
        given_words = given.split()
        if (len(given_words) > 2 and " " not in family and any(w.lower() in GROUP_WORDS for w in given_words)
                and not _ANY_INITIAL.search(given)):  # (a word such as "Network": six given names are a person's)
            # the same split at another last word (Zotero's "Interventions, Adolescent Medicine Trials Network for
            # HIV/AIDS"): given names that are a group's name themselves are no person's, nor initials
            return f"{given} {family}"
        # A trailing suffix such as "Jr" after a second comma stays out of the initials.
        if "," in given:
            given = _NAME_SUFFIX.sub("", given)
        elif " " in given:  # "Olavo Joao Frederico Jr": the suffix is no initial (a lone "JR" is J. R.)
            given = _TRAILING_SUFFIX.sub("", given)
        if given[-1:].islower() and " " in given:
            # Scopus's "Paula, Vanessa Romário de": a particle after the given names opens the family name (Web of
            # Science's "de Paula, V. R."), no initial; a capitalised word may be a name ("Bouder, Hélène Le")
            words = given.split()
            k = len(words)
            while k > 1 and words[k - 1] in NAME_PARTICLES:
                k -= 1
            if k < len(words):
                family, given = f"{' '.join(words[k:])} {family}", " ".join(words[:k])
        if given and " " not in given and east_asian_family_first(family, given):  # "LI, WEI", not W. E. I.
            return f"{family}, {_east_asian_initials(given)}"
        return f"{family}, {_initials(given)}" if given else family
    words = text.split()
    if len(words) > 2 and _TRAILING_SUFFIX.search(text):  # MEDLINE "Smith JR Jr": the family name comes first
        words = words[:-1]
        text = " ".join(words)
    if len(words) == 1:
        return text
    if is_group_author(words) or any(c.isdigit() for c in text):  # "ISO 17281:2002": a standard, no person
        return text
    if len(words) == 2 and east_asian_family_first(*words):  # "Wang Xiaoming", "Kim Chul-Soo", "LI WEI"
        return f"{words[0]}, {_east_asian_initials(words[1])}"
    if len(words) == 2 and words[1].isupper() and not words[0].isupper() and east_asian_family_first(*words[::-1]):
        # the family name last in capitals (J-STAGE's and Korean journals' English pages: "Chul-Soo KIM"), not
        # MEDLINE's initials after a family name ("Chul-Soo, K. I. M.")
        return f"{words[1]}, {_east_asian_initials(words[0])}"
    capitals = _family_in_capitals(words)
    if capitals:  # "YAMADA Taro", "DUPONT Jean-Pierre", "VAN DER BERG Jan": the family name in capitals, first
        return f"{' '.join(words[:capitals])}, {_initials(' '.join(words[capitals:]))}"
    # Derwent's inventors and some CSV exports space the initials: "TOTH A Z", "Smith J R"
    k = len(words)
    while k > 1 and _LONE_INITIAL.match(words[k - 1]):
        k -= 1
    if len(words) - k >= 2:
        return f"{' '.join(words[:k])}, {_initials(' '.join(words[k:]))}"
    if len(words) > 2 and _GLUED_INITIALS.fullmatch(words[0]):
        # Publish or Perish's Scopus rows: "M.A. Mohamed Hashim" - every given name is an initial, so the words
        # after them are all the family name (read as "Hashim, M. A. M." it was another person)
        return f"{' '.join(words[1:])}, {_initials(words[0])}"
    last = words[-1]
    if last.isupper() and last.isalpha() and _run_of_initials(last):  # MEDLINE "Smith JR", "Mulders DGJC"
        if len(words) > 2 and INITIAL_AND_PARTICLE.fullmatch(words[-2]):  # MEDLINE "Maia Jde F": J. de F.
            return f"{' '.join(words[:-2])}, {_initials(words[-2][0] + last)}"
        return f"{' '.join(words[:-1])}, {_initials(last)}"
    if _DOTTED_INITIALS.fullmatch(last) and not _DOTTED_INITIALS.fullmatch(words[0]):  # "Cordin O.", "Tanner N.K."
        return f"{' '.join(words[:-1])}, {_initials(last)}"
    i = len(words) - 1
    # (not "Nha Van Phan": Phan, N. V., not "Van Phan, N.")
    while i > 1 and words[i - 1].lower() in NAME_PARTICLES and not _vietnamese_middle_name(words[i - 1], words[-1]):
        i -= 1
    return f"{' '.join(words[i:])}, {_initials(' '.join(words[:i]))}"


def _family_in_capitals(words: list[str]) -> int:
    """How many words open a name as its family name written in capitals before given names that are not
    ("YAMADA Taro" in J-STAGE's English records, "DUPONT Jean" in French ones, "VAN DER BERG Jan"), else 0. Read
    given name first they were "Taro, Y.", "Jean, D." and "Jan, V. A. N. D. E. R. B.". One short capital word
    stays as it was: "AE Smith" is initials (Google Scholar's order), which "LI Wei" looks the same as.

    >>> _family_in_capitals(["YAMADA", "Taro"]), _family_in_capitals(["VAN", "DER", "BERG", "Jan"])
    (1, 3)
    >>> _family_in_capitals(["AE", "Smith"]), _family_in_capitals(["A", "S", "M", "Borhan"])
    (0, 0)
    >>> _family_in_capitals(["JOHN", "SMITH"]), _family_in_capitals(["Taro", "YAMADA"])
    (0, 0)
    """
    k = 0
    while k < len(words) and words[k].isupper() and any(c.isalpha() for c in words[k]) and "." not in words[k]:
        k += 1
    if k == 0 or k == len(words) or any(w.isupper() for w in words[k:]):
        return 0
    if any(len(w) < 2 for w in words[:k]) or all(_run_of_initials(w) for w in words[:k]):
        return 0  # "A S M Borhan", "AE Smith": initials, not a family name
    return k


#: The common Vietnamese family names, without their diacritics.
VIETNAMESE_FAMILY_NAMES = frozenset({
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong",
    "ly", "truong", "dinh", "doan", "lam", "trinh", "luong", "ta", "thai", "quach", "kieu", "dao", "vuong", "phung",
    "tong", "khuc"})


def _vietnamese_middle_name(word: str, family: str) -> bool:
    """Whether ``word`` before the family name is the Vietnamese middle name Văn, not the Dutch particle: a
    Vietnamese name written given names first ("Nha Van Phan", SpringerLink's and Crossref's order) has "Van"
    before one of the Vietnamese family names, where a Dutch or Flemish one ("Filip Van Immerseel") has not.

    >>> _vietnamese_middle_name("Van", "Nguyen"), _vietnamese_middle_name("Văn", "Nguyễn")
    (True, True)
    >>> _vietnamese_middle_name("Van", "Immerseel"), _vietnamese_middle_name("van", "Nguyen")
    (False, False)
    """
    if word not in ("Van", "Văn"):
        return False
    folded = unicodedata.normalize("NFKD", family.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in folded if not unicodedata.combining(c)).lower() in VIETNAMESE_FAMILY_NAMES


# --- East Asian names written in Latin letters ----------------------------------------------------------------

#: The finals each Hanyu Pinyin initial takes (no tones; "v" for ü). A word made of these syllables can be a
#: Chinese given name in pinyin ("Xiaoming", "Xiao-Ming"); a Western name rarely is ("Smith", "Jones").
_PINYIN_FINALS = {
    "": "a ai an ang ao e ei en eng er o ou",
    "b p m": "a ai an ang ao ei en eng i ian iao ie in ing o u",
    "f": "a an ang ei en eng o ou u",
    "d t n l": "a ai an ang ao e ei en eng i ia ian iang iao ie in ing iu ong ou u uan ui un uo v ve ue",
    "g k h": "a ai an ang ao e ei en eng ong ou u ua uai uan uang ui un uo",
    "j q x": "i ia ian iang iao ie in ing iong iu u uan ue un",
    "zh ch sh r z c s": "a ai an ang ao e ei en eng i ong ou u ua uai uan uang ui un uo",
    "y": "a an ang ao e i in ing o ong ou u uan ue un",
    "w": "a ai an ang ei en eng o u",
}
PINYIN_SYLLABLES = frozenset(initial + final for initials, finals in _PINYIN_FINALS.items()
                             for initial in (initials.split() or [""]) for final in finals.split())
#: Common Chinese family names in pinyin (the hundred most frequent, and the compound ones).
CHINESE_FAMILY_NAMES = frozenset(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song tang "
    "han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao cui "
    "zhong tan fan jin shi liao jia xia fu fang zou xiong bai meng qin qiu hou yin xue yan duan lei long tao mao hao "
    "gu gong shao wan qian dai mo kong xiang chang wen kang niu hong qi geng ge yi zhuang lai ni ou bao miao "
    "ouyang sima zhuge shangguan situ dongfang xiahou huangfu".split())
#: Common Korean family names as Korean authors romanise them.
KOREAN_FAMILY_NAMES = frozenset(
    "kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh seo suh shin "
    "kwon hwang ahn an song jeon chun hong yoo yu ko koh moon mun yang son sohn bae baek paek heo huh nam noh roh "
    "ha kwak sung seong cha joo ju woo koo ku min ryu yoo na jin ji chae won bang pyo".split())
#: One syllable of a Korean given name in the usual romanisations ("Chul", "Soo", "Hyun", "Jae").
_KOREAN_SYLLABLE = re.compile(r"(?:ch|jj|kk|pp|ss|tt|[bcdghjkmnprstwy])?(?:[aeiou]|w[aeiou]|y[aeiou])[aeiou]?"
                              r"(?:ng|[klmnpt])?")


def _pinyin_count(word: str) -> int:
    """How many pinyin syllables ``word`` (lower case, letters only) is, the fewest it splits into; 0 when it is
    not pinyin."""
    best = [0] + [-1] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            if best[start] >= 0 and word[start:end] in PINYIN_SYLLABLES and (
                    best[end] < 0 or best[start] + 1 < best[end]):
                best[end] = best[start] + 1
    return max(best[-1], 0)


def east_asian_family_first(family: str, given: str) -> bool:
    """Whether a name of two words, ``family given``, is a Chinese or Korean name written family name first, as
    CNKI's and Wanfang's English records, Korean databases and capitals-only exports write them ("Wang Xiaoming",
    "Kim Chul-Soo", "LI WEI"). Read as Western names they were "Xiaoming, W." and "Chul-Soo, K.", other people to
    every database that writes "Wang, X.".

    Taken only where the order is not in doubt: the first word one of the common family names, and the second a
    given name of two syllables (joined or hyphenated) that is not itself a family name. One syllable ("Li Wei",
    "Wei Li") says nothing about the order, except in a name all in capitals, which such exports write family
    name first ("LI WEI"; read as initials it was "LI, W. E. I.").

    >>> east_asian_family_first("Wang", "Xiaoming"), east_asian_family_first("Kim", "Chul-Soo")
    (True, True)
    >>> east_asian_family_first("LI", "WEI"), east_asian_family_first("Li", "Wei")
    (True, False)
    >>> east_asian_family_first("Xiaoming", "Wang"), east_asian_family_first("Kim", "Smith-Jones")
    (False, False)
    """
    surname, name = family.casefold(), given.casefold()
    chinese, korean = surname in CHINESE_FAMILY_NAMES, surname in KOREAN_FAMILY_NAMES
    if not (chinese or korean) or not name.replace("-", "").isascii() or not name.replace("-", "").isalpha():
        return False
    parts = name.split("-")
    if len(parts) == 2:
        return all(_pinyin_count(p) == 1 or (korean and _KOREAN_SYLLABLE.fullmatch(p)) for p in parts)
    if len(parts) > 1 or not chinese:
        return False
    if name not in CHINESE_FAMILY_NAMES and _pinyin_count(name) == 2:
        return True
    return family.isupper() and given.isupper() and len(name) >= 3 and _pinyin_count(name) == 1


def _east_asian_initials(given: str) -> str:
    """A Chinese or Korean given name's initials: one for each hyphenated part, else one ("WEI" is not W. E. I.)."""
    return _initials(given) if "-" in given else given[0].upper() + "."


def normalise_authors(values) -> list[str]:
    """A list of normalised authors from a list or a ``" and "``/``";"``-separated string."""
    if not values:
        return []
    if isinstance(values, str):
        values = re.split(r"\s+and\s+|;\s*", values)
    out = [normalise_author(v) for v in values]
    return [a for a in out if a]


def cited_authors(authors) -> str:
    """The authors as a text cites them: one family name, two joined by "and", else the first "et al.".

    ``authors`` is a list of names or one text with ``;`` between them.

    Names written in Chinese or Japanese script (kept whole, as they are written) are cited as those languages
    cite them: two joined by "、", more as the first and "等", not "陈凤侠 and 蒋玲".

    >>> cited_authors("Haddad, N.; Smith, J."), cited_authors(["Mensah, K.", "Obi, A.", "Lee, C."]), cited_authors("")
    ('Haddad and Smith', 'Mensah et al.', '')
    >>> cited_authors(["陈凤侠", "蒋玲"]), cited_authors(["陈凤侠", "蒋玲", "王小明"])
    ('陈凤侠、蒋玲', '陈凤侠等')
    """
    if authors is None or (isinstance(authors, float) and authors != authors):
        return ""
    names = [str(a).strip() for a in (authors.split(";") if isinstance(authors, str) else authors) if str(a).strip()]
    if not names:
        return ""
    family = [n.split(",")[0].strip() for n in names[:2]]
    if UNSPACED_CHAR.match(family[0]):
        return family[0] + ("等" if len(names) > 2 else f"、{family[1]}" if len(names) == 2 else "")
    return family[0] + (" et al." if len(names) > 2 else f" and {family[1]}" if len(names) == 2 else "")


def cited_study(authors, year, key: str = "") -> str:
    """A study as a text cites it, its key after it when given: ``Jones et al. 2026 (g124f3bacf84c1ce9)``; the key
    alone when neither its authors nor its year are known. A missing year (``None``, NaN, ``pd.NA``) is left out.

    >>> cited_study("Marsh, A.", 2022.0, "g469c"), cited_study(["Mensah, K.", "Obi, A."], None), cited_study("", "", "g1")
    ('Marsh 2022 (g469c)', 'Mensah and Obi', 'g1')
    """
    missing = year is None or (isinstance(year, float) and year != year) or type(year).__name__ == "NAType"
    year = "" if missing else str(year).strip().removesuffix(".0")
    cited = " ".join(x for x in (cited_authors(authors), year) if x)
    if not key:
        return cited
    return f"{cited} ({key})" if cited else str(key)


def split_keywords(values) -> list[str]:
    """Keywords as a list, splitting ``;``-separated strings."""
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    out = []
    for v in values:
        for part in re.split(r"\s*;\s*", str(v)):
            part = clean_text(part)
            if part:
                out.append(part)
    return out


def fold_accents(text: str) -> str:
    """Remove diacritics: ``"Müller"`` → ``"Muller"``."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def text_words(text: str) -> list[str]:
    """The words of a text: its spaced words, and in Chinese or Japanese script its overlapping pairs of
    characters.

    A title or abstract from CNKI, Wanfang or CiNii has no spaces between its words: read by its spaces, a whole
    title is one "word", which only the same title shares. Most Chinese words have two characters, and a pair of
    characters that two texts share is a word or the seam of two (a lone character counts alone): what search
    engines index Chinese and Japanese by when they have no dictionary. Other letters and digits in such a text
    are words as anywhere else.

    >>> text_words("基于深度学习的肺部CT图像分割")
    ['基于', '于深', '深度', '度学', '学习', '习的', '的肺', '肺部', 'CT', '图像', '像分', '分割']
    >>> text_words("COVID-19患者的护理"), text_words("insulin and sleep")
    (['COVID-19', '患者', '者的', '的护', '护理'], ['insulin', 'and', 'sleep'])
    """
    if not in_unspaced_script(text):
        return text.split()
    words = []
    for run in _UNSPACED_RUN.findall(text):
        if UNSPACED_CHAR.match(run):
            words.extend([run[k:k + 2] for k in range(len(run) - 1)] if len(run) > 1 else [run])
        else:
            words.extend(run.split())
    return words


def spaced_text(text: str) -> str:
    """A text with its words spaced as :func:`text_words` reads them, in simplified Chinese characters: for word
    counting tools such as TF-IDF, which split words at spaces and punctuation and would read a whole Chinese title
    as one word. Other texts as they are.

    >>> spaced_text("糖尿病患者的护理"), spaced_text("Insulin and sleep")
    ('糖尿 尿病 病患 患者 者的 的护 护理', 'Insulin and sleep')
    >>> spaced_text("糖尿病患者的護理")  # traditional characters read as simplified ones
    '糖尿 尿病 病患 患者 者的 的护 护理'
    """
    if not in_unspaced_script(text):
        return text
    return " ".join(text_words(simplified_chinese(text)))


def simplified_chinese(text: str) -> str:
    """A text with traditional Chinese characters written as simplified ones (OpenCC's ``t2s`` table), for
    comparing: Airiti and other Taiwanese and Hong Kong databases export a paper's title, authors and journal in
    traditional characters, CNKI and Wanfang in simplified ones, and the two copies are only about half alike
    character for character. Texts without Han characters are returned as they are, without loading the table.

    >>> simplified_chinese("基於深度學習的醫學圖像分割"), simplified_chinese("Insulin and sleep")
    ('基于深度学习的医学图像分割', 'Insulin and sleep')
    """
    if not in_unspaced_script(text):
        return text
    return _traditional_to_simplified().convert(text)


@functools.lru_cache(maxsize=1)
def _traditional_to_simplified():
    import opencc

    return opencc.OpenCC("t2s")
