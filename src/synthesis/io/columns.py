"""Column maps: which column of a CSV/TSV export holds which field of the record table.

Every database names its columns differently (Scopus ``Source title``, Embase ``Source title``, Lens
``Source Title``, OpenAlex ``primary_location.source.display_name``...) and writes its authors differently
(Scopus ``Wilson L.N.; Gardner J.D.``, older Scopus ``Phillips J.C., Braun R.``, Rayyan
``Yang, Z. and Jiang, B.``, OpenAlex ``Massimo Aria|Corrado Cuccurullo``). A :class:`ColumnMap` says, for
one source, which columns feed which record field (the first non-empty one wins), which header names
identify the source, and how its author and keyword cells are split.

The CSV/TSV reader (:mod:`synthesis.io.sources.table`) picks the registered map whose ``signature``
columns are all in the file's header (the most specific one when several fit) and falls back to
:data:`GENERIC`, which knows the common spellings. Header names are compared ignoring case, spaces,
quotes and a BOM.

Your own export layout
----------------------
Register a map once, before importing; it is then tried like the built-in ones::

    from synthesis.io.columns import register_column_map
    register_column_map(
        "my_lab_sheet",
        {"title": ["Paper title"], "authors": ["Who"], "year": ["When"], "doi": ["DOI"],
         "source_id": ["Row ID"]},
        signature=["Paper title", "Who"],   # columns that identify this layout
        database="Our lab's spreadsheet",   # what the import report calls the source
        author_sep=";",                      # how the authors cell is split (a regex; default: guess)
    )
    synthesis.io.read_file("sheet.csv")     # now read with your map

Keys of the mapping are record-table columns (see :mod:`synthesis.records`) plus ``"pages_start"`` and
``"pages_end"`` for separate first/last page columns, ``"citation"`` for a source line that volume, issue and
pages (and the journal, when the same column is the journal's) are read from, and ``"source_database"`` for a
column naming each record's database (BVS exports mix LILACS, MEDLINE...). Every original column is kept in
``raw`` anyway.

Examples
--------
>>> split_authors("Wilson L.N.; Gardner J.D.; Kalé L.")
['Wilson, L. N.', 'Gardner, J. D.', 'Kalé, L.']
>>> split_authors("Phillips J.C., Braun R., Wang W.")
['Phillips, J. C.', 'Braun, R.', 'Wang, W.']
>>> split_authors("Yang, Z. and Jiang, B.")
['Yang, Z.', 'Jiang, B.']
>>> split_authors("Adeli K.Lewis G. F.")  # separators lost, as in ASySD's Diabetes set
['Adeli, K.', 'Lewis, G. F.']
>>> detect_column_map(["Authors", "Title", "Year", "Source title", "EID"]).name
'scopus'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from ..normalise import (CAPITAL_LETTERS, INITIAL_AND_PARTICLE, NO_AUTHOR, clean_text, is_group_author,
                         normalise_author, normalise_pages)
from .databases import bvs_database, ovid_database
from .sources.fields import supplement_issue

#: Record fields a column map may fill (record-table columns plus separate page columns, and a citation line
#: "Journal. 2020;7(1):11." that volume, issue and pages are taken from when no column of their own gives them).
MAPPABLE = ("source_id", "type", "title", "authors", "year", "journal", "volume", "issue", "pages",
            "pages_start", "pages_end", "doi", "pmid", "isbn_issn", "abstract", "keywords", "url", "language",
            "citation", "source_database")


def header_key(name: str) -> str:
    """How header names are compared: lower case, no BOM, quotes or surrounding/double spaces.

    >>> header_key('\ufeff "Author  Keywords" '), header_key(12)
    ('author keywords', '12')
    """
    return _header_key(name if name.__class__ is str else str(name))


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)  # the same few hundred names: every map's, each time a file's header row is looked for
def _header_key(name: str) -> str:
    return _SPACES.sub(" ", name.replace("\ufeff", "").strip().strip('"').strip()).lower()


@dataclass
class ColumnMap:
    """Where one source's CSV/TSV export keeps each record field.

    Parameters
    ----------
    name : str
        Short name (``"scopus"``).
    fields : dict
        Record field -> list of header names, tried in order; the first non-empty cell wins.
    signature : list of str
        Header names that together identify this source's layout.
    database : str
        The database (or tool) the layout belongs to, for the import report.
    author_sep : str, optional
        Regex splitting the authors cell; ``None`` guesses (``;``, ``|``, `` and ``, then ``,``).
    keyword_sep : str
        Regex splitting keyword cells.
    record_database : callable, optional
        Names a record's database from its ``source_database`` cell (default: the cell as written).
    citation_parser : callable, optional
        Reads the ``citation`` cell into ``{"journal", "volume", "issue", "pages", "date"}`` (default: the
        ``Journal;12(3):45-67`` shape of PubMed's and BVS's source lines).
    lines_are_items : bool
        Each line of an authors or keywords cell is one item (Ovid's CSV puts one author a line).
    finish : callable, optional
        Called with each record once read, to settle what the layout's columns cannot say alone.
    names_family_first : bool
        Every name of the authors cell is written family name first, also when no initials follow it
        (Scopus's ``Janko Wolfgang``); see :func:`family_first_name`.
    """

    name: str
    fields: dict
    signature: list = field(default_factory=list)
    database: str = ""
    author_sep: str | None = None
    keyword_sep: str = r"\s*[;|]\s*"
    record_database: Callable[[str], str] | None = None
    citation_parser: Callable[[str], dict] | None = None
    lines_are_items: bool = False
    finish: Callable[[dict], None] | None = None
    names_family_first: bool = False

    def columns_for(self, record_field: str) -> list[str]:
        return list(self.fields.get(record_field, []))


_REGISTRY: dict[str, ColumnMap] = {}


def register_column_map(name: str, mapping: dict, signature=None, database: str = "",
                        author_sep: str | None = None, keyword_sep: str = r"\s*[;|]\s*",
                        record_database: Callable[[str], str] | None = None,
                        citation_parser: Callable[[str], dict] | None = None,
                        lines_are_items: bool = False, finish: Callable[[dict], None] | None = None,
                        names_family_first: bool = False) -> ColumnMap:
    """Add (or replace) a column map for a CSV/TSV layout; see the module docstring for an example.

    ``mapping`` values may be one header name or a list of them. ``signature`` defaults to the first
    header of every mapped field. Returns the registered :class:`ColumnMap`.
    """
    fields = {}
    for key, cols in mapping.items():
        if key not in MAPPABLE:
            raise ValueError(f"column map {name!r}: {key!r} is not a record field; use one of {', '.join(MAPPABLE)}")
        fields[key] = [cols] if isinstance(cols, str) else list(cols)
    if signature is None:
        signature = [cols[0] for cols in fields.values() if cols]
    cmap = ColumnMap(name=name, fields=fields, signature=list(signature), database=database,
                     author_sep=author_sep, keyword_sep=keyword_sep, record_database=record_database,
                     citation_parser=citation_parser, lines_are_items=lines_are_items, finish=finish,
                     names_family_first=names_family_first)
    _REGISTRY[name] = cmap
    return cmap


def unregister_column_map(name: str) -> None:
    """Remove a registered column map (built-in ones too)."""
    _REGISTRY.pop(name, None)


def column_maps() -> dict[str, ColumnMap]:
    """The registered column maps by name."""
    return dict(_REGISTRY)


def detect_column_map(headers) -> ColumnMap:
    """The registered map whose signature columns are all in ``headers`` (most specific first), else
    :data:`GENERIC`."""
    have = {header_key(h) for h in headers}
    best, best_size = GENERIC, 0
    for cmap in _REGISTRY.values():
        sig = [header_key(s) for s in cmap.signature]
        if sig and all(s in have for s in sig) and len(sig) > best_size:
            best, best_size = cmap, len(sig)
    return best


def known_headers() -> set[str]:
    """Every header name any map knows (compared with :func:`header_key`); used to find the header row."""
    out = set()
    for cmap in list(_REGISTRY.values()) + [GENERIC]:
        for cols in cmap.fields.values():
            out.update(header_key(c) for c in cols)
        out.update(header_key(s) for s in cmap.signature)
    return out


# --- authors ------------------------------------------------------------------------------------------

#: Capital letters an initial may be, accented, Greek and Cyrillic ones too ("Escudero-Arnanz Ó.", "Nowak Ł.",
#: "Иванов И.И.").
_CAPITALS = CAPITAL_LETTERS
_INITIALS = re.compile(rf"^(?:[{_CAPITALS}]\.?-?){{1,4}}$|^(?:[{_CAPITALS}][a-z]?\.-?){{1,4}}$")
#: Where one author ends and the next begins in a cell that runs them together ("Adeli K.Lewis G. F."): after
#: an initial's full stop, before a capital that starts a name.
RUN_TOGETHER = re.compile(r"(?<=[A-Z]\.)(?=[A-Z][^\s.,;])")
_AUTHOR_ID = re.compile(r"\s*\(\d+\)\s*$")  # Scopus "Wilson, Lauren N. (58975547800)"
_NULL_GIVEN = re.compile(r",\s*null$")
#: SciELO writes every name ``Family, Given`` and puts a comma and two spaces between names
#: (``Almeida, Wanessa da Silva,  Szwarcwald, Célia``); see :func:`scielo_names`.
_SCIELO_BETWEEN = re.compile(r",[ \t]{2,}(?=\S)|,[ \t]*\n\s*(?=\S)")


@lru_cache(maxsize=65536)  # the same names recur within and across exports
def author_name(name: str) -> str:
    """One author as ``"Family, I. J."`` from ``Family, Given``, ``Family I.J.``, ``Family IJ`` or
    ``Given Family``.

    >>> author_name("McNamara M.E."), author_name("O'Connor RE."), author_name("Björn A. Blomberg")
    ('McNamara, M. E.', "O'Connor, R. E.", 'Blomberg, B. A.')
    """
    name = clean_text(name)
    if name.endswith(")"):
        name = _AUTHOR_ID.sub("", name)
    if name.endswith("null") and _NULL_GIVEN.search(name):  # RefWorks "van den Hoven,null": no given names
        return _NULL_GIVEN.sub("", name).strip(" ;,")
    name = name.strip(" ;,")
    if not name or name.lower() in NO_AUTHOR:  # "[Anonymous]", "null": no one (as every reader has it)
        return ""
    if "," not in name:
        words = name.split()
        k = len(words)
        while k > 1 and _INITIALS.match(words[k - 1]):
            k -= 1  # "Lewis G. F.": every trailing initials token belongs to the given names
        if 1 < k < len(words) and INITIAL_AND_PARTICLE.fullmatch(words[k - 1]):
            k -= 1  # PubMed's "Maia Jde F": an initial joined to a particle is a given name too
        if k < len(words) and not _INITIALS.match(words[0]):
            name = f"{' '.join(words[:k])}, {' '.join(words[k:])}"
        elif len(words) > 1 and words[0].endswith(".") and not words[-1].endswith(".") and len(words[-1]) < 3:
            # IEEE's "Initials Family" with a family name of one or two letters ("N. L. R", "K. P", "N. Kumar P"):
            # the dotted initials lead, the undotted last word is the family name.
            name = f"{words[-1]}, {' '.join(words[:-1])}"
    return normalise_author(name)


def scielo_names(value: str) -> list[str] | None:
    """The names of a SciELO authors value (``Family, Given,  Family, Given``: a comma and two spaces
    between names), or ``None`` when the value is not unambiguously in that shape.

    The shape is taken only when every part between the double-spaced commas holds exactly one comma (one
    ``Family, Given``) and nothing else separates names (``;``, ``|``, `` and ``): a comma followed by two
    spaces by chance in another layout is not read as SciELO's.

    >>> scielo_names("Almeida, Wanessa da Silva de,  Szwarcwald, Célia Landmann")
    ['Almeida, Wanessa da Silva de', 'Szwarcwald, Célia Landmann']
    >>> scielo_names("Smith, J.,  Jones") is None, scielo_names("Smith, John") is None
    (True, True)
    """
    if ",  " not in value and ",\n" not in value or re.search(r"[;|]|\sand\s", value):
        return None
    parts = _SCIELO_BETWEEN.split(value.strip().rstrip(","))
    if len(parts) < 2 or any(p.count(",") != 1 or not p.split(",")[0].strip() for p in parts):
        return None
    return [p.strip() for p in parts]


#: Initials written with full stops, as older Scopus CSV gives them: "V.A.", "A.-L.", "N.J."
_DOTTED_INITIALS = re.compile(rf"^(?:[{_CAPITALS}]\.-?){{1,5}}$")


def _family_initials_pairs(cell: str) -> list[str]:
    """``["Traag, V.A.", "Waltman, L."]`` from ``"Traag, V.A., Waltman, L."`` (two names or more, every
    second comma-separated part dotted initials, no other part so); else ``[]``.

    >>> _family_initials_pairs("Traag, V.A., van Eck, N.J., Barab\u00e1si, A.-L.")
    ['Traag, V.A.', 'van Eck, N.J.', 'Barabási, A.-L.']

    A group named last, after the people (Scopus's plain text: "Yudin, Y.V., the CMD-3 Collaboration"), is one
    more author.

    >>> _family_initials_pairs("Ivanov, V.L., Yudin, Y.V., the CMD-3 Collaboration")
    ['Ivanov, V.L.', 'Yudin, Y.V.', 'the CMD-3 Collaboration']
    """
    parts = [p.strip() for p in cell.split(",")]
    if len(parts) >= 5 and len(parts) % 2 and is_group_author(parts[-1].split()):
        people = _family_initials_pairs(", ".join(parts[:-1]))
        return people + [parts[-1]] if people else []
    if len(parts) < 4 or len(parts) % 2:
        return []
    families, initials = parts[0::2], parts[1::2]
    if all(_DOTTED_INITIALS.match(i) for i in initials) and not any(_DOTTED_INITIALS.match(f) or not f
                                                                    for f in families):
        return [f"{f}, {i}" for f, i in zip(families, initials)]
    return []


#: A name as Scopus's CSV of 2025 writes it, its initials before it: "E.A., Bradley, Elizabeth A." (initials,
#: family name, given names).
_INITIALS_FAMILY_GIVEN = re.compile(rf"((?:[{_CAPITALS}]\.-?)+), ([^,;]+), ([^,;]+)")


def family_first_name(name: str) -> str:
    """One name of a layout that writes every name family name first (Scopus's ``Authors``): ``Yagai T.``,
    ``van Eck N.J.``, and, where Scopus holds a given name in full and no initials, ``Janko Wolfgang``.

    A name ending in initials is read as any name; one without them is read family name first (as any name it
    was ``Wolfgang, J.``, the given name taken for the family name).

    >>> family_first_name("Janko Wolfgang"), family_first_name("Garcia Marquez G."), family_first_name("Lange B.")
    ('Janko, W.', 'Garcia Marquez, G.', 'Lange, B.')

    What is no person's name stays as any name reads it: Scopus's "[No author name available]" (no one), an
    organisation, a standard.

    >>> family_first_name("[No author name available]"), family_first_name("ISO 17281:2002")
    ('', 'ISO 17281:2002')

    Scopus's CSV of 2025 puts the initials before the name ("E.A., Bradley, Elizabeth A."): read as
    "Bradley, Elizabeth A.", not as a family name "E.A." with the initials of the rest.

    >>> family_first_name("E.A., Bradley, Elizabeth A."), family_first_name("E.H.J., Lee, Ellen Hyun Ju")
    ('Bradley, E. A.', 'Lee, E. H. J.')
    """
    from .sources.fields import family_first  # (fields imports this module)
    if name.count(",") == 2:
        m = _INITIALS_FAMILY_GIVEN.fullmatch(clean_text(name))
        if m:
            name = f"{m[2]}, {m[3]}"
    read, text = author_name(name), clean_text(name)
    words = text.split()
    if not read or read == text or "," in name or len(words) < 2 or _INITIALS.match(words[-1]):
        return read
    return family_first(text)


def split_authors(cell: str, sep: str | None = None, family_first: bool = False) -> list[str]:
    """Split one authors cell into normalised names.

    ``sep`` is a regex; when ``None`` the separator is guessed: ``;`` when present, else ``|``, else
    `` and ``, else SciELO's ``Family, Given,  Family, Given`` (see :func:`scielo_names`; the cell as
    exported, before its spaces are tidied), else ``,`` between ``Family I.`` names (a comma inside
    ``Family, Given`` names is kept). ``family_first``: every name is written family name first
    (see :func:`family_first_name`). Two names joined with ``and`` inside one item are two.

    >>> split_authors("Yu, Shui; Zhou, Wanlei; Xiang, Y and lopez, J")
    ['Yu, S.', 'Zhou, W.', 'Xiang, Y.', 'lopez, J.']
    """
    read_name = family_first_name if family_first else author_name
    if family_first and cell and ";" not in cell and cell.count(",") == 2 and \
            _INITIALS_FAMILY_GIVEN.fullmatch(clean_text(cell)):
        return [a for a in (read_name(cell),) if a]  # one author, Scopus 2025's "L., Yohannes, Lamrot"
    if sep is None and cell and ",  " in cell:
        names = scielo_names(cell)
        if names:
            return [a for a in (read_name(n) for n in names) if a]
    cell = clean_text(cell)
    if not cell:
        return []
    if sep is None:
        if ";" in cell:
            sep = r"\s*;\s*"
        elif "|" in cell:
            sep = r"\s*\|\s*"
        elif re.search(r"\s+and\s+", cell):
            sep = r"\s+and\s+"
        elif "," not in cell and RUN_TOGETHER.search(cell):
            sep = RUN_TOGETHER.pattern  # "Adeli K.Lewis G. F.": names run together after their initials
        elif all(len(p.split()) >= 2 and _INITIALS.match(p.split()[-1]) for p in cell.split(",") if p.strip()):
            sep = r"\s*,\s*"  # "Phillips J.C., Braun R., Wang W." / PubMed "Griffin DK, Larkin DM."
        elif all(len(p.split()) >= 2 and _INITIALS.match(p.split()[0]) for p in cell.split(",") if p.strip()):
            sep = r"\s*,\s*"  # Google Scholar "J Smith, AB Jones": initials first
        elif _family_initials_pairs(cell):
            # older Scopus CSV: "Traag, V.A., Waltman, L." -- every comma parts a family name from its
            # initials or ends a name; splitting at each comma made "Traag", "V.A.", ...
            return [a for a in (read_name(n) for n in _family_initials_pairs(cell)) if a]
        elif cell.count(",") == 1:
            sep = r"$^"  # one "Family, Given" name
        else:
            sep = r"\s*,\s*"
    parts = re.split(sep, cell)
    if " and " in cell:  # (a plain search first: most cells have no "and")
        parts = [name for part in parts for name in _two_names(part)]
    return [a for a in (read_name(p) for p in parts) if a]


#: Two names written family name first joined with "and" inside one item of a list ("Xiang, Y and lopez, J": a
#: Covidence CSV of Web of Science records, the volume's editors run into its authors); read as one, "Xiang, Y. A.
#: L. J.".
_TWO_NAMES = re.compile(r"([^,;]+, [^,;]+?) and ([^,;]+, [^,;]+)")


def _two_names(part: str) -> tuple:
    """The two names of one item that joins them with "and" (:data:`_TWO_NAMES`), else the item itself."""
    m = _TWO_NAMES.fullmatch(part)
    return m.groups() if m else (part,)


def split_cell(cell: str, sep: str) -> list[str]:
    """Split a keyword-like cell on ``sep`` (a regex), dropping empty parts."""
    cell = clean_text(cell)
    return [p.strip() for p in re.split(sep, cell) if p.strip()] if cell else []


# --- the built-in maps --------------------------------------------------------------------------------

#: Fallback for layouts no registered signature fits: the common spellings of each field.
GENERIC = ColumnMap(
    name="generic",
    fields={
        "source_id": ["id", "key", "record id", "record_id", "accession number", "accession", "an", "ID"],
        "type": ["type", "document type", "publication type", "item type", "reference type", "pt", "ty",
                 "documenttype"],
        "title": ["title", "article title", "document title", "primary title", "title primary", "ti",
                  "display_name", "name"],
        "authors": ["authors", "author", "author names", "author(s)", "author/s", "au", "creators", "names"],
        "year": ["year", "publication year", "published year", "pub year", "py", "date", "publication date",
                 "pubyear", "yr", "pubdate"],
        "journal": ["journal", "source title", "source", "publication title", "publication", "journal title",
                    "periodical", "jo", "so", "container-title", "secondary title", "pubtitle"],
        "volume": ["volume", "vol", "vl", "volume number"],
        "issue": ["issue", "number", "issue number", "is"],
        "pages": ["pages", "page", "pagination", "pg"],
        "pages_start": ["start page", "start_page", "page start", "first page", "bp", "sp", "startpage"],
        "pages_end": ["end page", "end_page", "page end", "last page", "ep", "endpage"],
        "doi": ["doi", "di", "do", "digitalobjectidentifier"],
        "pmid": ["pmid", "pubmed id", "pubmed_id", "medline pmid", "pm"],
        "isbn_issn": ["issn", "isbn", "issn/isbn", "issns", "sn", "eissn"],
        "abstract": ["abstract", "abstract note", "ab", "summary"],
        "keywords": ["keywords", "author keywords", "keyword", "kw", "de", "tags", "manual tags"],
        "url": ["url", "link", "links", "ur", "source linkout", "dimensions url", "consensus link"],
        "language": ["language", "lang", "la", "language of original document"],
    },
)


# Scopus, both layouts: "Wilson L.N.; Gardner J.D." (2020s) and "Phillips J.C., Braun R." (older); every name
# family name first, also a given name Scopus holds in full ("Janko Wolfgang").
register_column_map("scopus", {
    "source_id": ["EID"], "type": ["Document Type"], "title": ["Title"], "authors": ["Authors"],
    "year": ["Year"], "journal": ["Source title"], "volume": ["Volume"], "issue": ["Issue"],
    "pages_start": ["Page start"], "pages_end": ["Page end"], "pages": ["Art. No."], "doi": ["DOI"],
    "pmid": ["PubMed ID"], "isbn_issn": ["ISSN", "ISBN"], "abstract": ["Abstract"],
    "keywords": ["Author Keywords", "Index Keywords"], "url": ["Link"],
    "language": ["Language of Original Document"]},
    signature=["Authors", "Title", "Source title", "EID"], database="Scopus", names_family_first=True)
# Embase (Elsevier) CSV: "Yang Z., Jiang B., Xu J." and comma-separated index terms.
_EMBASE = {
    "source_id": ["PUI", "Embase Accession ID"], "type": ["Publication Type"], "title": ["Title"],
    "authors": ["Author Names"], "year": ["Publication Year", "Date of Publication"],
    "journal": ["Source title"], "volume": ["Volume"], "issue": ["Issue"], "pages_start": ["First Page"],
    "pages_end": ["Last Page"], "doi": ["DOI"], "pmid": ["Medline PMID"], "isbn_issn": ["ISSN", "ISBN"],
    "abstract": ["Abstract"], "keywords": ["Author Keywords", "Emtree Medical Index Terms (Major Focus)"],
    "url": ["Full Text Link", "Embase Link"], "language": ["Article Language"]}
register_column_map("embase", _EMBASE, signature=["Title", "Author Names", "Source title", "Embase Link"],
                    database="Embase", author_sep=r"\s*,\s*", keyword_sep=r"\s*,\s*")
# Covidence: its "Tags" column holds the review team's own labels ("For Mahnoor's review?"), its "Notes" their
# comments, its "Study" the study id it made ("Weissman 2022"): none of them the paper's (it exports no keywords).
# They stay in the record's raw fields under their own column names; read as keywords, the tags went into the
# keyword maps and the screening's keyword search as if the paper's authors had chosen them.
register_column_map("covidence", {
    "source_id": ["Covidence #"], "title": ["Title"], "authors": ["Authors"], "year": ["Published Year"],
    "journal": ["Journal"], "volume": ["Volume"], "issue": ["Issue"], "pages": ["Pages"], "doi": ["DOI"],
    "abstract": ["Abstract"], "keywords": []},  # (none: not the generic map's "Tags" either)
    signature=["Title", "Authors", "Covidence #"], database="Covidence")
register_column_map("rayyan", {
    "source_id": ["key"], "title": ["title"], "authors": ["authors"], "year": ["year"], "journal": ["journal"],
    "volume": ["volume"], "issue": ["issue"], "pages": ["pages"], "doi": ["doi"], "pmid": ["pubmed_id"],
    "isbn_issn": ["issn"], "abstract": ["abstract"], "keywords": ["keywords"], "url": ["url"],
    "language": ["language"]},
    signature=["key", "title", "authors", "pubmed_id", "pmc_id"], database="Rayyan", author_sep=r"\s+and\s+")
register_column_map("cochrane", {
    "source_id": ["CENTRAL ID"], "type": ["Publication Type"], "title": ["Title"], "authors": ["Author(s)"],
    "year": ["Year"], "journal": ["Source"], "volume": ["Volume"], "issue": ["Issue"], "pages": ["Pages"],
    "doi": ["DOI"], "pmid": ["PubMed ID"], "abstract": ["Abstract"], "keywords": ["Keywords"], "url": ["URL"]},
    signature=["CENTRAL ID", "Title", "Author(s)"], database="Cochrane Library", author_sep=r"\s*;\s*")
# OpenAlex web-interface CSV (and the flattened API CSV bibliometrix writes): "|" joins list values.
_OPENALEX = {
    "source_id": ["id", "ids.openalex"], "type": ["type"], "title": ["title", "display_name"],
    "authors": ["authorships.author.display_name", "authorships.raw_author_name"],
    "year": ["publication_year", "publication_date"],
    "journal": ["primary_location.source.display_name", "host_venue.display_name"],
    "volume": ["biblio.volume"], "issue": ["biblio.issue"], "pages_start": ["biblio.first_page"],
    "pages_end": ["biblio.last_page"], "doi": ["doi", "ids.doi"], "pmid": ["ids.pmid"],
    "isbn_issn": ["primary_location.source.issn_l", "primary_location.source.issn", "host_venue.issn_l"],
    "abstract": ["abstract"], "keywords": ["keywords.display_name"],
    "url": ["primary_location.landing_page_url", "host_venue.url", "id"], "language": ["language"]}
register_column_map("openalex", _OPENALEX, signature=["id", "display_name", "publication_year"],
                    database="OpenAlex", author_sep=r"\s*\|\s*", keyword_sep=r"\s*\|\s*")
# Older OpenAlex CSVs (and flattened API results) without the "id"/"display_name" pair: their own
# dotted column names tell them, e.g. "title,publication_year,authorships.author.display_name,biblio.volume".
register_column_map("openalex_older", _OPENALEX, signature=["publication_year", "authorships.author.display_name"],
                    database="OpenAlex", author_sep=r"\s*\|\s*", keyword_sep=r"\s*\|\s*")
register_column_map("lens", {
    "source_id": ["Lens ID"], "type": ["Publication Type"], "title": ["Title"], "authors": ["Author/s"],
    "year": ["Publication Year", "Date Published"], "journal": ["Source Title"], "volume": ["Volume"],
    "issue": ["Issue Number"], "pages_start": ["Start Page"], "pages_end": ["End Page"], "doi": ["DOI"],
    "pmid": ["PMID"], "isbn_issn": ["ISSNs"], "abstract": ["Abstract"], "keywords": ["Keywords", "MeSH Terms"],
    "url": ["External URL", "Source URLs"]},
    # (Lens's own id names its files whichever columns the reviewer chose to export: not always "Author/s")
    signature=["Lens ID", "Title"], database="Lens.org", author_sep=r"\s*;\s*")
# Dimensions' publication export (a line "About the data: Exported on ..." above the header): its own id
# ("pub.1150000001"), MeSH terms and page range ("Pagination").
register_column_map("dimensions", {
    "source_id": ["Publication ID"], "type": ["Publication Type"], "title": ["Title"], "authors": ["Authors"],
    "year": ["PubYear", "Publication Date"], "journal": ["Source title", "Anthology title"], "volume": ["Volume"],
    "issue": ["Issue"], "pages": ["Pagination"], "doi": ["DOI"], "pmid": ["PMID"], "abstract": ["Abstract"],
    "keywords": ["MeSH terms"], "url": ["Dimensions URL", "Source Linkout"]},
    signature=["Publication ID", "Dimensions URL", "PubYear"], database="Dimensions", author_sep=r"\s*;\s*",
    keyword_sep=r"\s*;\s*")
# PubMed "Save > CSV": "Griffin DK, Larkin DM, O'Connor RE." and no abstracts.
register_column_map("pubmed", {
    "source_id": ["PMID"], "title": ["Title"], "authors": ["Authors"], "year": ["Publication Year"],
    "journal": ["Journal/Book"], "doi": ["DOI"], "pmid": ["PMID"], "citation": ["Citation"]},
    signature=["PMID", "Title", "Authors", "Citation", "Journal/Book"], database="PubMed",
    author_sep=r"\s*[,;]\s*")  # "...; Washington State 2019-nCoV Case Investigation Team."
# Google Scholar via Publish or Perish / Scholar CSV: "Barrett, Paul M; Willis, Katherine J; "
register_column_map("google_scholar", {
    "title": ["Title"], "authors": ["Authors"], "year": ["Year"], "journal": ["Publication", "Source"],
    "volume": ["Volume"], "issue": ["Number", "Issue"], "pages": ["Pages"], "doi": ["DOI"],
    "url": ["ArticleURL", "URL"], "abstract": ["Abstract"]},
    signature=["Authors", "Title", "Publication", "Volume", "Number", "Pages", "Year", "Publisher"],
    database="Google Scholar", author_sep=r"\s*;\s*")
#: What Publish or Perish's "Type" column holds for a Google Scholar hit is Scholar's mark before the title: the
#: kind of a record ("BOOK", "CITATION") or the format of the link found ("PDF", "HTML"), which is no record type.
_SCHOLAR_LINK_MARKS = frozenset({"PDF", "HTML", "DOC", "PS"})
#: A host name or an IP address: what Google Scholar shows for a hit found on a site with no venue ("authors -
#: nnov.hse.ru"), which Publish or Perish puts in Source with no Publisher.
_HOST_NAME = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}|\d{1,3}(?:\.\d{1,3}){3}", re.I)
#: Scholar's own address before a link to an FTP server ("https://scholar.google.comftp://...").
_SCHOLAR_PREFIX = re.compile(r"https?://scholar\.google\.[a-z.]+(?=ftp://)")


def _publish_or_perish_record(rec: dict) -> None:
    """A Google Scholar hit marked "[PDF]" or "[HTML]" (the format of its link) has no type: the mark is not one.
    A host name as the Source, without a Publisher, is the site Scholar found the hit on, no journal; Scholar's
    address run into a link to an FTP server is left out of the link.

    >>> rec = {"type": "PDF", "journal": "nnov.hse.ru", "url": "https://scholar.google.comftp://1.2.3.4/a.pdf",
    ...        "raw": {"Publisher": ""}}
    >>> _publish_or_perish_record(rec); rec["type"], rec["journal"], rec["url"]
    ('', '', 'ftp://1.2.3.4/a.pdf')
    """
    if rec["type"].strip().strip("[]").upper() in _SCHOLAR_LINK_MARKS:
        rec["type"] = ""
    if rec["journal"] and not rec["raw"].get("Publisher") and _HOST_NAME.fullmatch(rec["journal"]):
        rec["journal"] = ""
    if "scholar.google." in rec["url"]:
        rec["url"] = _SCHOLAR_PREFIX.sub("", rec["url"])


# Publish or Perish (Google Scholar and other sources): "J Smith, A Jones" or "Dennis Sherwood, Paul Dalby" (given
# names first, so a comma always parts two names), pages as StartPage/EndPage. It
# searches Scopus, Web of Science, Crossref... as well, so the database is left to the links in the rows
# (scholar.google.com/scholar?cites=..., scopus.com/inward/citedby...).
#: Publish or Perish's columns, in the order it writes them. Some of its files name only the first eight in the
#: header ("Cites,...,CitesURL," and then empty names): the rest are these, in this order.
PUBLISH_OR_PERISH_COLUMNS = (
    "Cites", "Authors", "Title", "Year", "Source", "Publisher", "ArticleURL", "CitesURL", "GSRank", "QueryDate",
    "Type", "DOI", "ISSN", "CitationURL", "Volume", "Issue", "StartPage", "EndPage", "ECC", "CitesPerYear",
    "CitesPerAuthor", "AuthorCount", "Age", "Abstract", "FullTextURL", "RelatedURL")
register_column_map("publish_or_perish", {
    "type": ["Type"], "title": ["Title"], "authors": ["Authors"], "year": ["Year"], "journal": ["Source"],
    "volume": ["Volume"], "issue": ["Issue"], "pages_start": ["StartPage"], "pages_end": ["EndPage"],
    "doi": ["DOI"], "isbn_issn": ["ISSN"], "abstract": ["Abstract"], "url": ["ArticleURL", "FullTextURL"]},
    signature=["Cites", "Authors", "Title", "Year", "Source", "GSRank"], author_sep=r"\s*,\s*",
    finish=_publish_or_perish_record)
#: IEEE Xplore's document number in a row's links ("stamp.jsp?arnumber=9950247", "/document/9950247").
_IEEE_DOCUMENT = re.compile(r"[?&]arnumber=(\d+)|ieeexplore\.ieee\.org/document/(\d+)")
#: The word some IEEE Xplore rows (CSV of about 2015-2018) write before their first author keyword.
_IEEE_KEYWORDS_WORD = "Keywords "


def _ieee_record(rec: dict) -> None:
    """IEEE Xplore's CSV has no id column: the record's id is the document number in its PDF link (IEEE's own
    key, the one its RIS gives in ``AN``), so a record can be found again in Xplore and two exports compared.

    Some rows open their author keywords with the word "Keywords" ("Keywords Reactive systems;cloud of
    sensors"): it is no part of the first keyword.

    >>> rec = {"source_id": "", "url": "https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=9950247",
    ...        "keywords": ["Keywords Reactive systems", "tactics"]}
    >>> _ieee_record(rec); rec["source_id"], rec["keywords"]
    ('9950247', ['Reactive systems', 'tactics'])
    """
    keywords = rec.get("keywords") or []
    if keywords and keywords[0].startswith(_IEEE_KEYWORDS_WORD) and keywords[0][len(_IEEE_KEYWORDS_WORD):].strip():
        first = keywords[0][len(_IEEE_KEYWORDS_WORD):].strip()
        rec["keywords"] = [first] + [k for k in keywords[1:] if k != first]
    if not rec.get("source_id"):
        m = _IEEE_DOCUMENT.search(rec.get("url") or "")
        if m:
            rec["source_id"] = m.group(1) or m.group(2)


# IEEE Xplore: the year column is "Publication Year" in older exports, "Year" in newer ones, and
# "Publication_Year" in those of about 2017-2018 (with "Mesh_Terms").
register_column_map("ieee", {
    "title": ["Document Title"], "authors": ["Authors"], "year": ["Publication Year", "Year", "Publication_Year"],
    "journal": ["Publication Title"], "volume": ["Volume"], "issue": ["Issue"], "pages_start": ["Start Page"],
    "pages_end": ["End Page"], "doi": ["DOI"], "isbn_issn": ["ISSN", "ISBNs"], "abstract": ["Abstract"],
    "keywords": ["Author Keywords", "IEEE Terms"], "url": ["PDF Link"], "type": ["Document Identifier"]},
    signature=["Document Title", "Authors", "Publication Title"], database="IEEE Xplore", author_sep=r"\s*;\s*",
    finish=_ieee_record)
register_column_map("zotero", {
    "source_id": ["Key"], "type": ["Item Type"], "title": ["Title"], "authors": ["Author"],
    "year": ["Publication Year", "Date"], "journal": ["Publication Title"], "volume": ["Volume"],
    "issue": ["Issue"], "pages": ["Pages"], "doi": ["DOI"], "isbn_issn": ["ISSN", "ISBN"],
    "abstract": ["Abstract Note"], "keywords": ["Manual Tags", "Automatic Tags"], "url": ["Url"],
    "language": ["Language"]},
    signature=["Key", "Item Type", "Publication Year", "Author", "Title"], database="Zotero",
    author_sep=r"\s*;\s*")
register_column_map("refworks", {
    "source_id": ["Reference Id"], "type": ["Reference Type"], "title": ["Title Primary"],
    "authors": ["Authors, Primary"], "year": ["Pub Year", "Pub Date Free From"],
    "journal": ["Periodical Full", "Periodical Abbrev", "Title Secondary"], "volume": ["Volume"],
    "issue": ["Issue"], "pages_start": ["Start Page"], "pages_end": ["Other Pages"], "doi": ["DOI"],
    "pmid": ["PMID"], "isbn_issn": ["ISSN/ISBN"], "abstract": ["Abstract"], "keywords": ["Keywords"],
    "url": ["URL", "Links"], "language": ["Language"]},
    signature=["Reference Type", "Authors, Primary", "Title Primary"], database="RefWorks",
    author_sep=r"\s*;\s*")
# CINAHL / EBSCO CSV exports (cells often written as ="..." so Excel keeps them as text).
register_column_map("ebsco", {
    "source_id": ["An", "Accession Number"], "type": ["Publication Type", "Document Type"],
    "title": ["Article Title", "Title"], "authors": ["Author", "Authors"],
    "year": ["Publication Date", "Publication Year", "Year"], "journal": ["Journal Title", "Source"],
    "volume": ["Volume"], "issue": ["Issue"], "pages": ["Pages"], "pages_start": ["First Page"],
    "doi": ["DOI"], "pmid": ["PMID", "PubMed ID"], "isbn_issn": ["ISSN"], "abstract": ["Abstract"],
    "keywords": ["Subjects", "Keywords"], "url": ["PLink", "URL"], "language": ["Language"]},
    signature=["Article Title", "Journal Title", "Publication Date"], database="CINAHL (EBSCOhost)")


def _wos_tab_record(rec: dict) -> None:
    """A Web of Science row's supplement (its ``SU`` column) in the issue, as its plain text gives it."""
    supplement_issue(rec["raw"], rec)


# Web of Science tab-delimited ("Tab-delimited file"): two-letter field tags as the header row.
register_column_map("wos_tabdelimited", {
    "source_id": ["UT"], "type": ["DT", "PT"], "title": ["TI"], "authors": ["AU", "AF", "CA"],
    "year": ["PY", "EA", "PD"], "journal": ["SO", "SE"], "volume": ["VL"], "issue": ["IS"],
    "pages_start": ["BP"], "pages_end": ["EP"], "pages": ["PS", "AR"], "doi": ["DI"], "pmid": ["PM"],
    "isbn_issn": ["SN", "EI", "BN"], "abstract": ["AB"], "keywords": ["DE", "ID"], "language": ["LA"]},
    signature=["PT", "AU", "TI", "SO", "UT"], database="Web of Science", author_sep=r"\s*;\s*",
    finish=_wos_tab_record)
# (PS, the page span, is what Web of Science's other databases give: Zoological Record, Inspec)

#: bibliometrix's names of the databases its data frames come from (its ``DB`` column).
BIBLIOMETRIX_DATABASES = {
    "ISI": "Web of Science", "WOS": "Web of Science", "SCOPUS": "Scopus", "PUBMED": "PubMed",
    "DIMENSIONS": "Dimensions", "LENS": "Lens.org", "OPENALEX": "OpenAlex", "COCHRANE": "Cochrane Library",
}


def bibliometrix_database(named: str) -> str:
    """The database a bibliometrix ``DB`` cell names ("PUBMED" -> "PubMed"); another name as written."""
    return BIBLIOMETRIX_DATABASES.get(named.strip().upper(), named)


def _bibliometrix_record(rec: dict) -> None:
    """The pages of a record without BP/EP: its PG when that is a range (bibliometrix's PubMed and Scopus data
    frames keep the range there; Web of Science's PG is the number of pages, no range)."""
    if not rec["pages"]:
        pg = rec["raw"].get("PG", "")
        if "-" in pg:
            rec["pages"] = normalise_pages(pg)


# A bibliometrix data frame (convert2df) saved as CSV (write.csv): Web of Science's field tags as the columns
# for every database's records ("AU,AF,TI,SO,...,DB,AU_UN,SR"; "THOMSSEN C;BALIC M"), R's "NA" in empty cells,
# each record's database in DB and bibliometrix's own short reference in SR.
register_column_map("bibliometrix", {
    "source_id": ["UT"], "type": ["DT", "PT"], "title": ["TI"], "authors": ["AU", "AF"], "year": ["PY"],
    "journal": ["SO"], "volume": ["VL"], "issue": ["IS"], "pages_start": ["BP"], "pages_end": ["EP"],
    "pages": ["AR"], "doi": ["DI"], "pmid": ["PMID", "PM"], "isbn_issn": ["SN"], "abstract": ["AB"],
    "keywords": ["DE", "ID"], "url": ["URL"], "language": ["LA"], "source_database": ["DB"]},
    signature=["AU", "TI", "SO", "PY", "DB", "SR"], database="bibliometrix", author_sep=r"\s*;\s*",
    keyword_sep=r"\s*;\s*", record_database=bibliometrix_database, finish=_bibliometrix_record)
# Scopus Search API results saved as CSV: pybliometrics' ScopusSearch columns ("eid, doi, title, author_names,
# coverDate, publicationName...", names "Family, Given;Family, Given"), and the API's own field names flattened
# ("dc:title, dc:creator, prism:publicationName..."; the first author only, in dc:creator).
register_column_map("scopus_search_api", {
    "source_id": ["eid"], "type": ["subtypeDescription", "subtype"], "title": ["title"],
    "authors": ["author_names", "creator"],
    "year": ["coverDate"], "journal": ["publicationName"], "volume": ["volume"], "issue": ["issueIdentifier"],
    "pages": ["pageRange", "article_number"], "doi": ["doi"], "pmid": ["pubmed_id"], "isbn_issn": ["issn", "eIssn"],
    "abstract": ["description"], "keywords": ["authkeywords"]},
    signature=["eid", "title", "coverDate", "publicationName", "author_names"], database="Scopus",
    author_sep=r"\s*;\s*", keyword_sep=r"\s*\|\s*")
#: The record's page on Scopus in the API's "link" column, a dictionary of links written out
#: ("{'self': 'https://api.elsevier.com/...', 'scopus': 'https://www.scopus.com/inward/record.uri?...', ...}").
_SCOPUS_PAGE = re.compile(r"'scopus':\s*'(https?://www\.scopus\.com/[^']+)'")


def _scopus_api_record(rec: dict) -> None:
    """The record's link is its Scopus page, from the "link" column: prism:url is the API's address of the record,
    which answers a reviewer's browser with an error (it wants an API key)."""
    page = _SCOPUS_PAGE.search(rec["raw"].get("link", ""))
    if page:
        rec["url"] = page.group(1)


register_column_map("scopus_api_fields", {
    "source_id": ["eid"], "type": ["subtypeDescription"], "title": ["dc:title"], "authors": ["dc:creator"],
    "year": ["prism:coverDate"], "journal": ["prism:publicationName"], "volume": ["prism:volume"],
    "issue": ["prism:issueIdentifier"], "pages": ["prism:pageRange", "article-number"], "doi": ["prism:doi"],
    "pmid": ["pubmed-id"], "isbn_issn": ["prism:issn", "prism:eIssn"], "abstract": ["dc:description"],
    "keywords": ["authkeywords"], "url": ["prism:url"]},
    signature=["eid", "dc:title", "prism:publicationName", "prism:coverDate"], database="Scopus",
    author_sep=r"\s*;\s*", keyword_sep=r"\s*\|\s*", finish=_scopus_api_record)
# SpringerLink search results ("Download search results" CSV): full names run together without any separator
# ("Chih-Hung WangShu-Yu Tsao"); a name ends where a small letter meets a capital, not after a family name's
# prefix that a capital follows (McNamara, MacDonald, DeLuca, LaPorte, VanDyke, FitzGerald: read as two
# authors, "Mac, K." and "Donald"). "Du", "Di", "Da" and "Le" are left out: they are often a whole family name
# (Chinese, Vietnamese) that the next author's name follows.
# The year column is "Publication Year" in older files, "Year" in those of 2025 on.
_SMALL = "a-z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.islower())
register_column_map("springerlink", {
    "type": ["Content Type"], "title": ["Item Title"], "authors": ["Authors"], "year": ["Publication Year", "Year"],
    "journal": ["Publication Title", "Book Series Title"], "volume": ["Journal Volume"], "issue": ["Journal Issue"],
    "doi": ["Item DOI"], "url": ["URL"]},
    signature=["Item Title", "Publication Title", "Item DOI", "Content Type"], database="SpringerLink",
    author_sep=rf"(?<=[{_SMALL}])(?<!Mc)(?<!\bMac)(?<!\bDe)(?<!\bLa)(?<!\bVan)(?<!\bFitz)(?=[{_CAPITALS}])")
# Web of Science "Excel" export (full record) saved as CSV: the tab-delimited fields under their long names.
register_column_map("wos_excel", {
    "source_id": ["UT (Unique WOS ID)"], "type": ["Document Type", "Publication Type"], "title": ["Article Title"],
    "authors": ["Authors", "Author Full Names", "Group Authors"], "year": ["Publication Year", "Year"],
    "journal": ["Source Title"], "volume": ["Volume"], "issue": ["Issue"], "pages_start": ["Start Page"],
    "pages_end": ["End Page"], "pages": ["Article Number"], "doi": ["DOI"], "pmid": ["Pubmed Id"],
    "isbn_issn": ["ISSN", "eISSN", "ISBN"], "abstract": ["Abstract"], "keywords": ["Author Keywords", "Keywords Plus"],
    "language": ["Language"]},
    signature=["Article Title", "Source Title", "UT (Unique WOS ID)"], database="Web of Science",
    author_sep=r"\s*;\s*")
# Virtual Health Library (BVS/VHL, pesquisa.bvsalud.org) CSV, in its English, Portuguese and Spanish interface
# ("ID, Title, Authors, Source, Journal, Database, Type, Language, Publication year, Descriptor(s), Keyword(s),
# ..., Fulltext URL, Abstract, Entry Date, Volume number, Issue number, DOI, ISSN..."): pages (and often volume
# and issue) only in the source line "Rev. bras. epidemiol;8(1): 132-145, mar. 2005", and a Database column
# naming each record's database (LILACS, MEDLINE, BDENF...).
_BVS = {
    "source_id": ["ID"], "type": ["Type", "Tipo"], "title": ["Title", "Título", "Titulo"],
    "authors": ["Authors", "Autores", "Author", "Autor"],
    "year": ["Publication year", "Ano de publicação", "Año de publicación"],
    "journal": ["Journal", "Revista", "Source", "Fonte", "Fuente"],
    "citation": ["Source", "Fonte", "Fuente"],
    "volume": ["Volume number", "Volume", "Número do volume", "Número de volumen"],
    "issue": ["Issue number", "Issue", "Número do fascículo", "Número del fascículo", "Fascículo"],
    "pages": ["Pages", "Páginas"], "doi": ["DOI"], "isbn_issn": ["ISSN"],
    "abstract": ["Abstract", "Resumo", "Resumen"],
    "keywords": ["Descriptor(s)", "Keyword(s)", "Descriptors", "Descritores", "Descriptores", "Keywords",
                 "Palavras-chave", "Palabras clave"],
    "url": ["Fulltext URL", "Full text URL", "URL"], "language": ["Language", "Idioma"],
    "source_database": ["Database", "Base de dados", "Base de datos"],
}
for _suffix, _signature in (("", ["Title", "Authors", "Source", "Database"]),
                            ("_pt", ["Título", "Autores", "Fonte", "Base de dados"]),
                            ("_es", ["Título", "Autores", "Fuente", "Base de datos"])):
    register_column_map(f"bvs{_suffix}", _BVS, signature=_signature, database="BVS (Virtual Health Library)",
                        author_sep=r"\s*;\s*", record_database=bvs_database)
# SciELO search (search.scielo.org) CSV: "ID, Title, Author(s), Source, Journal, Language(s), Publication year,
# Fulltext URL"; names as "Family, Given,  Family, Given" (see scielo_names), other fields as the generic map.
register_column_map("scielo", {
    "source_id": ["ID"], "title": ["Title"], "authors": ["Author(s)"], "journal": ["Journal", "Source"],
    "citation": ["Source"], "year": ["Publication year"], "language": ["Language(s)"],
    "url": ["Fulltext URL"]},
    signature=["ID", "Title", "Author(s)", "Source", "Journal", "Language(s)"], database="SciELO")


def _ovid_source(so: str) -> dict:
    """An Ovid ``SO`` line taken apart as the Ovid tagged reader takes it apart (imported here when first
    needed: the readers' modules load after the column maps)."""
    from .sources.ovid_tagged import parse_source

    return parse_source(so)


def _ovid_record(rec: dict) -> None:
    """What Ovid's tagged reader also settles: a heading's ``*`` (a major heading) is no part of the keyword, an
    Ovid MEDLINE record's ``UI`` is its PubMed id, and the language has no full stop (``English.``)."""
    from .sources.fields import headings

    rec["keywords"] = headings(rec["keywords"])
    if not rec["pmid"] and "medline" in rec["source_database"].lower() and rec["source_id"].isdigit():
        rec["pmid"] = rec["source_id"]
    rec["language"] = rec["language"].rstrip(".")


# Ovid's CSV export ("Export" > "Excel" or "CSV"): the field tags as the header ("ORN,VN,DB,UI,PM,TI,SO,AU..."),
# one author or heading a line inside a cell (a blank line between them), the journal, volume, issue and pages
# only in the SO source line, and each record's database in DB ("Embase", "Ovid MEDLINE(R) ALL").
register_column_map("ovid_csv", {
    "source_id": ["UI", "AN"], "type": ["PT", "DT"], "title": ["TI"], "authors": ["FA", "AU"], "year": ["YR"],
    "journal": ["JN", "JT", "SO"], "citation": ["SO"], "volume": ["VO", "VI"], "issue": ["IP"], "pages": ["PG"],
    "doi": ["DO", "DI"], "pmid": ["PM"], "isbn_issn": ["IS", "IB", "ES"], "abstract": ["AB"],
    "keywords": ["KW", "MH"], "url": ["XL", "UR"], "language": ["LG", "LA"], "source_database": ["DB"]},
    signature=["VN", "DB", "TI", "SO"], database="Ovid", author_sep=r"\s*;\s*", keyword_sep=r"\s*;\s*",
    record_database=ovid_database, citation_parser=_ovid_source, lines_are_items=True, finish=_ovid_record)


def _europe_pmc_record(rec: dict) -> None:
    """Europe PMC's EXTERNAL_ID is a PubMed id only for a record whose SOURCE is MED (PPR: a preprint's id,
    PMC: a PMC id, AGR, CBA, PAT...)."""
    if rec["raw"].get("SOURCE", "").strip() == "MED" and rec["source_id"].isdigit():
        rec["pmid"] = rec["pmid"] or rec["source_id"]


# Europe PMC search results ("Export" > CSV): upper-case column names ("SOURCE,EXTERNAL_ID,PMCID,DOI,AUTHORS,
# PUBLICATION_YEAR,...,PAGE_INFO,..."); SOURCE says which database EXTERNAL_ID belongs to (MED: PubMed).
register_column_map("europe_pmc", {
    "source_id": ["EXTERNAL_ID"], "title": ["TITLE"], "authors": ["AUTHORS"], "year": ["PUBLICATION_YEAR"],
    "journal": ["JOURNAL"], "volume": ["VOLUME"], "issue": ["ISSUE"], "pages": ["PAGE_INFO"], "doi": ["DOI"]},
    signature=["SOURCE", "EXTERNAL_ID", "PMCID", "PUBLICATION_YEAR"], database="Europe PMC",
    finish=_europe_pmc_record)


def _embase_source(line: str) -> dict:
    """An Embase source line taken apart as the Embase rows reader takes it apart (imported when first needed)."""
    from .sources.embase_rows import source_line

    return source_line(line)


# Embase.com's CSV of the default fields only (2025): no "Embase Link", "PUI" or index terms, so read as no
# database's layout; its author keywords are joined with a bare comma ("Critically ill patients,Diarrhea") and an
# article's number is only in "Source" ("Journal of Intensive Care (2025) 13:1 Article Number: 31. Date of
# Publication: 1 Dec 2025"), which fills what the page columns leave empty.
register_column_map("embase_default_fields", {**_EMBASE, "citation": ["Source"]},
                    signature=["Title", "Author Names", "Source title", "Full Record Entry Date"], database="Embase",
                    author_sep=r"\s*,\s*", keyword_sep=r"\s*,\s*", citation_parser=_embase_source)


# Embase.com's CSV without the split citation columns (no "Source title", "Publication Year", "Volume"...):
# journal, year, volume, issue and pages only in "Source" ("Cancer (2004) 102:4 (253-258). Date of
# Publication: 25 Aug 2004"); Emtree terms joined with commas, a term's subheadings in brackets with commas
# of their own ("cyst (diagnosis, surgery)").
register_column_map("embase_source_line", {
    "source_id": ["PUI", "Embase Accession ID"], "type": ["Publication Type"], "title": ["Title"],
    "authors": ["Author Names"], "journal": ["Source title", "Source"], "citation": ["Source"],
    "doi": ["DOI"], "pmid": ["Medline PMID"], "isbn_issn": ["ISSN", "ISBN"], "abstract": ["Abstract"],
    "keywords": ["Author Keywords", "keywords", "Emtree Medical Index Terms (Major Focus)",
                 "Emtree Drug Index Terms (Major Focus)"],
    "url": ["Full Text Link", "Embase Link"], "language": ["Article Language"]},
    signature=["Title", "Author Names", "Source", "Emtree Medical Index Terms"], database="Embase",
    author_sep=r"\s*,\s*", keyword_sep=r"\s*,\s*(?![^()]*\))", citation_parser=_embase_source)


def _lens_patent(rec: dict) -> None:
    """A Lens patent's inventors, written family name first without a comma (``NEWCOMER FRED MICHAEL``) and
    joined with ``;;``, are its authors."""
    from .sources.fields import family_first

    inventors = rec["raw"].get("Inventors", "")
    rec["authors"] = [a for a in (family_first(n) for n in inventors.split(";;") if n.strip()) if a]


# Lens.org patent search export ("#, Jurisdiction, Kind, Publication Number, Lens ID, ..., Title, Applicants,
# Inventors, ..."): ";;" between the items of a cell; a patent's inventors are its authors, its Lens ID its id.
register_column_map("lens_patents", {
    "source_id": ["Lens ID"], "type": ["Type"], "title": ["Title"], "year": ["Publication Year"],
    "url": ["URL"]},
    signature=["Lens ID", "Jurisdiction", "Publication Number", "Inventors"], database="Lens.org",
    keyword_sep=r"\s*;;\s*", finish=_lens_patent)
# SciVal's publication list (Elsevier's analytics over Scopus; "Export" > CSV): a preamble (Data set, Year range,
# Data source...) above a header of "Scopus Source title", "Scopus Author Ids", "Publication-type", "EID"...;
# its "Abstract" column is a link to the Scopus record, not an abstract, and "-" marks an empty cell.
register_column_map("scival", {
    "source_id": ["EID"], "type": ["Publication-type"], "title": ["Title"], "authors": ["Authors"], "year": ["Year"],
    "journal": ["Scopus Source title"], "volume": ["Volume"], "issue": ["Issue"], "pages": ["Pages"], "doi": ["DOI"],
    "pmid": ["PubMed ID"], "isbn_issn": ["ISSN"], "abstract": [], "url": ["Abstract"]},
    signature=["Scopus Source title", "Scopus Author Ids", "EID", "Publication-type"], database="Scopus (SciVal)")
# Trial registers, which reviews search beside the bibliographic databases (Cochrane asks for ClinicalTrials.gov
# and the WHO ICTRP). A registration has no authors or journal: its register's id names it (NCT04333550), its
# date of first posting or registration dates it, and its conditions are its keywords.
# ClinicalTrials.gov's "Download" CSV (2023 site): "NCT Number, Study Title, Study URL, Acronym, Study Status,
# Brief Summary, ..., Conditions, Interventions, ..., First Posted, ...", dates "2020-04-03", lists joined by "|".
register_column_map("clinicaltrials_gov", {
    "source_id": ["NCT Number"], "type": ["Study Type"], "title": ["Study Title"], "abstract": ["Brief Summary"],
    "keywords": ["Conditions"], "year": ["First Posted", "Start Date"], "url": ["Study URL"]},
    signature=["NCT Number", "Study Title", "Study URL"], database="ClinicalTrials.gov", keyword_sep=r"\s*\|\s*")
# The classic site's CSV/TSV ("Rank, NCT Number, Title, Acronym, Status, ..., First Posted, ..., URL"), dates
# written "April 3, 2020".
register_column_map("clinicaltrials_gov_classic", {
    "source_id": ["NCT Number"], "type": ["Study Type"], "title": ["Title"], "keywords": ["Conditions"],
    "year": ["First Posted", "Start Date"], "url": ["URL"]},
    signature=["Rank", "NCT Number", "Title", "Conditions"], database="ClinicalTrials.gov", keyword_sep=r"\s*\|\s*")
# The WHO ICTRP search portal's CSV export: one row per registration from every member register (the search, and
# so the PRISMA box, is the ICTRP's; "Source Register" stays in the record's raw fields), dates "13/09/2026"; the
# scientific title when there is no public one.
register_column_map("who_ictrp", {
    "source_id": ["TrialID"], "type": ["Study type"], "title": ["Public title", "Scientific title"],
    "keywords": ["Condition"], "year": ["Date registration"], "url": ["web address"]},
    signature=["TrialID", "Public title", "Source Register"], database="WHO ICTRP", keyword_sep=r"\s*;\s*")
