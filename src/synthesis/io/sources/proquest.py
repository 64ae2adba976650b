"""ProQuest's plain-text export (the "Text only" file ProQuest writes for "Export/Save", of ProQuest Central,
Dissertations & Theses and its other databases).

The file opens with a header (``Report Information from ProQuest``, the date, a table of contents); then
each document follows a line of 60 underscores and a ``Document 3 of 100`` line: its title on a line of its
own, then fields as paragraphs ``Label: value`` (``Author``, ``Abstract``, ``Publication title``, ``Volume``,
``Issue``, ``Pages``, ``Publication year``, ``DOI``, ``ProQuest document ID``, ``Document URL``,
``Database``...; :data:`synthesis.io.config.PROQUEST_LABELS`), a ``Full text`` running over several
paragraphs. A line of underscores closes the last document too; a bibliography of the same documents and
ProQuest's "Contact us" lines may follow. Read by the tagged-format engine (:mod:`.tagged`), the labels
being the tags; here:

* the header and what follows the last document are set aside (their lines kept, so that line numbers stay
  right); when ``Document 3 of 100`` promises more documents than the file holds, a warning says so;
* authors are ``;``-separated in ``Author``, and the record's link may sit on the line below them;
* the database of each record is its ``Database`` field (``ProQuest Dissertations & Theses Global``), and a
  file of one database is named after it;
* a document whose closing line of underscores never comes (a truncated file) is rejected with its line.

Examples
--------
>>> text = ("_" * 60 + "\\n\\nDocument 1 of 1\\n\\nA trial\\n\\nAuthor: Smith, John; Jones, Kate\\n\\n"
...         "Publication title: The Journal\\n\\nVolume: 12\\n\\nIssue: 3\\n\\nPages: 100-10\\n\\n"
...         "Publication year: 2019\\n\\nDOI: 10.1000/XYZ\\n\\nProQuest document ID: 123456\\n\\n"
...         "Title: A trial\\n\\nDatabase: ProQuest Central\\n\\n" + "_" * 60 + "\\n")
>>> rec = parse(text, "x.txt").records[0]
>>> rec["authors"], rec["journal"], rec["pages"], rec["doi"], rec["source_id"], rec["source_database"]
(['Smith, J.', 'Jones, K.'], 'The Journal', '100-110', '10.1000/xyz', '123456', 'ProQuest Central')
"""
from __future__ import annotations

import re

from .. import config
from ..base import ParseResult
from . import register
from .fields import Columns, authors_split, build_row, keywords, tag_text, unique_keywords, values
from .tagged import TagFormat, name_file_database, read

FORMAT = "proquest"

_SEPARATOR = "_" * 60
_LABELS = "|".join(re.escape(label) for label in sorted(config.PROQUEST_LABELS, key=len, reverse=True))
#: A tag line, matched from the newline before it: ``Document 3 of 100``, the line of underscores between
#: documents (its tag is three of them), or a known label and its colon.
_TAG_LINE = re.compile(r"\n(Document \d+ of \d+(?=[ \t]*(?:\n|\Z))|_{3}(?=_{17,}[ \t]*(?:\n|\Z))|(?:" + _LABELS
                       + r")(?=:(?:[ \t]|\n|\Z)))(?::[ \t]?|_*[ \t]*)")
_MARKER = re.compile(r"Document (\d+) of (\d+)")
_MARKER_LINE = re.compile(r"^Document \d+ of (\d+)[ \t]*$", re.M)
_SEPARATOR_LINE = re.compile(r"^_{20,}[ \t]*$", re.M)
_LABEL_LINE = re.compile(r"^(?:" + _LABELS + r"): ", re.M)
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")
_PUBMED_ID = re.compile(r"\d+")


def _row(tags: dict, index: int, columns: Columns) -> dict:
    if any(label in text for text in map(str, tags.values()) for label in _RUN_IN):
        row = build_row({key: _without_run_in(value) for key, value in tags.items()}, index, columns)
        row["raw"] = tags  # (the record's content, and so its id, as the export gives it)
    else:
        row = build_row(tags, index, columns)
    names = tags.get("Author") or ""
    if names.__class__ is list:
        names = "\n".join(names)
    lines = names.split("\n")
    link = next((line.strip() for line in lines if _URL_LINE.match(line.strip())), "")
    names = " ".join(line for line in lines if line.strip() and not _URL_LINE.match(line.strip()))
    row["authors"] = authors_split([names])
    if not row["url"] and link:  # the record's link, on its own line below the authors
        row["url"] = link
    if tags.get("PubMed ID") and not row["pmid"]:
        m = _PUBMED_ID.search(str(tags["PubMed ID"]))
        row["pmid"] = m.group(0) if m else ""
    if any(label in tags for label in config.PROQUEST_SPLIT):
        items = []
        for label in columns.keywords:
            separator = config.PROQUEST_SPLIT.get(label)
            for value in values(tags, (label,)):
                items += _items(value, separator) if separator else [value]
        row["keywords"] = unique_keywords(keywords(items))
    place = tag_text(tags, "Place of publication")
    if place and row["journal"].endswith(f"; {place}"):  # "The Hamilton Spectator (Online); Hamilton": the place
        row["journal"] = row["journal"][:-len(place) - 2]  # it is published in, which its own label gives too
    database = tag_text(tags, "Database")
    if database:
        row["source_database"] = database
    return row


_RUN_IN = tuple(f"\n{label}: " for label in config.PROQUEST_RUN_IN_LABELS)


def _without_run_in(value):
    """A value without the line of a label this reader does not read (``config.PROQUEST_RUN_IN_LABELS``) that ran
    into it, and what follows that line.

    >>> _without_run_in("Citizenship; Leaves of absence\\n\\nBusiness indexing term: Subject: Leaves of absence")
    'Citizenship; Leaves of absence'
    """
    if value.__class__ is list:
        return [_without_run_in(v) for v in value]
    for label in _RUN_IN:
        if label in value:
            value = value[:value.index(label)].rstrip()
    return value


def _items(value: str, separator: str) -> list[str]:
    """The items of one keyword value that ``separator`` joins (see ``config.PROQUEST_SPLIT``), a subject area with
    a comma of its own kept whole; a value joined with ``;`` as it is (:func:`~.fields.keywords` splits it).

    >>> _items("Philosophy, religion and theology, Entrenchment, Goodman", ", ")
    ['Philosophy, religion and theology', 'Entrenchment', 'Goodman']
    """
    if ";" in value:
        return [value]
    out = []
    rest = value
    while rest:
        term = next((t for t in config.PROQUEST_COMMA_TERMS if rest.startswith(t) and
                     rest[len(t):len(t) + len(separator)] in ("", separator)), None)
        if term is None:
            term, _, rest = rest.partition(separator)
        else:
            rest = rest[len(term) + len(separator):]
        out.append(term.strip())
    return out


#: Records open at ``Document 3 of 100`` (its number kept as ``_number``) and close at the line of underscores.
PROQUEST = TagFormat("ProQuest", _TAG_LINE, config.PROQUEST_COLUMNS, start_pattern=_MARKER, end="___", join="\n",
                     build=_row, empty="a Document line with no fields")


def _set_aside(text: str) -> tuple[str, int]:
    """The text with its header (before the first ``Document`` line) and what follows the last document's
    closing line blanked out, line ends kept; and the number of documents the ``Document ... of N`` lines
    promise."""
    first = _MARKER_LINE.search(text)
    if first is None:
        return text, 0
    promised = int(first.group(1))
    last = None
    for last in _MARKER_LINE.finditer(text, first.start()):
        pass
    closing = _SEPARATOR_LINE.search(text, last.end())
    end = closing.end() if closing else len(text)
    head, tail = text[:first.start()], text[end:]
    return "\n" * head.count("\n") + text[first.start():end] + "\n" * tail.count("\n"), promised


def sniff(text: str, path="") -> int:
    """ProQuest plain text: its ``Report Information from ProQuest`` header, or ``Document 1 of N`` lines
    after lines of underscores, with ProQuest's field labels below them."""
    head = text[:50000]
    if "Report Information from ProQuest" in head[:2000] and "Document " in head:
        return 95
    if _SEPARATOR not in head or not _MARKER_LINE.search(head):
        return 0
    if "ProQuest document ID:" in head or "\nDatabase: ProQuest" in head:
        return 90
    # (a file cut before those: ProQuest's labels opening lines below a Document line)
    return 85 if len(_LABEL_LINE.findall(head)) >= 3 else 0


def parse(text: str, path="") -> ParseResult:
    """Read a ProQuest plain-text export."""
    body, promised = _set_aside(text)
    result = read(body, PROQUEST)
    for rejected in result.rejected:  # name the closing line as a reader sees it
        rejected.reason = rejected.reason.replace("(no ___ line)", "(no closing line of underscores)")
    if promised > result.found:
        result.warnings.append(f"the Document lines say {promised} documents but the file holds {result.found}: "
                               f"truncated export? Export it again")
    return name_file_database(result)


register(FORMAT, sniff, parse, "ProQuest plain text")
