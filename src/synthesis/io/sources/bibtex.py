"""BibTeX (and BibLaTeX) exports: Scopus, Web of Science, Google Scholar, Zotero, JabRef, Mendeley, EndNote.

Parsing is done by ``bibtexparser`` 2 with its default middlewares (``@string`` macros resolved, enclosing
braces removed); values are then LaTeX-decoded with its :class:`LatexDecodingMiddleware` (``{\\"u}`` → ü,
``\\'e`` → é, ``{\\o}`` → ø, ``\\&`` → &, protective braces dropped), except URL-like fields, which are kept
verbatim. Authors are split with bibtexparser's own name splitter (``and`` at brace depth 0).

What bibtexparser cannot take is not skipped silently:

* an entry whose key is a duplicate of an earlier key, or with a field given twice, is imported (the first
  value of a repeated field is used, every value is kept in ``raw``) with a warning; a repeated ``keywords``
  field (ScienceDirect writes one keyword a field) adds its keywords, without a warning;
* an entry with an empty key (EndNote writes ``@article{`` followed directly by the fields) is re-parsed
  with a stand-in key, and imported with ``source_id`` empty;
* anything else that fails becomes a rejected record with its line number and bibtexparser's reason.

``found`` counts the ``@type{`` markers at the start of a line, except ``@comment``, ``@string`` and
``@preamble``; a marker that no parsed block accounts for (e.g. swallowed by an unbalanced brace above it)
is reported as rejected too, so found = imported + rejected always.

Examples
--------
>>> res = parse('@article{k1, title = {M{\\\\"u}ller \\\\& Sons}, author = {M{\\\\"u}ller, J. and Doe, Jane}, year = 2001}')
>>> res.found, res.records[0]["title"], res.records[0]["authors"], res.records[0]["year"]
(1, 'Müller & Sons', ['Müller, J.', 'Doe, J.'], 2001)
"""
from __future__ import annotations

import logging
import re

import bibtexparser
from bibtexparser import model
from bibtexparser.middlewares import LatexDecodingMiddleware
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

from ...normalise import (NO_AUTHOR, clean_text, normalise_author, normalise_doi, normalise_pages, parse_year,
                          split_keywords)
from ...records import empty_record
from ..base import ImportFailure, ParseResult, Rejected
from ..config import AUTHOR_DEGREES
from ..columns import scielo_names
from . import register
from .fields import article_pages, first_link, is_null, pmid_in_link

FORMAT = "bibtex"

_NON_ENTRY = {"comment", "string", "preamble"}
#: A value that is a DOI and nothing else (bare or as a resolver link).
#: HAL writes "pp." before a paper's pages ("pages = {pp.281-288}") and a page count where there are none ("{7p.}",
#: "{56p.}"): the range is the paper's pages, as other databases give them; a count is no page (it stays in raw).
_PAGES_WORD = re.compile(r"^pp?\.\s*(?=\d)")
_PAGE_COUNT = re.compile(r"^\d+\s*p\.?$")
_DOI_ONLY = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?10\.\d{4,9}/\S+$", re.I)
# A record marker: "@type{" or "@type(" at the start of a line.
_MARKER = re.compile(r"^[ \t]*@[ \t]*([A-Za-z][\w-]*)[ \t]*[{(]", re.M)
_FIELD = re.compile(r"^\s*[A-Za-z][\w:.+-]*\s*=", re.M)
#: Fields whose text is a URL, path or identifier: LaTeX decoding would mangle ``%2F``, ``_`` and ``~``.
VERBATIM_FIELDS = {"url", "doi", "file", "eprint", "pdf", "link", "urldate", "howpublished_url", "pmid",
                   "isbn", "issn", "mendeley-tags", "bdsk-url-1", "bdsk-url-2", "local-url"}
# Characters that mean a value needs LaTeX decoding at all (most values are plain text: skip pylatexenc).
_LATEX_CHARS = re.compile(r"[\\{}$~]")
_PLAIN_GROUP = re.compile(r"\{([^{}\\$%&]*)\}")
_HARD_LATEX = re.compile(r"[\\{}$]")
_SIMPLE_ESCAPES = [(r"{\textless}", "<"), (r"{\textgreater}", ">"), (r"{\textpm}", "±"), (r"{\textbar}", "|"),
                   (r"{\textasciitilde}", "\x00tilde\x00"), (r"{\textbackslash}", "\x00bs\x00"),
                   (r"{\textquotedbl}", '"'), (r"\textquotedbl{}", '"'), (r"\textquotedbl ", '"'),
                   (r"\textquotedbl", '"'), (r"\%", "%"), (r"\&", "&"), (r"\_", "_"), (r"\#", "#")]
# Letters JabRef and others write as bare macros that pylatexenc drops or misreads.
_SPECIAL_LETTERS = [(r"{\dh}", "ð"), (r"{\DH}", "Ð"), (r"{\d}", "ð"), (r"{\th}", "þ"), (r"{\TH}", "Þ"),
                    (r"\dh ", "ð"), (r"\th ", "þ")]


# "<" and ">" written as the inverted marks that stand in their places in the old OT1 font tables ("p
# \textexclamdown{} .001": a ScienceDirect BibTeX passed through a reference manager): before a number they
# compare; before a word they are Spanish "¡" and "¿".
_OT1_COMPARISON = re.compile(r"\\text(exclam|question)down(?:\{\}| )(?=\s*[\d.])")
_COMPARISON_SIGNS = {"exclam": "<", "question": ">"}

_MATH = re.compile(r"(?<!\\)\$(.*?)(?<!\\)\$", re.S)
_MONEY_ONLY = re.compile(r"^[^\\{}]*$")  # no LaTeX left but "$" signs: text, not math


def _escape_non_math_dollars(text: str) -> str:
    """Escape each ``$`` that does not delimit math (math has a backslash, ``^``, ``_`` or braces)."""
    out, last = [], 0
    for m in _MATH.finditer(text):
        out.append(text[last:m.start()])
        inner = m.group(1)
        out.append(m.group(0) if re.search(r"[\\^_{}]", inner) else f"\\${inner}\\$")
        last = m.end()
    rest = text[last:]
    out.append(re.sub(r"(?<!\\)\$", r"\\$", rest))
    return "".join(out)


class _Decoder(LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoder, made safe for bibliographic text.

    Unescaped ``%`` (a LaTeX comment: the rest of an abstract would vanish) and ``&`` (an alignment tab)
    are escaped first; so is a ``$`` that does not open real math (``US$63`` in an abstract), while
    ``$\\alpha$`` becomes α; ``--`` stays as written (databases write it for a dash in titles); the soft
    hyphen of ``\\-`` is dropped.
    """

    def __init__(self):
        super().__init__(allow_inplace_modification=True, keep_braced_groups=False, keep_math_mode=False)

    def decode(self, value: str) -> str:
        if not value or not _LATEX_CHARS.search(value):
            return value
        if "down" in value:
            value = _OT1_COMPARISON.sub(lambda m: _COMPARISON_SIGNS[m.group(1)], value)
        if "\\textbrace" in value:  # literal braces as the writer escapes them: kept through the decoding
            value = value.replace(r"{\textbraceleft}", "\x00lb\x00").replace(r"{\textbraceright}", "\x00rb\x00")
            return self._decode(value).replace("\x00lb\x00", "{").replace("\x00rb\x00", "}")
        return self._decode(value)

    def _decode(self, value: str) -> str:
        if not _LATEX_CHARS.search(value):
            return value
        # Fast path (pylatexenc takes ~5 ms per long abstract): protective braces around plain text, dashes
        # and ties are all most values have.
        plain = value
        for macro, char in _SIMPLE_ESCAPES:
            if macro in plain:
                plain = plain.replace(macro, char)
        if "{" in plain:
            plain = _strip_plain_groups(plain)
        if not _HARD_LATEX.search(plain) or _MONEY_ONLY.match(plain):
            plain = plain.replace("~", " ")
            return plain.replace("\x00tilde\x00", "~").replace("\x00bs\x00", "\\")
        text = _escape_non_math_dollars(value)
        text = text.replace("--", "-{}-")  # keep "--" as written; pylatexenc would make it a dash
        text = re.sub(r"(?<!\\)%", r"\\%", text)
        text = re.sub(r"(?<!\\)&", r"\\&", text)
        for macro, letter in _SPECIAL_LETTERS + [m for m in _SIMPLE_ESCAPES if "quotedbl" in m[0]]:
            text = text.replace(macro, letter)
        out, error = self._transform_python_value_string(text)
        if error:  # pylatexenc could not parse it: keep the value, without braces, rather than lose it
            out = value.replace("{", "").replace("}", "")
        return out.replace("\u00ad", "").replace("\u00a0", " ")


_SPECIAL_IN_GROUP = frozenset("\\$%&")


def _strip_plain_groups(text: str) -> str:
    """Drop the braces of every group that holds only plain text and plain groups, in one pass.

    ``{The {RNA} world}`` -> ``The RNA world``; ``{\\'e}`` keeps its braces for the LaTeX decoder. A stack of
    open groups makes this linear in the text however deep the nesting (stripping the innermost groups over
    and over took a minute for 64,000 nested braces).
    """
    out: list[str] = []
    stack: list[list] = []  # [position of "{" in out, plain so far]
    for ch in text:
        if ch == "{":
            stack.append([len(out), True])
            out.append(ch)
        elif ch == "}" and stack:
            start, plain = stack.pop()
            if plain:
                out[start] = ""
            else:
                out.append(ch)
                if stack:
                    stack[-1][1] = False  # a group that keeps its braces is not plain text for its parent
        else:
            if ch in _SPECIAL_IN_GROUP and stack:
                stack[-1][1] = False
            out.append(ch)
    return "".join(out)


_DECODER = None


def _decoder() -> _Decoder:
    global _DECODER
    if _DECODER is None:
        _DECODER = _Decoder()
    return _DECODER


def sniff(text: str, path="") -> int:
    """How surely the text is BibTeX: entry markers with ``field = value`` lines."""
    head = text[:20000]
    if "@" not in head:  # one quick search spares the regular expression on other formats
        return 0
    markers = [m for m in _MARKER.finditer(head) if m.group(1).lower() not in _NON_ENTRY]
    if not markers:
        return 0
    score = 60
    if _FIELD.search(head[markers[0].end():markers[0].end() + 3000]):
        score = 90
    if str(path).lower().endswith((".bib", ".bibtex", ".biblatex")):
        score += 5
    return score


def _strip_enclosing(value: str) -> str:
    """Remove one pair of enclosing braces or quotes (for blocks the middlewares did not reach)."""
    v = value.strip()
    if len(v) >= 2 and ((v[0] == "{" and v[-1] == "}") or (v[0] == '"' and v[-1] == '"')):
        return v[1:-1]
    return v


#: Fields an entry may give more than once, each time with one more item: ScienceDirect's BibTeX (about 2015-2017)
#: writes each keyword in a ``keywords`` field of its own. Their values are joined, not the first one kept.
REPEATED_LIST_FIELDS = frozenset({"keywords", "keyword", "author_keywords"})


def _fields(entry: model.Entry, recovered: bool) -> tuple[dict, dict]:
    """(first value of each field, but every value of a list field joined with ``;``; raw: every value of every
    field, lists where a field repeats)."""
    first, raw = {}, {}
    for f in entry.fields:
        value = f.value if isinstance(f.value, str) else str(f.value)
        if recovered:
            value = _strip_enclosing(value)
        key = f.key.lower()
        if key in raw:
            prev = raw[key]
            raw[key] = (prev if isinstance(prev, list) else [prev]) + [value]
            if key in REPEATED_LIST_FIELDS:  # one keyword a field (ScienceDirect): every one is a keyword
                first[key] += "; " + value
        else:
            raw[key] = value
            first[key] = value
    return first, raw


#: A LaTeX accent (``\~{n}``, ``\~n``, ``\'{\i}``, ``\"u``) not already inside braces of its own. The name
#: splitter reads ``~`` as a tie (a space), so ``Bego\~{n}a`` would become two names: each accent is braced.
_ACCENT = re.compile(r"(?<!\{)\\[`'^\"~=.uvHckbdrt](?:\{[^{}]*\}|\\?[A-Za-z])")


#: A Scopus record's EID in its link ("record.uri?eid=2-s2.0-105017610930&doi=...").
_SCOPUS_EID = re.compile(r"[?&]eid=(2-s2\.0-\d+)")

#: One capital letter, with or without its full stop: an initial.
_LONE_INITIAL = re.compile(r"[A-Z]\.?")
#: A name written family name first, then initials, with no comma ("Nayyar A.", "Tanwar S.K.", "van der Berg J.",
#: "Li X"): one family name, lower-case particles before it, then initials alone.
_FAMILY_THEN_INITIALS = re.compile(
    r"(?P<family>(?:(?:van|von|der|den|de|da|di|du|del|della|dos|das|le|la|ter|ten)\s+)*[^\W\d_][\w'\u2019-]*)\s+"
    r"(?P<initials>(?:[A-Z]\.(?:-?[A-Z]\.)*\s?){1,4}|[A-Z]{1,3})")
#: A generational suffix of a name (``Jr``, ``Sr.``, ``III``).
_GENERATION = re.compile(r"(?:jr|sr|ii|iii|iv)\.?", re.I)


def _pages(value: str) -> str:
    """A BibTeX ``pages`` value as a page range, without HAL's "pp." and not a page count (see :data:`_PAGES_WORD`).

    >>> _pages("pp.281-288"), _pages("pp.269--284"), _pages("7p."), _pages("1427-1450")
    ('281-288', '269-284', '', '1427-1450')
    """
    if value[:1] == "p":
        value = _PAGES_WORD.sub("", value)
    elif value[-1:] in "p." and _PAGE_COUNT.match(value):
        return ""
    return normalise_pages(value)


def _authors(value: str) -> list[str]:
    out = []
    dec = _decoder().decode
    if "\\" in value:
        value = _ACCENT.sub(lambda m: "{" + m.group(0) + "}", value)
    # SciELO joins "Family, Given" names with a comma and two spaces, not "and"
    names = scielo_names(value)
    for name in names or [n for part in split_multiple_persons_names(value) for one in _semicolon_names(part)
                          for n in _initials_pairs(one)]:
        name = name.strip()
        if not name or name == "others":  # BibTeX's "and others" (Google Scholar's cut list) is no person
            continue
        if name.strip("{} ").lower() in NO_AUTHOR:  # Zotero's "{[Anonymous]}": no author, as every reader has it
            continue
        if name.startswith("{") and name.endswith("}") and name.count("{") == 1:
            out.append(clean_text(dec(name)))  # {World Health Organization}: a group, kept as written
            continue
        family_first = _FAMILY_THEN_INITIALS.fullmatch(name) if "," not in name else None
        if family_first and any(c.islower() for c in family_first["family"].split()[-1]):
            # Scopus's BibTeX writes some names "Nayyar A." beside "MacKenzie, B.A." in one list: read as First
            # Last, the initial became the family name ("A., N."); initials are never a whole family name
            out.append(normalise_author(dec(f"{family_first['family']}, {family_first['initials'].strip()}")))
            continue
        try:
            parts = parse_single_name_into_parts(name, strict=False)
        except Exception:  # an odd name is kept as written rather than lost
            out.append(normalise_author(dec(name)))
            continue
        first = list(parts.first)
        if "," not in name and len(parts.last) == 1 and _LONE_INITIAL.fullmatch(parts.last[0]) and len(first) > 1 \
                and not _LONE_INITIAL.fullmatch(first[-1]):
            # "Ronald D. Aponte A." (Crossref's given-first form of a double surname cut to an initial): a lone
            # initial is never a whole family name, so the word before it belongs to the family name too
            parts.last.insert(0, first.pop())
        last = clean_text(dec(" ".join(parts.von + parts.last)))
        given = clean_text(dec(" ".join(first)))
        jr = clean_text(dec(" ".join(parts.jr)))
        if _GENERATION.fullmatch(given) and jr and not _GENERATION.fullmatch(jr):
            given, jr = jr, given  # Scopus writes "Thompson, F.R., III": the suffix last, not in the middle
        elif jr and re.sub(r"[.\s]", "", given).lower() in AUTHOR_DEGREES:
            # the ACM DL writes "Case, Amanda, Ph.D.": a degree past the second comma, no given name and no suffix
            given, jr = jr, ""
        if not given:
            out.append(last)
        else:
            a = normalise_author(f"{last}, {given}")
            out.append(f"{a}, {jr}" if jr else a)
    return [a for a in out if a]


def _semicolon_names(name: str) -> list[str]:
    """One BibTeX name that is several ``Family, Given`` joined with semicolons, split into them.

    A Zotero library whose items came from Web of Science rows writes a record's authors as one name,
    ``Osnabrugge, M; Ash, E; Morelli, M``: read as one person it was "Osnabrugge, E. M. M., M; Ash". A name is
    split only when every part between its semicolons is one ``Family, Given``.

    >>> _semicolon_names("Osnabrugge, M; Ash, E"), _semicolon_names("Smith, John"), _semicolon_names("A; B, C")
    (['Osnabrugge, M', 'Ash, E'], ['Smith, John'], ['A; B, C'])
    """
    if ";" not in name:
        return [name]
    parts = [p.strip() for p in name.strip().strip(";").split(";")]
    if len(parts) < 2 or not all(p.count(",") == 1 and all(s.strip() for s in p.split(",")) for p in parts):
        return [name]
    return parts


#: A given name written as initials only (``SL``, ``GML``, ``J.``, ``J.-P.``).
_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.?-?){1,4}")


def _initials_pairs(name: str) -> list[str]:
    """One BibTeX name that is several ``Family, Initials`` joined by commas, split into them.

    The Cochrane Library writes ``Huey, SL, Mehta, NH, and Mehta, S``: only the last name is joined by
    ``and``, so BibTeX's splitter gives ``Huey, SL, Mehta, NH,`` as one person. A name is split only when it
    has an even number of comma-separated parts (at least four) and every second one is initials alone;
    ``von Last, Jr, First`` (three parts) is BibTeX's own form and stays as it is.

    >>> _initials_pairs("Huey, SL, Mehta, NH,"), _initials_pairs("Alkhawaja, S,"), _initials_pairs("Ford, Jr, Henry")
    (['Huey, SL', 'Mehta, NH'], ['Alkhawaja, S'], ['Ford, Jr, Henry'])
    """
    trimmed = name.strip().rstrip(",").strip()
    parts = [p.strip() for p in trimmed.split(",")]
    if len(parts) == 2 and name.strip().endswith(","):
        return [trimmed]
    if len(parts) < 4 or len(parts) % 2 or not all(
            parts[k] and not _INITIALS_ONLY.fullmatch(parts[k]) and _INITIALS_ONLY.fullmatch(parts[k + 1])
            for k in range(0, len(parts), 2)):
        return [name]
    return [f"{parts[k]}, {parts[k + 1]}" for k in range(0, len(parts), 2)]


#: The word before an article number: the ACM Digital Library's "articleno = {Article 21}", Web of Science's
#: "UNSP 104007" (a number it took unverified from the publisher).
_ARTICLE_WORD = re.compile(r"^(?:article|unsp)\s+", re.I)


def _article_number(fields: dict) -> str:
    """The article number of an entry without pages, without the word before it, or ``""``.

    >>> _article_number({"articleno": "Article 21"}), _article_number({"article-number": "UNSP 7585406"})
    ('21', '7585406')
    >>> _article_number({"article-number": "{UNSP 53}"})  # Web of Science's doubled braces ("{{UNSP 53}}")
    '53'
    """
    for name in ("art_number", "eid", "article-number", "articleno"):
        value = _strip_enclosing(fields.get(name, ""))
        if value:
            return _ARTICLE_WORD.sub("", value)
    return ""


def _article_page_prefix(number: str) -> re.Pattern:
    """The article number the ACM Digital Library's older BibTeX writes before each page ("62:1--62:7").

    >>> _article_page_prefix("62").sub("", "62:1--62:7"), _article_page_prefix("53").sub("", "53:401--53:408")
    ('1--7', '401--408')
    """
    return re.compile(rf"(?<![\w:]){re.escape(number)}:(?=\d)")


def _keywords(value: str) -> list[str]:
    lines = value.strip().split("\n")
    if len(lines) > 1 and ";" not in value and not any(line[:1].isspace() for line in lines[1:]) \
            and not any(line.rstrip().endswith(",") for line in lines):
        # EndNote's BibTeX writes one keyword a line ("New Zealand\nacoustics\nblue whale"), a keyword may hold
        # a comma ("Equipment and Supplies, Hospital"); a list wrapped by its writer indents the lines it continues,
        # or ends them on the comma between two keywords
        return [k for k in map(clean_text, lines) if k]
    value = clean_text(value)
    if ";" in value:
        return split_keywords(value)
    return [k.strip() for k in value.split(",") if k.strip()]


#: Fields in which a database joins its groups of index terms with a comma, by the entry's ``source`` field.
#: Scopus's "keywords" holds each vocabulary's terms (Compendex's controlled and uncontrolled terms, Emtree's drug
#: and medical terms, MeSH) as a group, the terms of a group sorted and joined by ";", the groups joined by ", ":
#: "...;  Trucks, Adaptive large neighborhood searches;  ...". Split only at ";", "Trucks, Adaptive large
#: neighborhood searches" was one keyword; split at every comma, MeSH's "Memory, Short-Term" was two.
INDEX_TERM_GROUPS = {"Scopus": frozenset({"keywords"})}


def _index_terms(value: str) -> list[str]:
    """Index terms of a field that joins sorted groups of terms with ", " (:data:`INDEX_TERM_GROUPS`).

    A comma within a ";"-separated item joins two groups where the text up to the comma's next piece would sort
    after the term that follows it: a group ends with its last term, the next starts again from the start of the
    alphabet. A term that itself holds a comma keeps its place in its group's order ("Memory, Short-Term"
    before "Neural Networks"). Where the order cannot tell, the comma stays: in the field's last item (nothing
    follows it), and where a group starts with a term in lower case that sorts after the text before the comma
    ("Electroencephalography, brain;  perception": Compendex's heading, then Emtree's terms, which Scopus also
    writes in lower case, but so is Emtree's "TGFB1 protein, human"). A term with a comma that ends a group joined
    to the next by ";" (MeSH's "Spores, Protozoan;  Physarum polycephalum") is split: 1 of the 37 such terms in
    the Index Keywords of ../shared's two Scopus CSVs, which join every group with ";".

    >>> _index_terms("Electroencephalography;  Toluene, Encodings;  Four-group;  Working memory, Students, toluene, "
    ...              "artificial neural network;  brain;  Humans;  Memory, Short-Term;  Neural Networks, Computer")
    ... # doctest: +NORMALIZE_WHITESPACE
    ['Electroencephalography', 'Toluene', 'Encodings', 'Four-group', 'Working memory', 'Students', 'toluene',
     'artificial neural network', 'brain', 'Humans', 'Memory, Short-Term', 'Neural Networks, Computer']
    >>> _index_terms("software, Computers;  Databases, Bibliographic;  Humans")
    ['software', 'Computers', 'Databases, Bibliographic', 'Humans']
    >>> _index_terms("Stress recovery;  University students, Electroencephalography, brain;  perception")
    ['Stress recovery', 'University students', 'Electroencephalography, brain', 'perception']
    >>> _index_terms("Humans;  MMP9 protein, human;  TGFB1 protein, human;  Tumor Markers, Biological")
    ['Humans', 'MMP9 protein, human', 'TGFB1 protein, human', 'Tumor Markers, Biological']

    In the field's last item nothing follows to compare with: a group's first term is told by its sentence case
    (:func:`_opens_a_group`). Scopus's newer layout ("; " between every term) is split at ";" only.

    >>> _index_terms("Drones;  Urban delivery, Traveling salesman problem"), _index_terms("Humans;  Spores, Protozoan")
    (['Drones', 'Urban delivery', 'Traveling salesman problem'], ['Humans', 'Spores, Protozoan'])
    >>> _index_terms("Humans; Tomography, X-Ray Computed; adult; human")
    ['Humans', 'Tomography, X-Ray Computed', 'adult', 'human']
    """
    items = split_keywords(clean_text(value))
    if ";" in value and not _GROUPED_LAYOUT.search(value):
        return items  # Scopus's newer BibTeX: every term and group joined by "; ", a comma is a term's own
    terms = []
    for k, item in enumerate(items):
        pieces = item.split(", ")
        after = items[k + 1] if k + 1 < len(items) else ""
        term = pieces[0]
        for i, piece in enumerate(pieces[1:], 1):
            following = ", ".join(pieces[i + 1:]) or after  # (all of it: "Models, Biological" < "Models, Theoretical")
            if (f"{term}, {piece}".casefold() > following.casefold() if following else _opens_a_group(piece)):
                terms.append(term)  # the end of a group
                term = piece
            else:
                term = f"{term}, {piece}"
        terms.append(term)
    return terms


#: Scopus's older BibTeX puts two spaces after each ";" (``Trucks, Adaptive searches;  Drones``), and joins the
#: groups of index terms with ", "; its newer BibTeX (2022 on) puts one and joins the groups with "; " too
#: (``Diabetes Mellitus, Type 2; Female; ...; Young Adult; adolescent; aged``), so there a comma is always part
#: of a term. Read as groups, MeSH's last term before Emtree's lower-case ones was cut in two ("Tomography,
#: X-Ray Computed; adult": "Tomography", "X-Ray Computed").
_GROUPED_LAYOUT = re.compile(r";\s{2,}")
#: Small words that MeSH's inverted headings write in lower case inside a capitalised term ("Aged, 80 and over",
#: "Clinical Trials, Phase III as Topic").
_HEADING_SMALL_WORDS = frozenset({"and", "or", "of", "in", "on", "for", "the", "with", "as", "to", "by", "from",
                                  "over", "under", "without", "other"})


def _opens_a_group(piece: str) -> bool:
    """Whether the text after the last comma of the field (nothing follows it to compare the order with) is a
    group's first term rather than the end of an inverted heading: written in sentence case, as Compendex writes
    its terms ("Urban delivery, Traveling salesman problem"), where MeSH capitalises every word of a heading
    ("Spores, Protozoan", "Clinical Trials, Phase III as Topic") and Emtree writes its qualifier in lower case
    ("TGFB1 protein, human").

    >>> _opens_a_group("Traveling salesman problem"), _opens_a_group("Protozoan"), _opens_a_group("80 and over")
    (True, False, False)
    >>> _opens_a_group("Phase III as Topic"), _opens_a_group("human"), _opens_a_group("Inbred mdx")
    (False, False, False)
    """
    words = piece.split()
    return len(words) >= 2 and words[0][:1].isupper() and any(
        len(w) >= 4 and w.isalpha() and w.islower() and w not in _HEADING_SMALL_WORDS for w in words[1:])


#: Month names (English, and their usual abbreviations): a month given where the issue number belongs.
_MONTHS = frozenset(["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                     "sept", "oct", "nov", "dec"])


def _pmid(fields: dict) -> str:
    for key in ("pmid", "pubmedid", "pubmed", "pubmed_id"):  # pubmed_id: Scopus
        if fields.get(key, "").strip().isdigit():
            return fields[key].strip()
    m = re.search(r"PMID:\s*(\d+)", fields.get("extra", "") + " " + fields.get("note", ""))
    return m.group(1) if m else ""


def _record(entry: model.Entry, index: int, recovered: bool = False, key: str | None = None) -> dict:
    fields, raw = _fields(entry, recovered)
    dec = _decoder().decode

    def text(*names) -> str:
        for n in names:
            if fields.get(n, "").strip():
                return clean_text(dec(fields[n]))
        return ""

    rec = empty_record()
    rec["source_index"] = index
    rec["source_id"] = entry.key if key is None else key
    # the document type where the export gives one (Scopus "document_type = {Review}", Web of Science
    # "Type = {Book Review}", BibTeX's own "type" of a thesis or report), as its CSV and tagged exports do;
    # else the entry type
    rec["type"] = text("document_type", "type") or entry.entry_type.lower()
    rec["title"] = text("title")
    rec["authors"] = _authors(fields.get("author", ""))
    # Web of Science gives a record published online first no Year, only its EarlyAccessDate ("MAR 2023"): its
    # plain-text export's reader takes the year from EA, so does this one
    rec["year"] = parse_year(fields.get("year") or fields.get("date") or fields.get("earlyaccessdate"))
    rec["journal"] = text("journal", "journaltitle", "booktitle", "series")
    volume, issue = text("volume"), text("number", "issue")
    rec["volume"] = "" if is_null(volume) else volume  # "volume = {null}": a placeholder, kept in raw
    rec["issue"] = "" if is_null(issue) else issue
    if rec["issue"].lower().rstrip(".") in _MONTHS:  # Mendeley writes the month in "number" (it stays in raw)
        rec["issue"] = ""
    # an online-only article's number stands for its pages (Scopus: art_number, biblatex: eid, Web of Science:
    # Article-Number, the ACM Digital Library: articleno), as the tagged exports' AR and C7 do
    number = _article_number(fields)
    pages = dec(fields.get("pages") or number)
    if number and ":" in pages:  # the ACM Digital Library's older "62:1--62:7": article 62, its pages 1-7
        pages = _article_page_prefix(number).sub("", pages)
    rec["pages"] = _pages(pages)
    if number and fields.get("pages") and rec["pages"][:1] == "1":  # Scopus: an MDPI article's pages 1-24, Art. 274
        rec["pages"] = article_pages(rec["pages"], dec(number))
    url_doi = fields.get("url", "") if "doi.org/" in fields.get("url", "") else ""
    # SciELO puts the DOI in "crossref" (elsewhere the key of a parent entry): taken only when it is a DOI
    crossref = fields.get("crossref", "").strip()
    crossref_doi = crossref if _DOI_ONLY.match(crossref) else ""
    rec["doi"] = normalise_doi(fields.get("doi", "").replace("\\_", "_") or url_doi or crossref_doi)
    rec["pmid"] = _pmid(fields)
    # verbatim, so Web of Science's doubled braces ("ISSN = {{1077-5587}}") keep an inner pair: dropped here
    isbn_issn = clean_text(_strip_enclosing(fields.get("isbn") or fields.get("issn") or ""))
    rec["isbn_issn"] = "" if is_null(isbn_issn) else isbn_issn  # IEEE Xplore's "ISSN={null}"
    rec["abstract"] = text("abstract")
    # Scopus gives the authors' keywords and its index terms apart ("author_keywords", "keywords"): both, as
    # its CSV's two columns are read; so are Web of Science's KeyWords Plus, as its DE and ID tags are
    keywords = []
    grouped = INDEX_TERM_GROUPS.get(fields.get("source", "").strip("{} "), ())
    for name in ("author_keywords", "keywords", "keyword", "keywords-plus"):
        split = _index_terms if name in grouped else _keywords
        keywords += [k for k in split(dec(fields.get(name) or "")) if k not in keywords]
    rec["keywords"] = keywords
    rec["url"] = first_link([(fields.get("url") or "").replace("\\_", "_").replace("\\%", "%")])
    if not rec["pmid"]:  # EndNote's BibTeX of a record taken from PubMed links its PubMed page, no pmid field
        rec["pmid"] = pmid_in_link(rec["url"])
    if "scopus.com" in rec["url"]:
        # Scopus's key is the first author and year ("Zhang2025", the same for several papers of one export): its
        # record's id is the EID of its link, as Scopus's CSV and RIS give it (the key stays in raw["ID"])
        eid = _SCOPUS_EID.search(rec["url"])
        if eid:
            rec["source_id"] = eid.group(1)
    rec["language"] = text("language", "langid")
    rec["raw"] = {"ENTRYTYPE": entry.entry_type, "ID": entry.key if key is None else key, **raw}
    return rec


_EMPTY_KEY = re.compile(r"^([ \t]*@[ \t]*[A-Za-z]\w*[ \t]*[{(])(?=\s*[A-Za-z][\w:.+-]*\s*=)", re.M)
_STAND_IN = "synthesis-no-key-"


def _fill_empty_keys(text: str) -> str:
    """Give ``@article{ author = ...`` (no key, as EndNote writes it) a stand-in key on the same line."""
    count = iter(range(1, 10**9))
    return _EMPTY_KEY.sub(lambda m: f"{m.group(1)}{_STAND_IN}{next(count)},", text)


def _database(text: str, records: list[dict]) -> str:
    head = text[:300].lstrip("\ufeff").lstrip()
    # Rayyan's export keys every entry "rayyan-NNN" and keeps the links and notes of the database the records
    # came from (Scopus's): the file is Rayyan's, and its notes may hold the reviewers' votes
    if records and all(str(r["raw"].get("ID", "")).startswith("rayyan-") for r in records[:20]):
        return "Rayyan"
    if head.startswith("Scopus") or any("scopus.com" in r["url"] for r in records[:20]):
        return "Scopus"
    if any(str(r["raw"].get("unique-id", "")).strip("{} ").upper().startswith(("WOS:", "ISI:")) or
           "web-of-science-categories" in r["raw"] for r in records[:20]):
        return "Web of Science"
    return ""


_LEFT_FIELD = re.compile(r",\s*([A-Za-z][\w:.+-]*)\s*=\s*[{\"\w]")


def _rejoin_stray_braces(blocks: list, warnings: list) -> list:
    """Entries that an extra ``}`` closed early, with the fields after it read back, and a warning for each.

    ``title = {A title}}, author = {...}, year = 2020}``: the second brace of the title ends the entry and
    bibtexparser takes ``, author = ..., year = 2020}`` for a comment. Such a comment right after an entry is
    put back without the stray brace and the entry read again; where that fails the fields are named as lost.
    """
    out = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if (isinstance(block, model.Entry) and isinstance(after, model.ImplicitComment) and block.raw
                and block.raw.rstrip().endswith("}") and after.raw and "\n\n" not in after.raw[:200].strip()
                and _LEFT_FIELD.search(after.raw[:200])):
            names = _LEFT_FIELD.findall(after.raw)
            line = (block.start_line or 0) + 1 + block.raw.count("\n")
            raw = block.raw.rstrip()[:-1] + after.raw
            again = [b for b in _parse_quietly(_fill_empty_keys(raw)).blocks if isinstance(b, model.Entry)]
            if len(again) == 1 and len(again[0].fields) > len(block.fields):
                merged = again[0]
                merged._start_line_in_file, merged._raw = block.start_line, raw
                warnings.append(f"line {line}: an extra closing brace ends entry {block.key!r} early; the field(s) "
                                f"after it ({', '.join(names)}) were read anyway: remove the extra '}}' in the file")
                out.append(merged)
            else:
                warnings.append(f"line {line}: an extra closing brace ends entry {block.key!r} early; the field(s) "
                                f"after it ({', '.join(names)}) were lost: remove the extra '}}' and import again")
                out.append(block)
            i += 2
            continue
        out.append(block)
        i += 1
    return out


#: An entry's first line (``@article{key,``) and a field that fills one line (``Keywords = {...},``).
_ENTRY_HEAD = re.compile(r"\s*@(\w+)\s*\{\s*([^,\s{}]*)\s*,\s*")
_LINE_FIELD = re.compile(r"\s*([A-Za-z][\w:.+-]*)\s*=\s*(\{.*\}|\".*\"|\w+)\s*,?\s*")


def _entry_by_lines(raw: str) -> model.Entry | None:
    """The entry of ``raw`` read one field a line, or ``None`` when a line is not one whole field.

    EBSCOhost writes each field on a line of its own, and a keyword scraped from a web page may carry braces
    that do not pair ("Keywords = {Price fixing, ..., @type:Person}, @type:Person}, ...},"): the parser then
    gives up on the entry, which a line-by-line reading still gets whole."""
    lines = [line for line in raw.strip().splitlines() if line.strip()]
    head = _ENTRY_HEAD.fullmatch(lines[0]) if len(lines) >= 3 else None
    if not head or lines[-1].strip() != "}":
        return None
    fields = []
    for line in lines[1:-1]:
        m = _LINE_FIELD.fullmatch(line)
        if not m:
            return None
        fields.append(model.Field(key=m.group(1), value=_strip_enclosing(m.group(2))))
    return model.Entry(entry_type=head.group(1), key=head.group(2), fields=fields, raw=raw)


def _read_by_lines(blocks: list, warnings: list) -> list:
    """Entries the parser gave up on (braces inside a value that do not pair), with the text it took for a
    comment after them, read again one field a line (:func:`_entry_by_lines`), with a warning naming the
    fields whose braces do not pair; an entry that cannot be read so stays a failure (rejected by the caller)."""
    out = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        # (only the parser's failures: a duplicate key or field is a failure block of its own, read as such later)
        if type(block) is model.ParsingFailedBlock and block.raw and block.raw.lstrip().startswith("@"):
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            joined = isinstance(after, model.ImplicitComment) and after.raw and "\n\n" not in after.raw.strip()
            entry = _entry_by_lines(block.raw + after.raw) if joined else None
            entry = entry or _entry_by_lines(block.raw)
            odd = [f.key for f in entry.fields if f.value.count("{") != f.value.count("}")] if entry else []
            if odd:  # (an entry that failed for another reason is not guessed at)
                entry._start_line_in_file = block.start_line
                line = (block.start_line or 0) + 1 + block.raw[: len(block.raw) - len(block.raw.lstrip())].count("\n")
                warnings.append(f"line {line}: braces in field(s) {', '.join(odd)} of entry {entry.key!r} do not "
                                f"pair; the entry was read one field a line: check those fields")
                out.append(entry)
                i += 2 if entry.raw != block.raw else 1
                continue
        out.append(block)
        i += 1
    return out


def _parse_quietly(text: str):
    """bibtexparser's library of ``text``, without its log lines on stderr: the blocks it gives up on are
    reported by this reader, per record, with their line numbers (its own log says "line 0")."""
    quiet = logging.getLogger("bibtexparser")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        return bibtexparser.parse_string(text)
    finally:
        quiet.setLevel(level)


def parse(text: str, path="") -> ParseResult:
    """Read a BibTeX file's text into record dicts (see the module docstring for what is rejected)."""
    lib = _parse_quietly(_fill_empty_keys(text))
    markers, line, pos = [], 1, 0
    for m in _MARKER.finditer(text):
        line += text.count("\n", pos, m.start())  # counted on from the previous marker: linear, not quadratic
        pos = m.start()
        if m.group(1).lower() not in _NON_ENTRY:
            markers.append(line)
    records, rejected, warnings = [], [], []
    accounted = set()
    index = 0
    for block in _read_by_lines(_rejoin_stray_braces(lib.blocks, warnings), warnings):
        line = (block.start_line or 0) + 1 if block.start_line is not None else None
        if isinstance(block, (model.String, model.Preamble, model.ExplicitComment, model.ImplicitComment)):
            continue  # an entry marker hidden in one of these is caught by the marker check below
        if isinstance(block, model.ParsingFailedBlock) and block.raw is not None:
            m = _MARKER.match(block.raw.lstrip("\n"))
            if m and m.group(1).lower() in _NON_ENTRY:
                warnings.append(f"line {line}: @{m.group(1)} block could not be read: {block.error}")
                continue
        index += 1
        if line is not None:
            # The block's first line may be blank lines before its marker.
            raw_lead = (block.raw or "")
            line += raw_lead[: len(raw_lead) - len(raw_lead.lstrip())].count("\n")
            accounted.add(line)
        if isinstance(block, model.Entry):
            rec = _record(block, index)
        elif isinstance(block, (model.DuplicateBlockKeyBlock, model.DuplicateFieldKeyBlock)) and \
                isinstance(block.ignore_error_block, model.Entry):
            rec = _record(block.ignore_error_block, index, recovered=True)
            if isinstance(block, model.DuplicateBlockKeyBlock):
                warnings.append(f"record {index} (line {line}): key {block.key!r} already used by an earlier entry; "
                                "imported")
            elif set(block.duplicate_keys) - REPEATED_LIST_FIELDS:  # (repeated keywords are all read: nothing lost)
                twice = ", ".join(sorted(set(block.duplicate_keys) - REPEATED_LIST_FIELDS))
                warnings.append(f"record {index} (line {line}): field(s) {twice} given twice; first value used; "
                                "imported")
        elif isinstance(block, model.MiddlewareErrorBlock) and isinstance(block.ignore_error_block, model.Entry):
            rec = _record(block.ignore_error_block, index, recovered=True)
            warnings.append(f"record {index} (line {line}): {block.error}; imported without that step")
        else:
            error = getattr(block, "error", None)
            reason = (getattr(error, "abort_reason", "") or str(error or "")).strip().splitlines()
            reason = reason[-1].strip() if reason else "not a readable BibTeX entry"
            rejected.append(Rejected(index=index, line=line, reason=f"BibTeX entry cannot be read: {reason}"))
            continue
        if rec["source_id"].startswith(_STAND_IN):
            rec["source_id"] = rec["raw"]["ID"] = ""
            warnings.append(f"record {index} (line {line}): entry has no citation key; imported")
        if not rec["title"]:
            warnings.append(f"record {index} (line {line}): no title")
        records.append(rec)
    # Markers no block accounts for: entries swallowed by an unbalanced brace above them.
    for mline in markers:
        if mline not in accounted:
            index += 1
            rejected.append(Rejected(index=index, line=mline, reason="entry marker inside the previous entry "
                                                                     "(unbalanced braces above it?); not read"))
    if not markers and not records and not rejected:
        raise ImportFailure(path, "no BibTeX entries (@article{key, ...}) in the file", line=1)
    found = max(len(markers), len(records) + len(rejected))
    if found > len(records) + len(rejected):  # cannot happen, but never hide a miscount
        warnings.append(f"{found - len(records) - len(rejected)} entry marker(s) not accounted for")
    return ParseResult(records=records, found=found, rejected=rejected, warnings=warnings,
                       database=_database(text, records))


register(FORMAT, sniff, parse, "BibTeX")
