"""Cited references as the databases export them, parsed into fields.

* Web of Science plain text, field ``CR``, one reference per line:
  ``ARNAUD JA, 1972, ELECTRON LETT, V8, P541, DOI 10.1049/el:19720394`` - first author, year, source
  (the 20-character J29 abbreviation, or a book title), ``V`` volume, ``P`` page, ``DOI``.
* Scopus CSV, column ``References``, references separated by ``; ``. Current exports write
  ``Ackerly D.D., Et al., The geography of climate change, Divers. Distrib, 16, pp. 476-487, (2010)``
  (authors, title, source, volume, issue, pages, year last); older ones
  ``Humphrey, W., Dalke, A., (1996) J Mol Graphics, 14, p. 33`` (authors, optional title, year, source).
* Lens (``References``) and OpenAlex (``referenced_works``) give identifiers only (Lens IDs, OpenAlex work
  ids): they are kept as such and can only be matched by identifier.

Every parsed reference keeps its text as exported (``text``); a field that cannot be read is left empty,
never guessed.

Examples
--------
>>> r = parse_wos_reference("ARNAUD JA, 1972, ELECTRON LETT, V8, P541, DOI 10.1049/el:19720394")
>>> r["first_author"], r["year"], r["source"], r["volume"], r["page"], r["doi"]
('ARNAUD JA', 1972, 'ELECTRON LETT', '8', '541', '10.1049/el:19720394')
>>> s = parse_scopus_reference("Ackerly D.D., Et al., The geography of climate change, Divers. Distrib, 16, "
...                            "pp. 476-487, (2010)")
>>> s["first_author"], s["title"], s["source"], s["volume"], s["page"], s["year"]
('Ackerly D.D.', 'The geography of climate change', 'Divers. Distrib', '16', '476', 2010)
"""
from __future__ import annotations

import json
import re

FIELDS = ["first_author", "year", "source", "volume", "page", "doi", "title"]

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)[a-z]?$")
_WOS_VOLUME = re.compile(r"^V\s?(?:[A-Z]\s?(?=\d))?([0-9][\w.()/-]*|[IVXLC]+)$")  # V28, VB 13 (series B)
_WOS_PAGE = re.compile(r"^P\s?([A-Za-z]{0,2}\d[\w-]*|UNSP\s?\S+)$")
_WOS_ARTICLE = re.compile(r"^ARTN\s+(\S+)$")
_DOI = re.compile(r"10\.\d{4,9}/[^\s,\]\[]+")


def _empty(text: str, kind: str) -> dict:
    out = {f: "" for f in FIELDS}
    out["year"] = None
    out["text"] = text
    out["format"] = kind
    return out


def parse_wos_reference(text: str) -> dict:
    """One Web of Science ``CR`` line as fields (see the module doc); ``year`` an int or ``None``."""
    out = _empty(text, "wos")
    text = " ".join(str(text).split())
    m = re.search(r",\s*DOI\s+(.*)$", text)
    rest = text
    if m:
        dois = _DOI.findall(m.group(1))
        out["doi"] = dois[0].rstrip(".") if dois else ""
        rest = text[: m.start()]
    parts = [p.strip() for p in rest.split(",")]
    k = 0
    if parts and not _YEAR.match(parts[0]):
        out["first_author"] = parts[0].lstrip("*").strip()
        if out["first_author"] in ("[Anonymous]", "Anonymous"):
            out["first_author"] = ""
        k = 1
    if k < len(parts) and _YEAR.match(parts[k]):
        out["year"] = int(parts[k][:4])
        k += 1
    source = []
    for part in parts[k:]:
        if (v := _WOS_VOLUME.match(part)) and not out["volume"]:
            out["volume"] = v.group(1)
        elif (p := _WOS_PAGE.match(part)) and not out["page"]:
            out["page"] = "" if p.group(1).startswith("UNSP") else p.group(1)
        elif (a := _WOS_ARTICLE.match(part)) and not out["page"]:
            out["page"] = a.group(1)
        elif not out["volume"] and not out["page"]:
            source.append(part)
    out["source"] = ", ".join(s for s in source if s)
    return out


# Scopus: an author is "Family I.J." (current) or "Family, I.J." (older); "Et al." closes the list.
_SCOPUS_AUTHOR = re.compile(r"^[^\d,()]{1,60}?\s(?:(?:[A-Z][a-z]?\.-?\s?){1,4}|[A-Z]{1,3}\.?)$")
_SCOPUS_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.-?\s?){1,4}$|^[A-Z]{1,2}$")
_SCOPUS_PAGES = re.compile(r"^pp?\.\s*([A-Za-z]{0,2}\d[\w]*)(?:\s*-\s*\S+)?\.?$")
_SCOPUS_NUMBER = re.compile(r"[A-Za-z]?\d[\w-]*(?:\s*\(\w+\))?")
_SCOPUS_YEAR_END = re.compile(r",?\s*\((1[5-9]\d\d|20\d\d)\)\s*$")
_SCOPUS_YEAR_MID = re.compile(r"\((1[5-9]\d\d|20\d\d)\)\s*")


def _scopus_numbers(parts: list[str], out: dict) -> list[str]:
    """Take pages, issue and volume off the end of ``parts``; return what is left."""
    while parts and (m := _SCOPUS_PAGES.match(parts[-1])):
        out["page"] = m.group(1)
        parts = parts[:-1]
    numbers = []
    while parts and re.fullmatch(r"[A-Za-z]?\d[\w-]*|[A-Z]?\d+\s*\(\w+\)", parts[-1]) and len(numbers) < 2:
        numbers.insert(0, parts[-1])
        parts = parts[:-1]
    if numbers:
        out["volume"] = numbers[0]
    return parts


_EDITION = re.compile(r"^\d+(?:st|nd|rd|th)\s+ed(?:n|ition)?\.?$", re.I)


def _join_editions(parts: list[str]) -> list[str]:
    """"The Dinosauria", "2Nd Ed" is one book title: an edition belongs to the part before it."""
    out: list[str] = []
    for part in parts:
        if out and _EDITION.match(part):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def parse_scopus_reference(text: str) -> dict:
    """One Scopus ``References`` entry as fields (see the module doc)."""
    out = _parse_scopus(text)
    out["volume"] = out["volume"].split("(")[0].strip()  # "22 (4)": volume 22, issue 4
    return out


def _parse_scopus(text: str) -> dict:
    out = _empty(text, "scopus")
    text = " ".join(str(text).split()).strip().rstrip(";")
    m = _DOI.search(text)
    if m:
        out["doi"] = m.group(0).rstrip(".")
        text = (text[: m.start()] + text[m.end():]).replace("DOI ", "").replace("doi:", "").strip(" ,")
    end = _SCOPUS_YEAR_END.search(text)
    if end:  # current style: ..., Title, Source, 16, pp. 476-487, (2010)
        out["year"] = int(end.group(1))
        parts = [p.strip() for p in text[: end.start()].split(",")]
        authors, rest = _scopus_authors(parts)
        rest = _join_editions(_scopus_numbers(rest, out))
        if len(rest) >= 2:
            out["source"] = rest[-1]
            out["title"] = ", ".join(rest[:-1])
        elif rest and rest[0].startswith("In "):
            out["source"] = rest[0][3:]  # a chapter "In <book>": the book is the source
        elif rest:
            out["title"] = rest[0]  # a book or report: the title, and no source
        out["first_author"] = authors[0] if authors else ""
        return out
    mid = _SCOPUS_YEAR_MID.search(text)
    if mid:  # older style: Authors, Title (1996) Source, 14, p. 33
        out["year"] = int(mid.group(1))
        before = [p.strip() for p in text[: mid.start()].split(",") if p.strip()]
        authors, rest = _scopus_authors(before)
        out["first_author"] = authors[0] if authors else ""
        out["title"] = ", ".join(rest)
        after = [p.strip() for p in text[mid.end():].split(",") if p.strip()]
        # Source first, then volume (issue) and pages; notes after them ("special issue on ...") are dropped.
        if after and not _SCOPUS_PAGES.match(after[0]):
            out["source"] = after.pop(0).rstrip(".")
        for part in after:
            if (pm := _SCOPUS_PAGES.match(part)) and not out["page"]:
                out["page"] = pm.group(1)
            elif _SCOPUS_NUMBER.fullmatch(part) and not out["volume"] and not out["page"]:
                out["volume"] = part
        return out
    parts = [p.strip() for p in text.split(",")]
    authors, rest = _scopus_authors(parts)
    out["first_author"] = authors[0] if authors else ""
    out["title"] = ", ".join(rest)
    return out


def _scopus_authors(parts: list[str]) -> tuple[list[str], list[str]]:
    """Split leading author names off ``parts`` (either style); the rest is title, source, numbers."""
    authors = []
    k = 0
    while k < len(parts):
        part = parts[k]
        if part.lower().rstrip(".") in ("et al", "et al"):
            k += 1
            break
        if k + 1 < len(parts) and _SCOPUS_INITIALS.match(parts[k + 1]) and 0 < len(part) <= 40 \
                and not any(ch.isdigit() for ch in part) and len(part.split()) <= 4:
            authors.append(f"{part}, {parts[k + 1]}")  # "Kalé, L."
            k += 2
            continue
        if _SCOPUS_AUTHOR.match(part) and len(part.split()) <= 5:
            authors.append(part)
            k += 1
            continue
        break
    return authors, parts[k:]


def _identifier_reference(value: str, kind: str) -> dict:
    out = _empty(value, kind)
    out["identifier"] = value
    return out


def references_of_record(raw) -> list[dict]:
    """The cited references a record's export gave (its ``raw`` fields), parsed; ``[]`` when none."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.strip().startswith("{") else {}
        except json.JSONDecodeError:
            raw = {}
    if not isinstance(raw, dict):
        return []
    if raw.get("CR"):  # Web of Science plain text / tab-delimited
        lines = raw["CR"] if isinstance(raw["CR"], list) else re.split(r";\s*|\n", str(raw["CR"]))
        return [parse_wos_reference(line) for line in lines if str(line).strip()]
    if raw.get("Cited References"):  # Web of Science tab-delimited with long headers
        return [parse_wos_reference(line) for line in re.split(r";\s*", str(raw["Cited References"])) if line.strip()]
    if raw.get("References") and ("EID" in raw or "Source title" in raw or "Scopus" in str(raw.get("Source", ""))):
        return [parse_scopus_reference(x) for x in str(raw["References"]).split("; ") if x.strip()]
    if raw.get("References") and "Lens ID" in raw:
        return [_identifier_reference(x.strip(), "lens") for x in str(raw["References"]).split(";") if x.strip()]
    if raw.get("referenced_works"):  # OpenAlex
        works = raw["referenced_works"]
        works = works if isinstance(works, list) else re.split(r"[;|\s]+", str(works))
        return [_identifier_reference(w.strip(), "openalex") for w in works if str(w).strip()]
    return []


__all__ = ["FIELDS", "parse_wos_reference", "parse_scopus_reference", "references_of_record"]
