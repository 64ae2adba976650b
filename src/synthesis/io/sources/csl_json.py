"""CSL JSON: the portable export of Zotero ("Export Library…" > CSL JSON), Mendeley and Pandoc, a JSON array
of items in the Citation Style Language's data schema.

Field choices: ``title``; ``journal`` = ``container-title`` (else the conference's ``event-title`` or
``event``); ``authors`` from ``author`` (``family`` and ``given``, or ``literal`` for an organisation); ``year`` =
the first of ``issued``'s ``date-parts`` (else a year in its ``raw`` or ``literal`` text); ``volume``, ``issue``,
``pages`` (``page``), ``doi`` (``DOI``, else the ``DOI:`` line of ``note``, Zotero's "Extra"), ``pmid``
(``PMID``), ``isbn_issn`` (``ISBN``, else ``ISSN``), ``abstract``, ``keywords`` (``keyword``, split at commas and
semicolons), ``url`` (``URL``), ``language``; ``type`` is the CSL type (``article-journal``,
``paper-conference``...); ``source_id`` the item's ``id``. ``raw`` holds the item as it was. An element of the
array that is not an item (not a JSON object) is rejected with its position.

Examples
--------
>>> res = parse('[{"id": "a1", "type": "article-journal", "title": "A trial", '
...             '"author": [{"family": "Smith", "given": "Jane"}], "issued": {"date-parts": [[2021, 3]]}}]')
>>> res.found, res.records[0]["title"], res.records[0]["authors"], res.records[0]["year"]
(1, 'A trial', ['Smith, J.'], 2021)
"""
from __future__ import annotations

import json
import re

from ...normalise import (clean_text, normalise_author, normalise_doi, normalise_pages, parse_year,
                          split_keywords, without_second_forms)
from ...records import empty_record
from ..base import ImportFailure, ParseResult, Rejected
from . import register

FORMAT = "csl_json"

_START = re.compile(r"\s*\[\s*\{")
#: Zotero keeps a field the item's type has not (a book's DOI, before Zotero 7) in "Extra", one "Key: value" a
#: line, which its CSL JSON writes as the item's ``note``: "page: 502\nDOI: 10.4337/9781783477388".
_NOTE_DOI = re.compile(r"^DOI:\s*(10\.\S+)", re.M | re.I)
#: Keys of CSL items, of which an array's first item shows a few.
_CSL_KEYS = ('"type"', '"title"', '"issued"', '"author"', '"container-title"', '"DOI"')


def sniff(text: str, path="") -> int:
    """How surely the text is CSL JSON: an array of objects whose first keys are CSL's."""
    head = text[:4000].lstrip("\ufeff")
    if not _START.match(head):
        return 0
    hits = sum(key in head for key in _CSL_KEYS)
    return 90 if '"type"' in head and hits >= 3 else (60 if hits >= 2 else 0)


def _text(value) -> str:
    """A field's text: CSL processors write some fields as a list of strings (``"container-title": ["J X"]``)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int, float)) and str(v).strip()), "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return clean_text(value) if isinstance(value, str) else ""


def _author(name) -> str:
    if not isinstance(name, dict):
        return normalise_author(_text(name))
    if name.get("literal"):
        return _text(name["literal"])  # an organisation, as written
    family = " ".join(p for p in (_text(name.get("non-dropping-particle")), _text(name.get("family"))) if p)
    given = _text(name.get("given"))
    if family and not given:  # CSL says it is a family name: not a whole name to turn round ("der Berg, V.")
        return without_second_forms(family)
    return normalise_author(f"{family}, {given}" if family and given else given)


def _year(issued):
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = parse_year(str(parts[0][0]))
            if year:
                return year
        return parse_year(_text(issued.get("raw"))) or parse_year(_text(issued.get("literal")))
    return parse_year(_text(issued))


def _record(item: dict, index: int) -> dict:
    rec = empty_record()
    rec["source_index"] = index
    rec["source_id"] = _text(item.get("id"))
    rec["type"] = _text(item.get("type"))
    rec["title"] = _text(item.get("title"))
    authors = item.get("author") if isinstance(item.get("author"), list) else []
    rec["authors"] = [a for a in (_author(x) for x in authors) if a]
    rec["year"] = _year(item.get("issued"))
    # a conference paper known only by its conference names it in "event" (CSL 1.0.2: "event-title"), as Scopus
    # names the paper's source
    rec["journal"] = _text(item.get("container-title")) or _text(item.get("event-title")) or _text(item.get("event"))
    rec["volume"] = _text(item.get("volume"))
    rec["issue"] = _text(item.get("issue"))
    rec["pages"] = normalise_pages(_text(item.get("page")))
    rec["doi"] = normalise_doi(_text(item.get("DOI")))
    if not rec["doi"] and isinstance(item.get("note"), str) and "DOI:" in item["note"].upper():
        found = _NOTE_DOI.search(item["note"])
        rec["doi"] = normalise_doi(found.group(1)) if found else ""
    pmid = _text(item.get("PMID"))
    rec["pmid"] = pmid if pmid.isdigit() else ""
    rec["isbn_issn"] = _text(item.get("ISBN")) or _text(item.get("ISSN"))
    rec["abstract"] = _text(item.get("abstract"))
    rec["keywords"] = [k for part in re.split(r"\s*[,;]\s*", _text(item.get("keyword"))) for k in split_keywords(part)]
    rec["url"] = _text(item.get("URL"))
    rec["language"] = _text(item.get("language"))
    rec["raw"] = item
    return rec


def parse(text: str, path="") -> ParseResult:
    """Read a CSL JSON file's text; see the module docstring for what is kept and rejected."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ImportFailure(path, f"not valid JSON ({exc.msg}, column {exc.colno}); export the library again as "
                                  f"CSL JSON", line=exc.lineno) from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]  # some tools wrap the array in {"items": [...]}
    if not isinstance(data, list):
        raise ImportFailure(path, "CSL JSON is an array of items ([{...}, ...]); this file holds one "
                                  f"{type(data).__name__}", line=1)
    records, rejected, warnings = [], [], []
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict):
            rejected.append(Rejected(index=i, reason=f"not a CSL item (a JSON {type(item).__name__}, not an object)"))
            continue
        rec = _record(item, i)
        if not rec["title"]:
            warnings.append(f"record {i}: no title")
        records.append(rec)
    return ParseResult(records=records, found=len(data), rejected=rejected, warnings=warnings)


register(FORMAT, sniff, parse, "CSL JSON")
