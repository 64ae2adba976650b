"""Web of Science plain text (``.ciw``/``.txt``; also Zoological Record, Inspec and other WoS databases).

The file opens with ``FN``/``VR`` header lines, each record runs from ``PT`` to ``ER``, and ``EF`` ends
the file. A tag is two characters and a space; every further line of a value is indented by three
spaces. For list tags (authors, addresses, cited references) each such line is one more item; for
text tags (title, abstract, keywords) the line simply wraps and joins with a space.
Read by the tagged-format engine (:mod:`.tagged`) with the tag tables of :mod:`synthesis.io.config`.

Examples
--------
>>> text = "FN Clarivate Analytics Web of Science\\nVR 1.0\\nPT J\\nAU Smith, J\\n   Jones, AB\\n" \\
...        "TI A long\\n   title\\nPY 2020\\nUT WOS:000123\\nER\\nEF\\n"
>>> rec = parse(text, "x.txt").records[0]
>>> rec["title"], rec["authors"], rec["source_id"]
('A long title', ['Smith, J.', 'Jones, A. B.'], 'WOS:000123')
"""
from __future__ import annotations

import re

from .. import config
from ..base import ParseResult
from . import register
from .fields import author, full_names_by_short_names, supplement_issue
from .tagged import Rule, TagFormat, read

FORMAT = "wos_plaintext"

_PT_LINE = re.compile(r"^PT [A-Z]\s*$", re.M)
_PT_VALUE = re.compile(r"PT [A-Z][ \t]*$", re.M)  # a PT line where the search starts (the file's first line)
_LEADING_SPACE = re.compile(r"\s*")
_ER_LINE = re.compile(r"^ER\s*$", re.M)
#: A line of one of the tags every WoS record has (two characters, then a space or the line's end).
_WOS_TAG_LINE = re.compile(r"^(?:AU|AF|CA|TI|SO|DT|LA|PY|UT|ER)(?: |$)", re.M)


def _family_from_short_names(tags: dict, row: dict) -> None:
    """Full names (``AF``) written without a comma, read family name first where the short names (``AU``) say so
    (see :func:`full_names_by_short_names`)."""
    full, short = tags.get("AF"), tags.get("AU")
    if full.__class__ is list and short.__class__ is list:
        names = full_names_by_short_names(full, short)
        if names:
            row["authors"] = [a for a in map(author, names) if a]


#: A bracketed descriptor group of Zoological Record's ``DE`` ("[Breeding site / Nest site selection / ]").
_DESCRIPTOR_GROUP = re.compile(r"\[([^\]]*)\]")


def _zoological_record_descriptors(tags: dict, row: dict) -> None:
    """Zoological Record's ``DE`` names the organisms, then its descriptors in brackets, each group "broad /
    narrow / detail" ("Picoides arcticus [Breeding site / Nest site selection / ] [Fire / Wildfire / ]."): read as
    one keyword, a record's last keyword was the whole line. The organisms and each descriptor are keywords.

    >>> row = {"source_id": "ZOOREC:ZOOR1", "keywords": ["Dryobates villosus", "Picoides arcticus [Fire / Wildfire "
    ...        "/ ] [Habitat management /  / ] [Fire / Burnt forest / ]."]}
    >>> _zoological_record_descriptors({}, row); row["keywords"]
    ['Dryobates villosus', 'Picoides arcticus', 'Fire', 'Wildfire', 'Habitat management', 'Burnt forest']
    """
    keywords = row["keywords"]
    if not row["source_id"].startswith("ZOOREC:") or not any("[" in k for k in keywords):
        return
    out = []
    for keyword in keywords:
        if "[" in keyword:
            organisms = keyword.split("[", 1)[0].strip()
            parts = ([organisms] if organisms else []) + [part for group in _DESCRIPTOR_GROUP.findall(keyword)
                                                          for part in group.split("/")]
        else:
            parts = [keyword]
        for part in (p.strip().rstrip(".").strip() for p in parts):
            if part and part not in out:
                out.append(part)
    row["keywords"] = out


WOS = TagFormat("Web of Science", re.compile(r"\n([A-Z0-9][A-Z0-9])(?: |(?=\n)|$)"), config.WOS_COLUMNS,
                list_tags=config.WOS_LIST_TAGS, start="PT", end="ER", header_tags=frozenset({"FN", "VR", "EF"}),
                rules=(Rule(_family_from_short_names, needs=("AF", "AU")),
                       Rule(_zoological_record_descriptors, needs=("DE",)), Rule(supplement_issue, needs=("SU",))))


def sniff(text: str, path="") -> int:
    """WoS plain text: an ``FN`` header, or ``PT`` lines opening records that ``ER`` lines close.

    A file saved without its ``FN``/``VR`` header (one record copied out of an export) starts at its
    first ``PT J`` line; with WoS tags after it (``AU``, ``TI``, ``SO``...) that is WoS too, closing ``ER``
    or not (without it, the record is reported as cut off). RIS (``TY  -``) and MEDLINE (``PT  - Journal
    Article``) never have a ``PT`` tag followed by one letter.
    """
    head = text[:50000]
    start = _LEADING_SPACE.match(head).end()  # (lstrip would copy the whole head)
    first_line = head[start:start + 3]
    starts_with_pt = first_line == "PT " and _PT_VALUE.match(head, start) is not None
    has_pt = starts_with_pt or ("\nPT " in head and bool(_PT_LINE.search(head)))
    if first_line == "FN " and has_pt:
        return 98
    if has_pt and "\nER" in head and _ER_LINE.search(head):
        return 90
    if starts_with_pt and len(_WOS_TAG_LINE.findall(head[:5000])) >= 3:
        return 85
    return 0


def parse(text: str, path="") -> ParseResult:
    """Read a Web of Science plain-text export."""
    return read(text, WOS)


register(FORMAT, sniff, parse, "Web of Science plain text")
