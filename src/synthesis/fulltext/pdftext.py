"""Reading a PDF: is it a readable PDF at all, what its metadata and first pages say, its text, its pages.

:mod:`pypdf` checks the file (encryption, damage) and reads its metadata, XMP included; :mod:`pypdfium2`
(Google's PDFium, shipped inside the wheel) extracts the text and draws pages to PNG, so the widget shows
the paper in any browser without a PDF viewer or a network.

A file that cannot be used is never a crash: :func:`inspect_pdf` returns a :class:`PdfInfo` whose ``problem``
says what is wrong (not a PDF, encrypted with a password, truncated, damaged) and the caller reports it with
the path. A PDF without a text layer (a scan) is usable: ``has_text`` is False and the widget says that its
text cannot be searched.

Examples
--------
>>> find_dois("see https://doi.org/10.1000/XYZ.12(3)4. and doi:10.18637/jss.v018.i03,")
['10.1000/xyz.12(3)4', '10.18637/jss.v018.i03']
>>> find_dois("10.1088_1475-7516_2008_10_003.pdf", file_name=True)
['10.1088/1475-7516_2008_10_003', '10.1088/1475-7516/2008/10/003']
"""
from __future__ import annotations

import io
import logging
import re
import threading
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..normalise import with_line_feeds

#: How many pages count as "the first page" when looking for the DOI and title (a cover page comes first
#: in some journals' downloads, e.g. JSTOR's and arXiv's listings).
HEAD_PAGES = 2
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
_DOI_NAME = re.compile(r"(?<![\d.])(10\.\d{4,9})[_/%](2F)?([^\s]+)", re.IGNORECASE)
_PMID = re.compile(r"(?:\bPMID\s*:?\s*|\bpubmed[_\s-]?)(\d{5,8})\b", re.IGNORECASE)
_TRAILING = ".,;:)]}'\">"

# pdfium is not thread-safe: every call into it goes through this lock (the widget prefetches in a thread).
PDFIUM_LOCK = threading.Lock()

logging.getLogger("pypdf").setLevel(logging.ERROR)


def _clean_doi(doi: str) -> str:
    doi = doi.strip()
    while doi and doi[-1] in _TRAILING:
        # Keep a closing bracket that closes one opened inside the DOI: 10.1002/(SICI)...
        if doi[-1] == ")" and doi.count("(") >= doi.count(")"):
            break
        doi = doi[:-1]
    return doi.lower()


def find_dois(text: str, file_name: bool = False) -> list:
    """The DOIs in ``text``, lower case, in order of appearance, without trailing punctuation.

    With ``file_name``, ``/`` may have been written as ``_`` or ``%2F`` (a file name cannot hold a slash);
    both readings of the underscores after the prefix are given (the DOI itself may contain ``_``).
    """
    text = str(text or "")
    out = []
    if file_name:
        stem = re.sub(r"\.pdf$", "", text, flags=re.IGNORECASE)
        for m in _DOI_NAME.finditer(stem):
            suffix = m.group(3)
            for cand in (f"{m.group(1)}/{suffix}", f"{m.group(1)}/{suffix.replace('_', '/')}"):
                cand = _clean_doi(cand)
                if cand not in out:
                    out.append(cand)
        return out
    # Text extraction breaks long DOIs over lines ("10.1016/j.\nsocscimed..."): join a break inside one.
    text = re.sub(r"(10\.\d{4,9}/\S*[./_-])\s*\n\s*(?=\S)", r"\1", text)
    for m in _DOI.finditer(text):
        cand = _clean_doi(m.group(1))
        if cand not in out:
            out.append(cand)
    return out


def find_pmids(text: str) -> list:
    """PubMed ids written as ``PMID: 123456`` (or ``pubmed_123456`` in a file name)."""
    return list(dict.fromkeys(m.group(1) for m in _PMID.finditer(str(text or ""))))


@dataclass
class PdfInfo:
    """What one file is: usable or not, and what its metadata and first pages say."""

    path: str
    problem: str = ""  # empty when the file is a readable PDF
    pages: int = 0
    title: str = ""  # from the document information or XMP metadata
    author: str = ""
    subject: str = ""
    metadata_dois: list = field(default_factory=list)
    head_text: str = ""  # the text of the first HEAD_PAGES pages
    has_text: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem


def _sniff(path: Path) -> str:
    """A problem with the bytes of the file, or ""."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(1024)
            fh.seek(max(0, size - 2048))
            tail = fh.read()
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    if size == 0:
        return "empty file (0 bytes)"
    if b"%PDF-" not in head:
        kind = ("an HTML page (a publisher's login or paywall page saved as .pdf?)" if b"<html" in head.lower()
                or b"<!doctype" in head.lower() else "not a PDF file")
        return f"{kind}: it does not start with %PDF-"
    if b"%%EOF" not in tail:
        return "truncated: the file ends before the PDF's end-of-file marker (an interrupted download?)"
    return ""


def _metadata_text(reader) -> tuple:
    title = author = subject = ""
    dois = []
    try:
        meta = reader.metadata or {}
        title = str(meta.get("/Title") or "").strip()
        author = str(meta.get("/Author") or "").strip()
        subject = str(meta.get("/Subject") or "").strip()
        for key in ("/doi", "/DOI", "/prism:doi", "/Subject", "/Keywords", "/WPS-ARTICLEDOI"):
            dois += find_dois(str(meta.get(key) or ""))
            if key in ("/doi", "/DOI") and meta.get(key) and not find_dois(str(meta.get(key))):
                dois += find_dois("10." + str(meta.get(key)).split("10.", 1)[-1])
    except Exception:  # damaged metadata is no reason to drop the file
        pass
    try:
        xmp = reader.xmp_metadata
        if xmp is not None:
            raw = xmp.rdf_root.toxml() if hasattr(xmp, "rdf_root") else ""
            for m in re.finditer(r"<(?:prism:doi|pdfx:doi|dc:identifier)[^>]*>([^<]+)<", raw):
                dois += find_dois(m.group(1)) or find_dois("10." + m.group(1).split("10.", 1)[-1])
    except Exception:
        pass
    return title, author, subject, list(dict.fromkeys(dois))


def _open(path: Path):
    """A pypdf reader, or a problem message."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(str(path), strict=False)
            if reader.is_encrypted:
                # Most "encrypted" papers only restrict printing or copying: the empty password opens them.
                try:
                    if not reader.decrypt(""):
                        return None, "encrypted: it needs a password to open (save an unprotected copy)"
                except (FileNotDecryptedError, NotImplementedError, DependencyError) as e:
                    return None, f"encrypted: it cannot be opened without a password ({e})"
            n = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, AssertionError) as e:
        return None, f"damaged PDF: pypdf cannot read it ({type(e).__name__}: {e})"
    if n == 0:
        return None, "a PDF without pages"
    return reader, ""


def pdfium_text(path, first: int = 0, last: int | None = None) -> list:
    """The text of pages ``first`` to ``last`` (exclusive) as PDFium reads it; ``None`` if it cannot open the file.

    PDFium (the engine that draws the page image too) extracts text about ten times faster than pypdf,
    which matters when 2,000 PDFs are matched or a 40-page paper is shown at a key press.
    """
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(str(path))
        except Exception:
            return None
        try:
            n = len(doc)
            out = []
            for i in range(first, min(n, last if last is not None else n)):
                try:
                    page = doc[i]
                    tp = page.get_textpage()
                    out.append(_line_end_hyphens(with_line_feeds(tp.get_text_bounded())))
                    tp.close()
                    page.close()
                except Exception:  # one odd page (a broken font) is no reason to lose the paper
                    out.append("")
            return out
        finally:
            doc.close()


def _line_end_hyphens(text: str) -> str:
    """PDFium's mark (U+0002) for a hyphen that ended a line, as a reader would read it.

    Between two lower-case letters it is a word broken across lines ("pack-/age": "package", so that a keyword
    is found and highlighted); elsewhere a hyphen that happened to end the line ("Quiñonero-Candela"). Left in,
    it showed as a box in the middle of words and no keyword matched the word.

    >>> _line_end_hyphens("The pack\x02age of Quiñonero\x02Candela")
    'The package of Quiñonero-Candela'
    """
    if "\x02" not in text:
        return text
    text = _BROKEN_WORD.sub(lambda m: m.group(1) + m.group(2) if m.group(1).islower() and m.group(2).islower()
                            else f"{m.group(1)}-{m.group(2)}", text)
    return text.replace("\x02", "")  # elsewhere (beside a symbol the font could not map) it says nothing


_BROKEN_WORD = re.compile(r"(\w)\x02(\w)")


def normalise_text(text: str) -> str:
    """Fold ligatures and accents the way extraction breaks them ("ﬁ" -> "fi", "M¨uhlenberg" -> "Muhlenberg")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\u00a8\u00b4\u02c6\u02dc\u02d8\u02c7\u00b8`]", "", text)


def inspect_pdf(path, head_pages: int = HEAD_PAGES) -> PdfInfo:
    """Open ``path`` and read its metadata and the text of its first pages; never raises for a bad file."""
    path = Path(path)
    info = PdfInfo(path=str(path))
    info.problem = _sniff(path)
    if info.problem:
        return info
    reader, problem = _open(path)
    if problem and problem.startswith("encrypted"):
        # pypdf needs the `cryptography` package for AES; PDFium opens those itself when no password is set.
        texts = pdfium_text(path, 0, head_pages + 1)
        if texts is None:
            info.problem = problem
            return info
        info.pages = page_count(path)
    elif problem:
        info.problem = problem
        return info
    else:
        info.pages = len(reader.pages)
        info.title, info.author, info.subject, info.metadata_dois = _metadata_text(reader)
        texts = pdfium_text(path, 0, head_pages + 1)
    if texts is None:
        info.problem = "damaged PDF: its pages cannot be drawn (PDFium cannot open it)"
        return info
    info.head_text = "\n".join(texts[:head_pages])
    # A blank cover page, then text, still counts as text.
    info.has_text = bool(re.search(r"\w{3}", "".join(texts)))
    return info


def extract_pages(path, max_pages: int = 60) -> list:
    """The text of each page (at most ``max_pages``); ``[]`` for a file that cannot be read."""
    path = Path(path)
    if _sniff(path):
        return []
    return pdfium_text(path, 0, max_pages) or []


def page_count(path) -> int:
    """Pages of a PDF as pdfium sees them (0 when it cannot open it)."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(str(path))
        except Exception:
            return 0
        try:
            return len(doc)
        finally:
            doc.close()


def render_page(path, page: int = 0, width: int = 900) -> bytes:
    """Page ``page`` (0-based) of ``path`` as PNG bytes, ``width`` pixels wide; ``b""`` when it cannot be drawn."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(str(path))
        except Exception:
            return b""
        try:
            if not 0 <= page < len(doc):
                return b""
            pg = doc[page]
            w = pg.get_width() or 612
            bitmap = pg.render(scale=max(0.2, min(4.0, width / w)))
            image = bitmap.to_pil()
            pg.close()
        except Exception:
            return b""
        finally:
            doc.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False, compress_level=1)
    return buf.getvalue()


_TEXT_MEMO: dict = {}
#: Raised when the extracted text changes (2: line-end hyphens read as a reader would), so that the texts kept on
#: disk by an earlier version are extracted again.
TEXT_VERSION = 2


def cached_text(path, folder=None, max_pages: int = 60) -> str:
    """The text of a PDF's first ``max_pages`` pages, extracted once: kept in memory and, with ``folder``
    (the build uses ``.synthesis-cache/pdftext``), on disk under the SHA-256 of the file's bytes, so a PDF
    renamed or moved is not read again and a PDF replaced by another is. ``""`` for a file that cannot be read.
    """
    import hashlib
    import os
    import tempfile

    path = Path(path)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
    key = (digest, max_pages)
    if key in _TEXT_MEMO:
        return _TEXT_MEMO[key]
    entry = Path(folder) / f"{digest}-{max_pages}-v{TEXT_VERSION}.txt" if folder is not None else None
    if entry is not None and entry.exists():
        try:
            text = entry.read_text(encoding="utf-8")
            _TEXT_MEMO[key] = text
            return text
        except (OSError, UnicodeDecodeError):
            pass  # extracted again below, and the entry rewritten
    text = "\n".join(extract_pages(path, max_pages))
    _TEXT_MEMO[key] = text
    if entry is not None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".txt")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, entry)  # whole or absent, whatever stops the write
        except OSError:
            pass  # a cache that cannot be written costs time, never the text
    return text
