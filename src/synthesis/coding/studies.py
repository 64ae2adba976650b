"""The included studies: their data-extraction fields and their codes, checked against the coding scheme.

Two plain CSV (or TSV) files under ``evidence/``:

``studies.csv``
    one row per study: :data:`STUDY_FIELDS` (the extraction fields of the review's section 2.2 plus year
    and evidence type). Extra columns are kept. ``status`` is ``included`` (or empty, read as included) or
    ``excluded``. ``country`` and ``evidence_type`` may hold several values separated by ``;``.
``study_codes.csv``
    one row per study and code: ``study_id``, ``dimension`` (empty: the scheme's framework), ``code``
    (the dotted path of the value in the scheme, e.g. ``setup.recruitment.patients``). A study has any
    number of codes in any dimension.

:func:`load_study_codes` reads both and checks them; every problem is reported at once, each naming the
file, line, study and field.

Examples
--------
>>> from synthesis.coding.scheme import parse_scheme
>>> scheme = parse_scheme("dimension f: F\\n  levels: stage > construct\\n  stage a: A\\n    construct b: B")
>>> import pandas as pd
>>> coding = make_coding(scheme, pd.DataFrame({"study_id": ["1"]}),
...                      pd.DataFrame({"study_id": ["1"], "dimension": ["f"], "code": ["a.b"]}))
>>> coding.long_table()[["study_id", "stage", "construct"]].values.tolist()
[['1', 'A', 'B']]
"""
from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from synthesis.coding.scheme import Scheme, SchemeError
from synthesis.errors import SynthesisError, merge_marker, undecodable_line

__all__ = [
    "STUDY_FIELDS", "EXTRACTION_FIELDS", "MULTI_VALUE_FIELDS", "CODE_COLUMNS", "CodingError", "Coding",
    "load_studies", "load_study_codes", "make_coding", "validate_coding", "write_study_codes", "split_values",
]

#: Columns of ``studies.csv``, in order.
STUDY_FIELDS = [
    "study_id", "record_id", "author", "date", "year", "title", "programme_overview", "nature_of_evidence",
    "country", "recommendations", "evidence_type", "status",
]
#: The data extracted per study (the seed review's section 2.2, plus year and evidence type).
EXTRACTION_FIELDS = [
    "programme_overview", "author", "date", "nature_of_evidence", "country", "recommendations", "year",
    "evidence_type",
]
#: Fields that may hold several values separated by ``;``.
MULTI_VALUE_FIELDS = ("country", "evidence_type")
#: Columns of ``study_codes.csv``.
CODE_COLUMNS = ["study_id", "dimension", "code"]
STATUSES = ("included", "excluded")


class CodingError(SynthesisError, ValueError):
    """Study codes or study records that do not fit the scheme; ``problems`` lists each message."""

    def __init__(self, problems):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the study coding:"
        super().__init__("\n  ".join([head, *self.problems]))


def split_values(value) -> list:
    """``"UK; Netherlands"`` -> ``["UK", "Netherlands"]``; empty -> ``[]``.

    >>> split_values(" UK ;Netherlands;")
    ['UK', 'Netherlands']
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [v.strip() for v in str(value).split(";") if v.strip()]


@dataclass
class Coding:
    """The coded evidence: scheme, studies (one row each) and codes (one row per study and code).

    ``studies`` has a ``line`` column (its line in the file, 0 when built in memory); so has ``codes``.
    """

    scheme: Scheme
    studies: pd.DataFrame
    codes: pd.DataFrame
    studies_source: str = "studies"
    codes_source: str = "study codes"
    #: the file a row's ``line`` is a line of, when the rows come from more than one (the project's CSV files
    #: and the coders' logs): a message names that file, not all of them
    studies_lines: str = ""
    codes_lines: str = ""
    #: the fields the review's coding form asks for (``None``: not known, e.g. studies from CSV files alone); a
    #: map offers a study field nobody has filled in only when the form asks for it
    form_fields: tuple | None = None
    #: the form's number fields (a count of participants): each value would be a column of its own, so a map
    #: never offers them as a dimension
    number_fields: tuple = ()
    #: the form's fields with a list of choices (nature of evidence in the example): categories to count and map,
    #: even where the study table's column of that name is otherwise free text
    choice_fields: tuple = ()
    _long: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def included(self) -> pd.DataFrame:
        """The included studies, in file order."""
        return self.studies[self.studies["status"] == "included"]

    def long_table(self) -> pd.DataFrame:
        """One row per study and code, with the labels of the code and its ancestors.

        Columns: ``study_id``, ``dimension``, ``code``, ``label``, ``level``, one column per level of the
        framework (labels; empty when the code is in another dimension or coded above that level), one
        column per other dimension that codes can point to through a note (e.g. ``stakeholder``:
        the label of the challenge's stakeholder group, or of a direct stakeholder code), and ``order``
        (position of the code in the scheme, for sorting).
        """
        if self._long is not None:
            return self._long
        scheme = self.scheme
        fw = scheme.framework
        order = {}
        for d in scheme.dimensions.values():
            for n in d.walk():
                order[(d.id, n.path)] = len(order)
        flat = [d for d in scheme.dimensions.values() if len(d.levels) == 1 and d.id != fw.id]
        cols = ["study_id", "dimension", "code", "label", "level", *fw.levels, *[d.id for d in flat], "order"]
        described = {}  # a review has few distinct codes and many studies: describe each code once

        def describe(dimension, code):
            node = scheme.value(dimension, code)
            row = [dimension, code, node.label, node.level]
            for level in fw.levels:
                anc = node.ancestor(level) if dimension == fw.id else None
                row.append(anc.label if anc else "")
            for d in flat:
                row.append(_attribute_label(scheme, node, d) if dimension != d.id else node.label)
            row.append(order[(dimension, code)])
            return row

        rows = []
        for study_id, dimension, code in zip(*(self.codes[c].tolist() for c in ("study_id", "dimension", "code"))):
            key = (dimension, code)
            if key not in described:
                described[key] = describe(dimension, code)
            rows.append([study_id, *described[key]])
        self._long = pd.DataFrame(rows, columns=cols)
        return self._long

    def study_codes_table(self) -> pd.DataFrame:
        """The long table written as ``study_codes.csv`` by the build.

        One row per study and code: ``study_id``, the framework's levels (``stage``, ``construct``,
        ``challenge``), ``stakeholder`` (when the scheme has that dimension), then ``dimension`` and ``code``.
        Sorted by study (numerically where the IDs are numbers) and scheme order.
        """
        long = self.long_table().copy()
        fw = self.scheme.framework
        extra = [c for c in long.columns if c in self.scheme.dimensions and c != fw.id]
        long["_key"] = long["study_id"].map(_study_sort_key)
        long = long.sort_values(["_key", "order"], kind="stable")
        return long[["study_id", *fw.levels, *extra, "dimension", "code"]].reset_index(drop=True)

    def study_labels(self) -> dict:
        """What tables and figures call each study: its ID, or first author and year for a study coded from
        the library.

        A study coded from the library has its duplicate group's id as ID (``record_id`` is the same), a key
        for the program that no reader of Table 2 or of a network can look up; such a study is cited as
        "Haddad and Smith 2027" (``a``, ``b`` after the year when two would read the same), by the first words
        of its title when it has no authors ("“Gambling harms in Wales” 2027"), or by its ID when none of these
        is known. The review's own IDs (reference numbers) stay as they are.

        >>> from synthesis.coding.scheme import parse_scheme
        >>> studies = pd.DataFrame({"study_id": ["1", "g4f0c", "g9a1b", "g7e2d"],
        ...                         "record_id": ["", "g4f0c", "g9a1b", "g7e2d"],
        ...                         "author": ["", "Haddad and Smith", "Mensah et al.", "Mensah et al."],
        ...                         "year": ["", "2027", "2027", "2027"]})
        >>> scheme = parse_scheme("dimension f: F\\n  levels: stage\\n  stage a: A")
        >>> codes = pd.DataFrame({"study_id": studies["study_id"], "code": "a"})
        >>> make_coding(scheme, studies, codes).study_labels()
        {'1': '1', 'g4f0c': 'Haddad and Smith 2027', 'g9a1b': 'Mensah et al. 2027a', 'g7e2d': 'Mensah et al. 2027b'}
        """
        cached = self.__dict__.get("_labels")
        if cached is not None:
            return cached
        s = self.studies
        ids = s["study_id"].astype(str).tolist()
        get = lambda c: s[c].fillna("").astype(str).str.strip().tolist() if c in s else [""] * len(ids)  # noqa: E731
        labels = {}
        for sid, record, author, year, title in zip(ids, get("record_id"), get("author"), get("year"), get("title")):
            # without authors (an editorial, a report), the title's first words stand in for them, as APA style
            # does: a year alone ("2021") names nothing a reader of the table could find
            cited = f"{author or _title_words(title)} {year}".strip()
            labels[sid] = cited if record == sid and cited else sid
        # two library studies that read the same get a, b, ... in study order (the review's IDs never clash)
        same = {}
        for sid, label in labels.items():
            if label != sid:
                same.setdefault(label, []).append(sid)
        for label, sids in same.items():
            if len(sids) > 1:
                for k, sid in enumerate(sids):
                    labels[sid] = f"{label}{chr(ord('a') + k) if k < 26 else f'-{k + 1}'}"
        self.__dict__["_labels"] = labels
        return labels

    def study(self, study_id: str) -> dict:
        """The fields of one study as a dict."""
        row = self.studies[self.studies["study_id"] == str(study_id)]
        if row.empty:
            raise KeyError(f"no study {study_id!r} in {self.studies_source}")
        return row.iloc[0].to_dict()


def _attribute_label(scheme, node, dim) -> str:
    """The label of ``dim`` that ``node`` (or its nearest ancestor) names in a note, else ''."""
    while node is not None:
        if dim.id in node.notes:
            return "; ".join(scheme.value(dim.id, c).label for c in node.notes[dim.id])
        node = node.parent
    return ""


def _study_sort_key(study_id: str):
    s = str(study_id)
    return (0, int(s), "") if s.isdigit() else (1, 0, s)


def _read_rows(path: Path) -> tuple[list, list]:
    """Rows of a CSV/TSV file as (fieldnames, [(line, dict)]), with a clear error when unreadable.

    Group ids of earlier versions (``study_id``, ``record_id``) are read as today's through the
    ``id_map.csv`` beside the file (see :class:`synthesis.ids.IdMap`).
    """
    from ..ids import IdMap

    ids = IdMap.load(path.parent)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CodingError([f"{path}: file not found"]) from None
    except UnicodeDecodeError:
        raise CodingError([f"{path}, line {undecodable_line(path)}: not UTF-8 text (saved in another encoding by "
                           "a spreadsheet?); save the file again as UTF-8"]) from None
    merge = [f"{path} line {n}: {merge_marker(line)}; keep the right rows of both sides and delete the marker lines"
             for n, line in enumerate(text.splitlines(), 1) if merge_marker(line)]
    if merge:
        raise CodingError(merge)
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab", ".txt") else ","
    header = text.split("\n", 1)[0]
    if delimiter == "," and ";" in header and "," not in header:
        delimiter = ";"  # Excel saves "CSV" with ';' where the decimal mark is a comma
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    fieldnames = [f.strip() for f in (reader.fieldnames or [])]
    reader.fieldnames = fieldnames
    rows = []
    for rec in reader:
        if None in rec:
            raise CodingError([f"{path} line {reader.line_num}: more cells than the header has columns"])
        short = [k for k, v in rec.items() if v is None]
        if short and any(v for v in rec.values()):  # a row cut by a crash or an edit: its status would be lost
            raise CodingError([f"{path} line {reader.line_num}: {len(fieldnames) - len(short)} of "
                               f"{len(fieldnames)} cells (no {', '.join(short[:3])}{' ...' if len(short) > 3 else ''}"
                               f"): a row cut short; complete it (an empty cell still needs its "
                               f"{'tab' if delimiter == chr(9) else repr(delimiter)})"])
        clean = {k: (v or "").strip() for k, v in rec.items()}
        if ids:
            for k in ("study_id", "record_id"):
                if clean.get(k):
                    clean[k] = ids(clean[k])
        if any(clean.values()):
            rows.append((reader.line_num, clean))
    return fieldnames, rows


def load_studies(path) -> pd.DataFrame:
    """Read ``studies.csv``: one row per study with :data:`STUDY_FIELDS` (all text; missing columns empty).

    Adds ``line`` (the row's line in the file). Raises :class:`CodingError` naming the line and study for
    a missing ``study_id`` column or value, a repeated study, an unknown status or a year that is not one.

    >>> load_studies("evidence/studies.csv")["study_id"].head(2).tolist()     # doctest: +SKIP
    ['19', '28']
    """
    path = Path(path)
    fieldnames, rows = _read_rows(path)
    if "study_id" not in fieldnames:
        raise CodingError([f"{path}: no 'study_id' column (columns: {', '.join(fieldnames) or 'none'})"])
    problems, seen, records = [], {}, []
    for line, rec in rows:
        sid = rec.get("study_id", "")
        where = f"{path} line {line}"
        if not sid:
            problems.append(f"{where}: the study has no study_id")
            continue
        if sid in seen:
            problems.append(f"{where}: study {sid} is listed twice (also line {seen[sid]})")
            continue
        seen[sid] = line
        status = rec.get("status", "").lower() or "included"
        if status not in STATUSES:
            problems.append(f"{where}: study {sid}: field 'status' is {rec['status']!r}; "
                            f"expected one of {', '.join(STATUSES)}")
        year = rec.get("year", "")
        if year and not re.fullmatch(r"\d{4}", year):
            problems.append(f"{where}: study {sid}: field 'year' is {year!r}, not a four-digit year")
        rec["status"] = status
        records.append({**{f: "" for f in STUDY_FIELDS}, **rec, "line": line})
    if problems:
        raise CodingError(problems)
    extra = [f for f in fieldnames if f not in STUDY_FIELDS]
    return pd.DataFrame(records, columns=[*STUDY_FIELDS, *extra, "line"])


def _read_codes(path: Path, scheme: Scheme) -> pd.DataFrame:
    fieldnames, rows = _read_rows(path)
    missing = [c for c in ("study_id", "code") if c not in fieldnames]
    if missing:
        raise CodingError([f"{path}: missing column(s) {', '.join(missing)} "
                           f"(expected {', '.join(CODE_COLUMNS)})"])
    fw = scheme.framework.id
    records = [{"study_id": r.get("study_id", ""), "dimension": r.get("dimension", "") or fw,
                "code": r.get("code", ""), "line": line} for line, r in rows]
    return pd.DataFrame(records, columns=[*CODE_COLUMNS, "line"])


def load_study_codes(path, scheme: Scheme, studies=None) -> Coding:
    """Read and check the study codes (and the studies they belong to).

    Parameters
    ----------
    path : str or Path
        ``study_codes.csv`` (columns ``study_id``, ``dimension``, ``code``).
    scheme : Scheme
        From :func:`synthesis.coding.load_scheme`.
    studies : str, Path, DataFrame or None
        ``studies.csv`` or its table; default: ``studies.csv`` beside ``path``.

    Returns
    -------
    Coding

    Raises
    ------
    CodingError
        Listing every problem: an unknown dimension or code, a study coded but not included, an included
        study with no codes, a repeated code, each naming the file, line, study and field.

    Examples
    --------
    >>> scheme = load_scheme("evidence/coding_scheme.txt")                 # doctest: +SKIP
    >>> coding = load_study_codes("evidence/study_codes.csv", scheme)       # doctest: +SKIP
    >>> len(coding.included)                                                # doctest: +SKIP
    49
    """
    path = Path(path)
    if studies is None:
        studies = path.with_name("studies" + path.suffix)
    studies_source = str(studies) if not isinstance(studies, pd.DataFrame) else "studies table"
    if not isinstance(studies, pd.DataFrame):
        studies = load_studies(studies)
    codes = _read_codes(path, scheme)
    return make_coding(scheme, studies, codes, studies_source=studies_source, codes_source=str(path))


def make_coding(scheme: Scheme, studies: pd.DataFrame, codes: pd.DataFrame,
                studies_source: str = "studies table", codes_source: str = "study codes table",
                studies_lines: str = "", codes_lines: str = "") -> Coding:
    """Build and check a :class:`Coding` from in-memory tables (same checks as :func:`load_study_codes`).

    ``studies_lines`` and ``codes_lines`` name the file whose lines the rows' ``line`` numbers are, when the
    sources are several files."""
    studies = studies.copy()
    for f in STUDY_FIELDS:
        if f not in studies.columns:
            studies[f] = ""
    studies = studies.fillna("")
    for c in studies.columns:
        if c != "line":
            studies[c] = studies[c].astype(str)
    studies["status"] = studies["status"].str.lower().replace("", "included")
    if "line" not in studies.columns:
        studies["line"] = 0
    codes = codes.copy()
    if "dimension" not in codes.columns:
        codes["dimension"] = ""
    if "line" not in codes.columns:
        codes["line"] = 0
    codes = codes.fillna("")
    for c in ("study_id", "dimension", "code"):
        codes[c] = codes[c].astype(str).str.strip()
    codes.loc[codes["dimension"] == "", "dimension"] = scheme.framework.id
    # codes given before an ID was renamed in the scheme (``was: old-id``) follow the value
    codes["code"] = [scheme.canonical(d, c) if d in scheme.dimensions else c
                     for d, c in zip(codes["dimension"], codes["code"])]
    coding = Coding(scheme, studies.reset_index(drop=True), codes[[*CODE_COLUMNS, "line"]].reset_index(drop=True),
                    studies_source, codes_source, studies_lines, codes_lines)
    problems = validate_coding(coding)
    if problems:
        raise CodingError(problems)
    return coding


def validate_coding(coding: Coding) -> list:
    """Every problem in a coding, as messages naming file, line, study and field (empty list: all good)."""
    scheme, problems = coding.scheme, []
    src, ssrc = coding.codes_source, coding.studies_source
    # a line number is a line of one file: "studies.csv line 4", not "studies.csv and the coding logs line 4"
    lines_of = {src: coding.codes_lines or src, ssrc: coding.studies_lines or ssrc}

    def where(line, source):
        return f"{lines_of.get(source, source)} line {line}" if line else source

    status = dict(zip(coding.studies["study_id"].tolist(), coding.studies["status"].tolist()))
    seen = {}
    codes = coding.codes
    columns = (codes[c].tolist() for c in ("study_id", "dimension", "code", "line"))
    for study_id, dimension, code, line in zip(*columns):
        w = where(line, src)
        if not study_id:
            problems.append(f"{w}: a code ({code!r}) has no study_id")
            continue
        if dimension not in scheme.dimensions:
            close = difflib.get_close_matches(dimension, list(scheme.dimensions), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(f"{w}: study {study_id}: field 'dimension' is {dimension!r}, not a dimension "
                            f"of the coding scheme {scheme.path}{hint}")
            continue
        if not code:
            problems.append(f"{w}: study {study_id}: field 'code' is empty")
            continue
        try:
            scheme.value(dimension, code)
        except SchemeError as exc:
            problems.append(f"{w}: study {study_id}: field 'code': {exc} (coding scheme {scheme.path})")
            continue
        key = (study_id, dimension, code)
        if key in seen:
            problems.append(f"{w}: study {study_id}: code {code!r} repeats {where(seen[key], src)}")
        else:
            seen[key] = line
        st = status.get(study_id)
        if st is None:
            problems.append(f"{w}: study {study_id} is coded but is not in {ssrc} (add it as an included study)")
        elif st != "included":
            problems.append(f"{w}: study {study_id} is coded but its status in {ssrc} is {st!r}, not included")

    coded = {k[0] for k in seen}
    studies = coding.studies
    for study_id, study_status, line in zip(*(studies[c].tolist() for c in ("study_id", "status", "line"))):
        if study_status == "included" and study_id not in coded:
            problems.append(f"{where(line, ssrc)}: study {study_id} is included but has no codes in {src}")

    # A studies field named like a scheme dimension (e.g. evidence_type) must use that dimension's values.
    for fname in coding.studies.columns:
        if fname in scheme.dimensions and fname != scheme.framework.id:
            dim = scheme.dimensions[fname]
            allowed = {n.path for n in dim.walk()} | {n.label for n in dim.walk()}
            for sid, line, value in zip(coding.studies["study_id"], coding.studies["line"], coding.studies[fname]):
                for v in split_values(value):
                    if v not in allowed:
                        problems.append(f"{where(line, ssrc)}: study {sid}: field {fname!r} has "
                                        f"{v!r}, not a value of dimension {fname!r} in {scheme.path}")
    return problems


def write_study_codes(coding: Coding, path) -> Path:
    """Write :meth:`Coding.study_codes_table` as CSV (UTF-8, one row per study and code)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    coding.study_codes_table().to_csv(path, index=False, lineterminator="\n")
    return path


def _title_words(title: str, words: int = 4) -> str:
    """The first words of a title in quotes, as a citation without authors gives it ("“Gambling harms in Wales”").

    >>> _title_words("Gambling harms in Wales: a survey of adults"), _title_words("Editorial"), _title_words("")
    ('“Gambling harms in Wales…”', '“Editorial”', '')
    """
    parts = title.split()
    if not parts:
        return ""
    short = " ".join(parts[:words]).rstrip(":;,.")
    return f"“{short}{'…' if len(parts) > words else ''}”"
