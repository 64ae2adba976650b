"""EndNote XML exports (``<xml><records><record>...``), as written by EndNote and by Zotero.

EndNote's older XML (``<XML><RECORDS><RECORD>``, upper-case elements with no ``<style>`` runs, as EndNote 7 wrote
it and some converters still do) is read too: its elements are renamed to the paths above by
:data:`LEGACY_PATHS` (``SECONDARY_TITLE`` -> ``titles/secondary-title``) before the fields are chosen.

Each ``<record>`` is read with :mod:`xml.etree.ElementTree` on its own, so one broken record (or a file cut
off in the middle) costs only that record: it is rejected with its line and the XML error, and the records
before and after it are still imported. Values may be wrapped in ``<style face=...>`` runs (EndNote) or not
(Zotero); the runs are joined. ``raw`` holds every element by its path inside the record
(``"titles/title"``, ``"contributors/authors/author"``, ``"caption"``, ``"label"``, ``"custom1"``...), as a
string, or a list when the element repeats; ``"ref-type@name"`` holds the type's name. The EndNote
duplicate flag (``caption`` or ``label`` = ``Duplicate``) is kept there for deduplication to read.

Field choices: ``title`` = ``titles/title``; ``journal`` = ``titles/secondary-title``, else
``periodical/full-title``; ``year`` = ``dates/year``, else the first year in ``dates/pub-dates/date``;
``doi`` = ``electronic-resource-num`` (else a doi.org URL); ``pmid`` = ``accession-num`` when it is a
PubMed id (at most 8 digits, not from Embase); ``source_id`` = ``rec-number``; ``url`` = the first web link
among the related, web and PDF links, else EndNote's ``<Go to ISI>://...`` pointer (never an ``internal-pdf://...``
file of the exporter's library).

Examples
--------
>>> xml = ('<xml><records><record><rec-number>7</rec-number><titles><title><style face="normal">A trial'
...        '</style></title></titles><dates><year>2001</year></dates></record></records></xml>')
>>> res = parse(xml)
>>> res.found, res.records[0]["title"], res.records[0]["year"], res.records[0]["source_id"]
(1, 'A trial', 2001, '7')
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ...normalise import (clean_text, normalise_author, normalise_doi, normalise_pages, parse_year,
                          split_keywords, with_line_feeds)
from ...records import empty_record
from ..base import ImportFailure, ParseResult, Rejected
from . import register
from .fields import first_link

FORMAT = "endnote_xml"

_RECORD_START = re.compile(r"<record(?:\s[^>]*)?>", re.I)
#: EndNote's older XML (``<XML><RECORDS><RECORD>``): its upper-case elements and the path each stands for in
#: the newer layout; any other element is named in lower case with ``-`` for ``_`` (``AUTHOR_ADDRESS`` ->
#: ``auth-address`` is the one irregular name).
LEGACY_PATHS = {"REFNUM": "rec-number", "REFERENCE_TYPE": "ref-type", "AUTHORS/AUTHOR": "contributors/authors/author",
                "TITLE": "titles/title", "SECONDARY_TITLE": "titles/secondary-title", "YEAR": "dates/year",
                "DATE": "dates/pub-dates/date", "KEYWORDS/KEYWORD": "keywords/keyword", "URL": "urls/related-urls/url",
                "AUTHOR_ADDRESS": "auth-address"}
#: The reference types of the older layout, a number each: the few its writers are seen to use (a journal paper
#: 0, a book 1, an R package's "Generic" 13: KKKKKZXuan/3888_COVID-A_6-Public, endnote.xml); any other number
#: stays as written.
LEGACY_TYPES = {"0": "Journal Article", "1": "Book", "13": "Generic"}
_LEGACY_ROOT = re.compile(r"(?:<\?xml[^>]*>\s*)?<XML>\s*<RECORDS>")
_CONTAINERS = {"contributors", "authors", "secondary-authors", "tertiary-authors", "subsidiary-authors",
               "translated-authors", "titles", "periodical", "alt-periodical", "keywords", "dates", "pub-dates",
               "copyright-dates", "urls", "related-urls", "pdf-urls", "text-urls", "image-urls", "web-urls",
               "foreign-keys"}


def sniff(text: str, path="") -> int:
    """How surely the text is EndNote XML: an ``<xml>``/``<records>`` root with ``<record>`` elements."""
    head = text[:5000].lstrip()
    if "<records>" in head and _RECORD_START.search(head) and ("<ref-type" in text[:50000] or "<titles>" in
                                                               text[:50000] or "<rec-number>" in head):
        return 95
    if re.match(r"(<\?xml[^>]*>\s*)?<xml>\s*<records>", head):
        return 80
    if _LEGACY_ROOT.match(head) and "<RECORD>" in head:
        return 90
    return 0


def _text(el: ET.Element | None) -> str:
    """An element's text with its ``<style>`` runs joined, whitespace as written."""
    if el is None:
        return ""
    if not any(c.tag == "style" for c in el):
        return "".join(el.itertext())
    # Pretty-printed files put indentation between the runs: keep only what is not layout.
    parts = [el.text] if el.text and el.text.strip() else []
    for c in el:
        parts.append("".join(c.itertext()))
        if c.tail and c.tail.strip():
            parts.append(c.tail)
    return "".join(parts)


def _flatten(el: ET.Element, prefix: str, raw: dict) -> None:
    for child in el:
        path = f"{prefix}{child.tag}"
        if child.tag in _CONTAINERS or (len(child) and all(c.tag != "style" for c in child)):
            _flatten(child, path + "/", raw)
            continue
        value = with_line_feeds(_text(child)).strip()
        _put(raw, path, value)
        for name, attr in child.attrib.items():  # ref-type@name, database@path, key@db-id ...
            _put(raw, f"{path}@{name}", attr)


def _put(raw: dict, key: str, value: str) -> None:
    if key in raw:
        prev = raw[key]
        raw[key] = (prev if isinstance(prev, list) else [prev]) + [value]
    else:
        raw[key] = value


def _as_list(value) -> list:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _first(raw: dict, *paths) -> str:
    for p in paths:
        for v in _as_list(raw.get(p)):
            v = clean_text(v)
            if v:
                return v
    return ""


#: Where EndNote keeps a record's links, best first.
URL_PATHS = ("urls/related-urls/url", "urls/web-urls/url", "urls/pdf-urls/url")


def _url_paths(raw: dict) -> list:
    """The paths of a record's links: :data:`URL_PATHS`, then any other ``.../url`` in the record, in its order
    (EndNote 13 wrote ``<urls-x><related-urls><url>``, and the link was lost)."""
    return list(URL_PATHS) + [k for k in raw if k.endswith("/url") and k not in URL_PATHS]


def _pmid(raw: dict) -> str:
    acc = _first(raw, "accession-num")
    db = _first(raw, "remote-database-name", "remote-database-provider").lower()
    if acc.isdigit() and len(acc) <= 8 and not (db.startswith("embase") and "medline" not in db):
        return acc
    return ""


def _record(el: ET.Element, index: int) -> dict:
    raw: dict = {}
    _flatten(el, "", raw)
    if el.tag == "RECORD":  # EndNote's older XML: its names turned into the newer paths
        raw = {LEGACY_PATHS.get(k, k.lower().replace("_", "-")): v for k, v in raw.items()}
    rec = empty_record()
    rec["source_index"] = index
    rec["source_id"] = _first(raw, "rec-number")
    rec["type"] = raw.get("ref-type@name") or _first(raw, "ref-type")
    if el.tag == "RECORD":
        rec["type"] = LEGACY_TYPES.get(rec["type"], rec["type"])
    rec["title"] = _first(raw, "titles/title")
    rec["authors"] = [a for a in (normalise_author(x) for x in _as_list(raw.get("contributors/authors/author")))
                      if a]
    dates = _as_list(raw.get("dates/pub-dates/date"))
    rec["year"] = parse_year(_first(raw, "dates/year")) or parse_year(dates[0] if dates else None)
    rec["journal"] = _first(raw, "titles/secondary-title", "periodical/full-title", "periodical/abbr-1")
    rec["volume"] = _first(raw, "volume")
    rec["issue"] = _first(raw, "number", "issue")
    rec["pages"] = normalise_pages(_first(raw, "pages"))
    urls = [clean_text(u) for key in _url_paths(raw) for u in _as_list(raw.get(key)) if clean_text(u)]
    rec["doi"] = normalise_doi(_first(raw, "electronic-resource-num")) or normalise_doi(
        [u for u in urls if "doi.org/" in u or u.startswith("10.")])  # some writers put the bare DOI there
    rec["pmid"] = _pmid(raw)
    rec["isbn_issn"] = _first(raw, "isbn")
    rec["abstract"] = _first(raw, "abstract")
    rec["keywords"] = [k for kw in _as_list(raw.get("keywords/keyword")) for k in split_keywords(kw)]
    # A web link before EndNote's own pointers ("<Go to ISI>://WOS:..."), as the tagged readers choose; an
    # author's e-mail or ORCID is no link, nor a PDF kept in the exporter's library ("internal-pdf://...", a
    # file on one computer). Those stay in raw.
    web = [u for u in urls if u.startswith(("http://", "https://", "ftp://"))]
    rec["url"] = first_link(web, split=False) or first_link(
        [u for u in urls if not u.startswith("internal-pdf:")], split=False)
    rec["language"] = _first(raw, "language")
    rec["raw"] = raw
    return rec


def parse(text: str, path="") -> ParseResult:
    """Read an EndNote XML file's text; see the module docstring for what is kept and rejected."""
    starts = [m.start() for m in _RECORD_START.finditer(text)]
    if not starts:
        raise ImportFailure(path, "EndNote XML without any <record> element", line=1)
    records, rejected, warnings = [], [], []
    line, pos = 1, 0
    for i, start in enumerate(starts, 1):
        line += text.count("\n", pos, start)
        pos = start
        nxt = starts[i] if i < len(starts) else len(text)
        closing = "</RECORD>" if text.startswith("<RECORD", start) else "</record>"
        end = text.find(closing, start, nxt)
        if end < 0:
            rejected.append(Rejected(index=i, line=line, reason="record is not closed by </record> (file cut "
                                                                 "off or broken XML)"))
            continue
        try:
            el = ET.fromstring(text[start:end + len(closing)])
        except ET.ParseError as exc:
            row, col = exc.position
            rejected.append(Rejected(index=i, line=line + row - 1, reason=f"broken XML in this record: {exc}"))
            continue
        rec = _record(el, i)
        if not rec["title"]:
            warnings.append(f"record {i} (line {line}): no title")
        records.append(rec)
    stripped = text.rstrip()
    if not stripped.endswith(">") or not re.search(r"</(records|xml)>\s*$", stripped, re.I):
        warnings.append("the file does not end with </records></xml>: it may have been cut off")
    return ParseResult(records=records, found=len(starts), rejected=rejected, warnings=warnings)


register(FORMAT, sniff, parse, "EndNote XML")
