"""Import records from database exports, and export them again.

Every reader produces the same record table (see :mod:`synthesis.records`) and a
:class:`~synthesis.io.base.FileReport` that reconciles: records found by the format's own markers =
records imported + records rejected (each with its reason).

A set of records read is always an :class:`ImportResult` (the record table and one report per file), from
one file (:func:`read_export`), many (:func:`read_exports`) or a whole project
(:func:`synthesis.build.steps.import_exports`). :func:`read_file` gives the lower-level ``(records, report)``.

Examples
--------
>>> from synthesis.io import read_exports                     # doctest: +SKIP
>>> result = read_exports(["data/scopus.ris", "data/pubmed.nbib"])   # doctest: +SKIP
>>> result.records.shape, [r.imported for r in result.reports]       # doctest: +SKIP
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .base import FileReport, ImportFailure, ParseResult, Rejected
from .decode import decode_bytes
from .sources import reader, readers
from .sources.fields import (headings, issn_with_hyphen, repeated_author_list, unique_keywords, with_heading_breaks,
                             with_sentence_breaks, with_thin_spaces, without_abstract_label, without_cnki_marks,
                             without_copyright_statement, without_database_notice, without_leading_copyright,
                             without_leaked_ris_tag)
from .workbook import OLE2, is_workbook, workbook_text

__all__ = [
    "FileReport", "ImportFailure", "ImportResult", "ParseResult", "Rejected",
    "decode_bytes", "detect_format", "read_export", "read_exports", "read_file", "read_files", "load_file",
]


#: Files a reviewer saves by mistake instead of an export of records, and what to save instead: the
#: layout's look (a regular expression on the file's first lines) and the advice given when no reader
#: recognises the file.
NOT_EXPORTS = [
    (re.compile(r"\s*\d{1,9}\s*(?:\n\s*\d{1,9}\s*)*\Z"),
     "a list of PubMed ids (PubMed's 'PMID' format) holds no records to import; in PubMed, save the results "
     "with Format 'PubMed' (.nbib) or send them to a citation manager"),
    # PubMed's "Results by year" timeline (the download button beside its bar chart): counts, not records
    (re.compile(r"\s*Search query: [^\n]*\n\s*Year,Count\s*\n"),
     "PubMed's 'Results by year' download counts the results per year and holds no records; in PubMed, save "
     "the results with Format 'PubMed' (.nbib)"),
    # (numbered "1." today, "1:" in its older layout, which wraps at 80 characters, so that the year may come a
    # few lines down, and ends each entry with "PubMed PMID: ..." in mid-line; a user may have put "#" notes above)
    (re.compile(r"\s*(?:#[^\n]*\n\s*)*1[.:] (?:[^\n]*\n){0,3}?[^\n]*\d{4}(?:.*\n)*?.*\bPMID:\s*\d+"),
     "PubMed's 'Summary (text)' or 'Abstract (text)' layout is for reading, not import; in PubMed, save the "
     "results with Format 'PubMed' (.nbib)"),
    (re.compile(r"\s*(?:<\?xml[^>]*>\s*)?<rdf:RDF\b"),
     "an RDF file (Zotero's 'Zotero RDF' export) is not read; export the collection as RIS or BibTeX"),
    # Better BibTeX's own backup of a Zotero library: an object of its collections, its settings ("config") and
    # the items with Zotero's field names, not an array of CSL items
    (re.compile(r'\s*\{\s*"(?:collections|config)"\s*:'),
     "a Zotero library saved as 'Better BibTeX JSON' (the add-on's own backup) is not read; export the collection "
     "as RIS, BibTeX or CSL JSON"),
    # a results page kept with the browser's "Save page as" (PubMed's XML display arrives as HTML with
    # the XML escaped inside <pre>): records a reader cannot see
    (re.compile(r"\s*(?:<!--[^>]*-->\s*)?<(?:!DOCTYPE\s+html|html)\b", re.I),
     "a web page saved from the browser (HTML), even one showing records or XML, is not an export; use the "
     "database's own export (PubMed: Save, Format 'PubMed' (.nbib); others: Export as RIS or BibTeX)"),
    # a repository that keeps large files in Git LFS hands out this pointer where the export was not fetched
    (re.compile(r"\s*version https://git-lfs\.github\.com/spec/v\d+\s*\noid sha256:[0-9a-f]{64}"),
     "a Git LFS pointer (a few lines standing for a file kept in Git Large File Storage), not the export; "
     "fetch the file itself ('git lfs pull', or download it from the repository's web page) and import that"),
    # one item's metadata from a DSpace repository (OpenGrey, institutional repositories): <dublin_core schema="dc">
    (re.compile(r"\s*(?:<\?xml[^>]*>\s*)?<dublin_core\b"),
     "a DSpace Dublin Core record (dublin_core.xml: one item of a repository such as OpenGrey), not a search "
     "export; export the search results as RIS or BibTeX (or enter the item by hand)"),
    # a script's or server's error message saved under the export's name
    (re.compile(r"\s*(?:PHP )?(?:Fatal error|Parse error|Warning): .{0,600}?(?: on line \d+|\nStack trace:)", re.S),
     "an error message from a script or web server was saved instead of the export; download the export again"),
]


#: An export's own header with no record under it (the database's "0 records" file, or an export that failed
#: after writing its first lines): named so, not "unknown format". (pattern, whose header, its lines)
HEADER_ONLY = [
    (re.compile(r"\s*FN [^\n]*\n(?:VR [^\n]*\n?)?(?:\s*EF)?\s*"), "a Web of Science export", "FN, VR and EF"),
    (re.compile(r"\s*(?:(?:Provider|Database|Content|Publisher|Tagged):[^\n]*\n?\s*)+"), "a RIS export",
     "Provider, Database and Content"),
    (re.compile(r"\s*(?:%[^\n]*\n?\s*)+"), "a BibTeX file", "% comment"),
]


def _header_only(text: str) -> str:
    """The message for an export that is only its header (:data:`HEADER_ONLY`), else ``""``."""
    for look, what, lines in HEADER_ONLY:
        if look.fullmatch(text[:5000]):
            return (f"{what} holding no records (only its {lines} lines): the search found nothing or the export "
                    f"failed; export it again (a search that found nothing needs no file: log it in "
                    f"evidence/searches.toml with records_reported = 0)")
    return ""


def _advice(text: str) -> str:
    """What to save instead, when the text is one of :data:`NOT_EXPORTS`; else ``""``."""
    head = text[:20000]
    for look, advice in NOT_EXPORTS:
        if look.match(head):
            return advice
    return ""


def detect_format(text: str, path="") -> str:
    """The format of an export, judged from its content (the extension only breaks ties).

    Raises :class:`ImportFailure` when no reader recognises the text (saying what to save instead when the
    file is a known non-export, :data:`NOT_EXPORTS`).
    """
    best, best_score = None, 0
    for found in readers():
        score = found.sniff(text, str(path))
        if score > best_score:
            best, best_score = found.format, score
    if best is None:
        advice = _advice(text)
        if advice:
            raise ImportFailure(path, f"not an export of records: {advice}", line=1)
        header_only = _header_only(text)
        if header_only:
            raise ImportFailure(path, header_only, line=1)
        first = next((ln for ln in text.splitlines() if ln.strip()), "")[:60]
        raise ImportFailure(path, f"unknown format: no reader recognises this file (first line: {first!r}); save "
                            "the search's results from the database as an export (RIS, BibTeX, MEDLINE, CSV...), and "
                            "keep other files out of data/ (a search strategy goes into evidence/searches.toml)",
                            line=1)
    return best


#: The first characters of an abstract that may start with a label (see fields.without_abstract_label).
_MAY_BE_LABELLED = frozenset("Aa \t")
#: The last characters of an abstract that may end with a database's notice (see fields.without_database_notice).
_MAY_CLOSE_WITH_NOTICE = frozenset(")]")  # after any final full stop and space

#: Formats whose Cochrane Library records are named CENTRAL or CDSR here, by their id or DOI (the Library's
#: plain-text and RIS readers name their records themselves, and leave Ovid's alone).
_NAMED_BY_ID = frozenset({"csv", "bibtex", "endnote_xml"})
#: A web link written where the pages belong.
_LINK = re.compile(r"(?:https?://|www\.)\S+")
#: An Elsevier publisher item identifier (PII), which Crossref gives an article in press as its page
#: ("S0377221720307499", "S0377-2217(20)30749-9").
_PII = re.compile(r"S\d{4}-?\d{3}[\dXx]\(?\d{2}\)?\d{5}-?[\dXx]")


def _abstract_as_read(abstract: str) -> str:
    """A record's abstract without what exports add to it or run into it, one rule for every format."""
    # CNKI's marks, in each of its formats ("#" first: a one-character search is several times faster)
    if abstract[0] == "<" or ("#" in abstract and "(#br)" in abstract):
        abstract = without_cnki_marks(abstract)
    if abstract and abstract[0] in _MAY_BE_LABELLED:
        abstract = without_abstract_label(abstract)
    if abstract and abstract[0] in "©C(":  # Web of Science's MEDLINE: "© 2020 The Authors.With ..." (before
        abstract = without_leading_copyright(abstract)  # sentence breaks part "Authors. With")
    if abstract:  # headings and sentences run into the text ("ObjectivesThe aim...", "outcomes.Results")
        abstract = with_sentence_breaks(with_heading_breaks(abstract))
    if abstract and "?" in abstract:  # CENTRAL's "P?<?0.03": thin spaces lost on the way
        abstract = with_thin_spaces(abstract)
    if abstract and abstract.rstrip(" .\t")[-1:] in _MAY_CLOSE_WITH_NOTICE:
        abstract = without_database_notice(abstract)
    if abstract:
        abstract = without_copyright_statement(abstract)
    return abstract


def _zip_names(data: bytes) -> list:
    """The files a ZIP archive holds (none when it is cut off or damaged: its name is all there is)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return [n for n in z.namelist() if not n.endswith("/")]
    except (zipfile.BadZipFile, ValueError, OSError):
        return []


def _zip_members(names: list) -> str:
    """`` (it holds scopus.ris, wos.txt)``: what a ZIP archive holds, so a reviewer knows what to unpack."""
    return f" (it holds {', '.join(names[:5])}{' ...' if len(names) > 5 else ''})" if names else ""


#: An office document is a ZIP archive too, told by the part every one of its kind holds. Unpacking a Word file
#: (the search strategy written up, or a list of references pasted into one) leaves its XML parts among the
#: exports, so it is named as what it is, with the export to save instead.
_OFFICE_PARTS = (("word/document.xml", "a Word document"), ("ppt/presentation.xml", "a PowerPoint presentation"),
                 ("content.xml", "an OpenDocument file"))


def _office_document(names: list) -> str:
    """``"a Word document"`` when the ZIP archive's files are a Word document's (a PowerPoint or OpenDocument file's
    likewise), else ``""``.

    >>> _office_document(["[Content_Types].xml", "word/document.xml"]), _office_document(["scopus.ris"])
    ('a Word document', '')
    """
    return next((kind for part, kind in _OFFICE_PARTS if part in names), "")


def read_file(path, format: str | None = None, database: str | None = None,
              encoding: str | None = None, name: str | None = None) -> tuple[pd.DataFrame, FileReport]:
    """Read one export file into a record table.

    Parameters
    ----------
    path : str or Path
        The export file. Kept as given in ``source_file``.
    format : str, optional
        Force a format (a name registered in :mod:`synthesis.io.sources`); detected when omitted.
    database : str, optional
        The database the export came from; inferred from the content or file name when omitted.
    encoding : str, optional
        Force an encoding; detected when omitted.
    name : str, optional
        What to store as ``source_file`` instead of the path as given, e.g. the path relative to the
        project folder (record ids do not depend on it: see :mod:`synthesis.ids`).

    Returns
    -------
    (records, report)

    Raises
    ------
    ImportFailure
        When the file is missing, empty, binary, undecodable or of no known format.
    """
    source_file = str(name if name is not None else path).replace("\\", "/")
    p = Path(path)
    if not p.exists():
        raise ImportFailure(source_file, "no such file")
    if p.is_dir():
        raise ImportFailure(source_file, "is a folder, not an export file")
    decoding: list = []  # two encodings in one file: the lines of each are named here
    data = p.read_bytes()
    if data[:1024].lstrip()[:5] == b"%PDF-":  # a paper among the searches: say so, not "binary" or "unknown format"
        raise ImportFailure(source_file, "a PDF (a paper's full text?), not an export of records; keep full texts "
                            "in data/fulltext/ and import the database's export of the search (RIS, BibTeX, CSV...)")
    workbook = is_workbook(data, source_file)
    if not workbook and source_file.lower().endswith((".enl", ".enlx")):
        raise ImportFailure(source_file, "an EndNote library, not an export of records; in EndNote, select the "
                            "references and export them as RIS (File > Export, 'RefMan (RIS) Export')")
    # Office's older files (Word 97-2003) hold their streams' names in UTF-16; other old Office files are named so
    old_office = not workbook and data.startswith(OLE2)
    if old_office or (not workbook and data[:4] == b"PK\x03\x04"):  # a zipped download, whatever its name
        names = [] if old_office else _zip_names(data)
        document = (("a Word document" if "WordDocument".encode("utf-16-le") in data[:65536]
                     else "an old Microsoft Office file") if old_office else _office_document(names))
        if document:
            raise ImportFailure(source_file, f"{document}, not an export of records; move it out of data/ and save "
                                "the search's results from the database as an export (RIS, BibTeX, CSV...) instead "
                                "(the search strategy itself goes into evidence/searches.toml)")
        raise ImportFailure(source_file, "a ZIP archive, not an export of records; unpack it into the round's "
                            "folder and delete the archive" + _zip_members(names))
    if workbook:  # an "Excel" export: its sheet as CSV text, read as a record table
        text, enc = workbook_text(data, source_file, warnings=decoding), "xlsx"
    else:
        text, enc = decode_bytes(data, source_file, encoding, warnings=decoding)
    fmt = format or detect_format(text, source_file)
    parsed: ParseResult = reader(fmt).parse(text, source_file)
    from .databases import infer_database

    db = database or parsed.database or infer_database(text, source_file, fmt)
    for rec in parsed.records:
        rec["source_file"] = source_file
        rec["source_database"] = database or rec.get("source_database") or db
        abstract = rec.get("abstract")
        if abstract:  # (most records of many exports have none: one test for them all)
            rec["abstract"] = _abstract_as_read(abstract)
        issn = rec.get("isbn_issn")
        if issn and " -" in issn:  # Rayyan's "2472-8586     VO  -": a RIS tag its own import left in the value
            rec["isbn_issn"] = issn = without_leaked_ris_tag(issn)
        # "15321827", Scopus's "15321827 (ISSN)", MEDLINE's "1532-1827 (Electronic)": "1532-1827"
        if issn and (len(issn) == 8 or issn[-1:] == ")"):
            rec["isbn_issn"] = issn_with_hyphen(issn)
        elif issn and "; " in issn and all(len(part) == 8 for part in issn.split("; ")):
            # Lens's "0734242x; 10963669": each ISSN of a list of ISSNs as ISSNs are written (a list that also names
            # an ISBN, Scopus's "03029743 (ISSN); 978-... (ISBN)", stays as written, as a single such value does)
            rec["isbn_issn"] = "; ".join(issn_with_hyphen(part) for part in issn.split("; "))
        pages = rec.get("pages")
        if pages and pages[0] == "S" and _PII.fullmatch(pages):  # Crossref's PII of an article in press: no page
            rec["pages"] = pages = ""
        if pages and ("://" in pages or "www." in pages):  # a link in the pages (an EndNote library's "Available:
            link = _LINK.search(pages)  # http://..."): no page; the record's link where it has none
            if link and not rec.get("url"):
                rec["url"] = link.group(0)
            rec["pages"] = ""
        journal = rec.get("journal")
        if journal and journal[:4] == "http" and " " not in journal and "doi.org/" in journal:
            # a DOI link as the journal's name (a Zotero item whose publication field holds it, "journaltitle =
            # {https://doi.org/10.1177/0739456X17723971}"): no journal; the record's link where it has none. (Other
            # links stay: CENTRAL names a register's record's source by its page, "JO  - https://clinicaltrials.gov/
            # show/NCT05000000", which the matching of registrations reads.)
            if not rec.get("url"):
                rec["url"] = journal
            rec["journal"] = ""
        authors = rec.get("authors")
        if authors and len(authors) >= 4 and not len(authors) % 2:  # the same people twice (Rayyan's WoS rows)
            rec["authors"] = repeated_author_list(authors)
        keywords = rec.get("keywords")
        if keywords and "*" in "\x1f".join(keywords):  # (one search over the joined list: most have no star)
            # a subject heading's star marks a major topic ("*Kidney Neoplasms", "Gambling/*psychology": Ovid's
            # RIS, EndNote libraries of PubMed records), no part of the heading: one heading reads the same
            # whichever export it came in (the MEDLINE and Ovid readers drop the star themselves)
            rec["keywords"] = keywords = headings(keywords)
        if keywords and len(set(map(str.casefold, keywords))) < len(keywords):
            # one keyword twice: an export's author keywords and its index terms ("interrogation" and Web of
            # Science's KeyWords Plus "INTERROGATION", Scopus's "India" in both lists): once, as first written
            rec["keywords"] = unique_keywords(keywords)
    if db == "Cochrane Library" and not database and fmt in _NAMED_BY_ID:  # CENTRAL or reviews: the id tells
        from .databases import cochrane_database

        for rec in parsed.records:
            if rec["source_database"] == db:
                rec["source_database"] = cochrane_database(rec.get("source_id") or "") or \
                    cochrane_database(rec.get("doi") or "") or db
    report = FileReport(path=source_file, format=fmt,
                        encoding=enc, database=db, found=parsed.found, imported=len(parsed.records),
                        rejected=list(parsed.rejected), warnings=decoding + list(parsed.warnings))
    if not report.reconciles:  # a reader bug, never hidden
        report.warnings.append(f"counts do not reconcile: {report.found} found but {report.imported} imported "
                               f"and {len(report.rejected)} rejected")
    from ..records import _table

    return _table(parsed.records, copy_lists=False), report  # the reader's rows are its own


@dataclass
class ImportResult:
    """A set of records read: the records of one or more export files together, and one report per file.

    ``rounds``, when the files come from a project, names each file's search round (a column of
    :meth:`report_table`); ``notes`` are what the reader wants the reviewer to know besides the reports.
    """

    records: pd.DataFrame
    reports: list[FileReport] = field(default_factory=list)
    notes: list = field(default_factory=list)
    rounds: list | None = None

    @property
    def ok(self) -> bool:
        """Every file was read (a file that could not be read has an ``error`` in its report)."""
        return all(r.ok for r in self.reports)

    def report_table(self) -> pd.DataFrame:
        """One row per file: format, database, records found = imported + rejected, warnings, details."""
        import pandas as pd

        table = pd.DataFrame([r.as_row() for r in self.reports])
        if self.rounds is not None:
            table.insert(1, "round", list(self.rounds))
        return table


def read_export(path, format: str | None = None, database: str | None = None, encoding: str | None = None,
                name: str | None = None) -> ImportResult:
    """Read one export file: its records and its report, as :func:`read_exports` gives them for many.

    The parameters are those of :func:`read_file`. A file that cannot be read raises :class:`ImportFailure`
    (with one file there is nothing else to report).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "one.ris"
    >>> _ = path.write_text("TY  - JOUR\\nTI  - Co-design with patients\\nPY  - 2021\\nER  - \\n", encoding="utf-8")
    >>> result = read_export(path, name="one.ris")
    >>> result.records["title"].tolist(), result.reports[0].imported
    (['Co-design with patients'], 1)
    """
    records, report = read_file(path, format=format, database=database, encoding=encoding, name=name)
    return ImportResult(records=records, reports=[report])


def read_exports(paths: Iterable, database: str | None = None, progress: bool = False, names=None,
                 columns=None) -> ImportResult:
    """Read many export files; a file that fails is reported (its ``error``) and the others are still imported.

    Parameters
    ----------
    paths : iterable of str or Path
    database : str, optional
        The database of every file (otherwise inferred per file).
    progress : bool
        Show a progress bar (for more than three files).
    names : list of str, optional
        For each path, what to store as ``source_file`` (see :func:`read_file`).
    columns : list of dict, optional
        For each path, columns to add to its records (e.g. the search round).
    """
    import pandas as pd

    from ..records import make_record_table

    paths = list(paths)
    names = list(names) if names is not None else [str(p).replace("\\", "/") for p in paths]
    columns = list(columns) if columns is not None else [{}] * len(paths)
    jobs = list(zip(paths, names, columns))
    if progress and len(jobs) > 3:
        from tqdm.auto import tqdm

        jobs = tqdm(jobs, desc="import", unit="file")
    tables, reports = [], []
    for path, name, extra in jobs:
        try:
            table, report = read_file(path, database=database, name=name)
            tables.append(table.assign(**extra) if extra else table)
        except ImportFailure as exc:
            report = FileReport(path=name, error=str(exc))
        reports.append(report)
    from ..ids import unique_record_ids

    # an exact copy of a record in two files gets two ids
    records = unique_record_ids(pd.concat(tables, ignore_index=True)) if tables else make_record_table([])
    return ImportResult(records=records, reports=reports)


#: The earlier name of :func:`read_exports`.
read_files = read_exports


def load_file(path, **kwargs) -> pd.DataFrame:
    """Read one export file and return only its record table (notebook shorthand)."""
    return read_file(path, **kwargs)[0]
