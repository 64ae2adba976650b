"""Web of Science "Tab-delimited file" exports: a header row of two-letter field tags (``PT AU BA ... UT``)
and one tab-separated row per record, UTF-8 (with BOM) or UTF-16LE as older exports are.

Read as a table (see :mod:`synthesis.io.sources.table`) with the tag map ``wos_tabdelimited`` of
:mod:`synthesis.io.columns`: ``UT`` is the source id, ``TI`` the title, ``AU`` the authors
(``Prakash, KS; Andersen, E``), ``PY`` the year, ``SO`` the journal, ``BP``-``EP`` (or ``AR``) the pages,
``DI`` the DOI, ``PM`` the PubMed id, ``DE`` the keywords. Every tag is kept in ``raw``.

Examples
--------
>>> res = parse("PT\\tAU\\tTI\\tSO\\tPY\\tDI\\tUT\\nJ\\tSmith, JR; Doe, J\\tA trial\\tLANCET\\t2020\\t10.1/x\\tWOS:1\\n")
>>> res.found, res.records[0]["authors"], res.records[0]["source_id"], res.database
(1, ['Smith, J. R.', 'Doe, J.'], 'WOS:1', 'Web of Science')
"""
from __future__ import annotations

import re

from ..base import ParseResult
from ..columns import column_maps
from ..databases import wos_database
from . import register, table

FORMAT = "wos_tabdelimited"

_HEADER = re.compile(r"^(?:FN\t|PT\t)(?:[A-Z][A-Z0-9]\t){3,}")


def sniff(text: str, path="") -> int:
    """A first line of tab-separated two-letter tags starting ``PT`` (beats the generic CSV reader)."""
    first = text.lstrip("\ufeff\n")[:2000].split("\n", 1)[0]
    if _HEADER.match(first + "\t") and "\tUT" in first + "\t" or _HEADER.match(first) and "\tTI\t" in first:
        return 95
    return 0


def parse(text: str, path="") -> ParseResult:
    """Read a Web of Science tab-delimited export's text."""
    result = table.parse(text, path, delimiter="\t", column_map=column_maps()["wos_tabdelimited"])
    # the Core Collection's ("WOS:...") or another Web of Science database's ("MEDLINE:32075446") records
    result.database = wos_database(rec["source_id"] for rec in result.records)
    return result


register(FORMAT, sniff, parse, "Web of Science tab-delimited")
