"""PubMed XML exports (``<PubmedArticleSet>`` of ``<PubmedArticle>``; ``<PubmedBookArticle>`` too).

Each article is read with :mod:`xml.etree.ElementTree` on its own, so a broken or cut-off article is
rejected with its line and the others are still imported. ``raw`` keeps the article's XML text under
``"xml"`` (nothing is lost) plus the flat values used for the record columns.

Field choices: ``source_id`` and ``pmid`` = ``MedlineCitation/PMID``; ``title`` = ``ArticleTitle`` (or
``BookTitle``), inline markup kept as text; ``abstract`` = the ``AbstractText`` parts, each structured part
prefixed by its label; ``year`` = ``PubDate/Year``, else the year in ``MedlineDate``, else
``ArticleDate``; ``doi`` = ``ELocationID[@EIdType=doi]``, else ``ArticleId[@IdType=doi]``; ``keywords`` =
``Keyword`` and MeSH ``DescriptorName``.

Examples
--------
>>> xml = ('<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>123</PMID><Article><ArticleTitle>A '
...        '<i>trial</i>.</ArticleTitle><AuthorList><Author><LastName>Smith</LastName><Initials>JR</Initials>'
...        '</Author></AuthorList></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>')
>>> rec = parse(xml).records[0]
>>> rec["pmid"], rec["title"], rec["authors"]
('123', 'A trial.', ['Smith, J. R.'])
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ...normalise import clean_text, normalise_author, normalise_doi, normalise_pages, parse_year
from ...records import empty_record
from ..base import ImportFailure, ParseResult, Rejected
from . import register

FORMAT = "pubmed_xml"

_START = re.compile(r"<(PubmedArticle|PubmedBookArticle)(?:\s[^>]*)?>")


def sniff(text: str, path="") -> int:
    """How surely the text is PubMed XML: a ``PubmedArticleSet`` with ``PubmedArticle`` elements."""
    head = text[:5000]
    if "<PubmedArticleSet" in head or "PubMedArticle, " in head or "pubmed_" in head and "<!DOCTYPE" in head:
        return 95 if _START.search(text[:200000]) else 70
    if _START.search(head) and "<MedlineCitation" in text[:20000]:
        return 85
    return 0


def _t(el) -> str:
    return clean_text("".join(el.itertext())) if el is not None else ""


def _author(a: ET.Element) -> str:
    collective = a.find("CollectiveName")
    if collective is not None:
        return _t(collective)
    last, fore, init = _t(a.find("LastName")), _t(a.find("ForeName")), _t(a.find("Initials"))
    if not last:
        return ""
    return normalise_author(f"{last}, {fore or init}") if (fore or init) else last


def _record(el: ET.Element, index: int, xml_text: str) -> dict:
    rec = empty_record()
    rec["source_index"] = index
    art = el.find(".//Article")
    book = el.find(".//Book")
    pmid = _t(el.find(".//PMID"))
    rec["source_id"] = rec["pmid"] = pmid
    title = _t(art.find("ArticleTitle")) if art is not None else ""
    if not title:
        title = _t(el.find(".//ArticleTitle")) or _t(el.find(".//BookTitle")) or _t(el.find(".//VernacularTitle"))
    rec["title"] = title
    rec["type"] = "; ".join(_t(p) for p in el.iter("PublicationType")) or ("Book" if book is not None else "")
    author_list = el.find(".//AuthorList")
    rec["authors"] = [a for a in (_author(x) for x in (author_list if author_list is not None else []))
                      if a]
    journal = el.find(".//Journal")
    issue = journal.find("JournalIssue") if journal is not None else None
    pubdate = el.find(".//PubDate")
    year = None
    if pubdate is not None:
        year = parse_year(_t(pubdate.find("Year"))) or parse_year(_t(pubdate.find("MedlineDate")))
    if year is None:
        year = parse_year(_t(el.find(".//ArticleDate/Year"))) or parse_year(_t(el.find(".//DateCompleted/Year")))
    rec["year"] = year
    rec["journal"] = _t(journal.find("Title")) if journal is not None else _t(el.find(".//BookTitle"))
    if issue is not None:
        rec["volume"], rec["issue"] = _t(issue.find("Volume")), _t(issue.find("Issue"))
    rec["pages"] = normalise_pages(_t(el.find(".//Pagination/MedlinePgn")) or
                                   "-".join(x for x in (_t(el.find(".//Pagination/StartPage")),
                                                        _t(el.find(".//Pagination/EndPage"))) if x))
    doi = next((_t(e) for e in el.iter("ELocationID") if e.get("EIdType") == "doi"), "")
    doi = doi or next((_t(e) for e in el.iter("ArticleId") if e.get("IdType") == "doi"), "")
    rec["doi"] = normalise_doi(doi)
    rec["isbn_issn"] = _t(journal.find("ISSN")) if journal is not None else _t(el.find(".//Isbn"))
    parts = []
    for ab in el.findall(".//Abstract/AbstractText"):
        label = ab.get("Label")
        text = _t(ab)
        parts.append(f"{label}: {text}" if label and text else text)
    rec["abstract"] = " ".join(p for p in parts if p)
    kws = [_t(k) for k in el.iter("Keyword")] + [_t(d) for d in el.iter("DescriptorName")]
    rec["keywords"] = [k for k in kws if k]
    rec["language"] = _t(el.find(".//Language"))
    rec["url"] = f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else ""
    rec["raw"] = {"xml": xml_text, "PMID": pmid, "ArticleTitle": title, "PubDate": _t(pubdate),
                  "ELocationID/doi": doi, "PublicationType": rec["type"]}
    return rec


def parse(text: str, path="") -> ParseResult:
    """Read a PubMed XML file's text; see the module docstring."""
    starts = [(m.start(), m.group(1)) for m in _START.finditer(text)]
    if not starts:
        raise ImportFailure(path, "PubMed XML without any <PubmedArticle> element", line=1)
    records, rejected, warnings = [], [], []
    line, pos = 1, 0
    for i, (start, tag) in enumerate(starts, 1):
        line += text.count("\n", pos, start)
        pos = start
        nxt = starts[i][0] if i < len(starts) else len(text)
        close = f"</{tag}>"
        end = text.find(close, start, nxt)
        if end < 0:
            rejected.append(Rejected(index=i, line=line, reason=f"<{tag}> is not closed (file cut off or "
                                                                 f"broken XML)"))
            continue
        chunk = text[start:end + len(close)]
        try:
            el = ET.fromstring(chunk)
        except ET.ParseError as exc:
            rejected.append(Rejected(index=i, line=line + exc.position[0] - 1,
                                     reason=f"broken XML in this article: {exc}"))
            continue
        rec = _record(el, i, chunk)
        if not rec["title"]:
            warnings.append(f"record {i} (line {line}): no title")
        records.append(rec)
    if not re.search(r"</PubmedArticleSet>\s*$", text):
        warnings.append("the file does not end with </PubmedArticleSet>: it may have been cut off")
    return ParseResult(records=records, found=len(starts), rejected=rejected, warnings=warnings,
                       database="PubMed")


register(FORMAT, sniff, parse, "PubMed XML")
