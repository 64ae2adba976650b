"""Read and write the PRISMA2020 R package's data template (``PRISMA.csv``), and livingPRISMAflow's
per-round variant, so counts move between this workbench, the R package and its Shiny app.

The template has one row per box line: ``data`` (the field), ``node``, ``box``, ``description``,
``boxtext`` (the printed wording), ``tooltips``, ``url`` and ``n`` (the count). Per-database counts and
exclusion reasons are strings ``"Name, n; Name, n"``. livingPRISMAflow replaces ``n`` with one column per
search round. Wording in ``boxtext`` that differs from the R default becomes a label override.

Examples
--------
>>> from synthesis.prisma.counts import PrismaCounts
>>> c = read_rtemplate("../shared/data/prisma/living/approach3.csv", column="Updates")  # doctest: +SKIP
>>> c.database_results                                                                     # doctest: +SKIP
35
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..normalise import with_line_feeds
from .counts import (
    COUNT_TEXT,
    LIST_FIELDS,
    THOUSANDS,
    OWN_FIELDS,
    PrismaCounts,
    PrismaInputError,
    format_pairs,
    parse_pairs,
    suggest,
    to_count,
)

def read_text(path: Path, expected: str) -> str:
    """A counts file's text (UTF-8, UTF-16 with its mark, else Latin-1); a clear error for an unreadable or empty
    file."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PrismaInputError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    try:
        # Excel's "Unicode Text" and Windows editors' "Unicode" are UTF-16, marked by their first two bytes
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if not text.strip():
        raise PrismaInputError(f"{path}: the file is empty; expected {expected}")
    if "\x00" in text[:4096] or text.lstrip()[:5] == "%PDF-":  # an image, a PDF, a workbook...: not text
        raise PrismaInputError(f"{path}: a binary file (a figure or a workbook?), not {expected}")
    return with_line_feeds(text)  # Windows line ends, or a bare CR that the csv module refuses outside quotes


HEADER = ["data", "node", "box", "description", "boxtext", "tooltips", "url", "n"]
#: Separators the template comes with: the R package's ","; ";" from Excel where the decimal mark is a comma
#: (most of Europe and Latin America), a tab from "Unicode Text" or a copy out of a spreadsheet.
SEPARATORS = (",", ";", "\t")


def _without_sep_line(text: str) -> tuple[str, int]:
    """``text`` without the ``sep=;`` line some tools put first for Excel, and how many lines that took."""
    first, newline, rest = text.lstrip("\ufeff").partition("\n")
    if first.strip().lower()[:4] == "sep=" and len(first.strip()) == 5:
        return rest, 1
    return text, 0


def rtemplate_separator(text: str) -> str | None:
    """The separator of a PRISMA2020 template's text, ``None`` when its first line is not the template's header.

    >>> rtemplate_separator("data;node;box;description;boxtext;tooltips;url;n\\n")
    ';'
    >>> rtemplate_separator("field,name,n\\n") is None
    True
    """
    first = _without_sep_line(text)[0].lstrip().split("\n", 1)[0].lower().replace('"', "")
    for separator in SEPARATORS:
        # R's write.csv without row.names = FALSE puts a nameless column of row numbers first
        if first.startswith(separator.join(HEADER[:3])) or first.startswith(separator.join([""] + HEADER[:3])):
            return separator
    return None

#: The last column of counts not final yet (``PrismaCounts.pending``): on the first row the diagram's banner, on the
#: row of each box not final its note. Not a search round; the R package reads its columns by name and ignores it.
DRAFT_COLUMN = "draft"
#: In a note of the draft column, how many wait at the box ("duplicates not final: 3 pairs ...").
WAITING_IN_NOTE = re.compile(r"\bnot final: (\d{1,3}(?:,\d{3})+|\d+) ")
#: Between the notes of several rounds in one cell of the draft column.
ROUND_SEPARATOR = " | "

#: The rows of the R package's template (v1.1.4), as (data, node, box, description, boxtext, tooltips,
#: url); written in this order. Only the field names and wording matter to the R package.
R_ROWS = [
    ("NA", "node4", "prevstud", "Grey title box; Previous studies", "Previous studies",
     "Grey title box; Previous studies", "prevstud.html"),
    ("previous_studies", "node5", "box1", "Studies included in previous version of review",
     "Studies included in previous version of review", "Studies included in previous version of review",
     "previous_studies.html"),
    ("previous_reports", "NA", "box1", "Reports of studies included in previous version of review",
     "Reports of studies included in previous version of review", "NA", "previous_reports.html"),
    ("NA", "node6", "newstud", "Yellow title box; Identification of new studies via databases and registers",
     "Identification of new studies via databases and registers",
     "Yellow title box; Identification of new studies via databases and registers", "newstud.html"),
    ("database_results", "node7", "box2", "Records identified from: Databases", "Databases",
     "Records identified from: Databases and Registers", "database_results.html"),
    ("database_specific_results", "NA", "box2", "Records identified from: specific databases",
     "Specific Databases", "NA", "database_results.html"),
    ("register_results", "NA", "box2", "Records identified from: Registers", "Registers", "NA", "NA"),
    ("register_specific_results", "NA", "box2", "Records identified from: specific registers",
     "Specific Registers", "NA", "database_results.html"),
    ("NA", "node16", "othstud", "Grey title box; Identification of new studies via other methods",
     "Identification of new studies via other methods",
     "Grey title box; Identification of new studies via other methods", "othstud.html"),
    ("website_results", "node17", "box11", "Records identified from: Websites", "Websites",
     "Records identified from: Websites, Organisations and Citation Searching", "website_results.html"),
    ("organisation_results", "", "box11", "Records identified from: Organisations", "Organisations", "NA", "NA"),
    ("citations_results", "NA", "box11", "Records identified from: Citation searching", "Citation searching",
     "NA", "NA"),
    ("duplicates", "node8", "box3", "Duplicate records", "Duplicate records", "Duplicate records",
     "duplicates.html"),
    ("excluded_automatic", "NA", "box3", "Records marked as ineligible by automation tools",
     "Records marked as ineligible by automation tools", "NA", "NA"),
    ("excluded_other", "NA", "box3", "Records removed for other reasons", "Records removed for other reasons",
     "NA", "NA"),
    ("records_screened", "node9", "box4", "Records screened (databases and registers)", "Records screened",
     "Records screened (databases and registers)", "records_screened.html"),
    ("records_excluded", "node10", "box5", "Records excluded (databases and registers)", "Records excluded",
     "Records excluded (databases and registers)", "records_excluded.html"),
    ("dbr_sought_reports", "node11", "box6", "Reports sought for retrieval (databases and registers)",
     "Reports sought for retrieval", "Reports sought for retrieval (databases and registers)",
     "dbr_sought_reports.html"),
    ("dbr_notretrieved_reports", "node12", "box7", "Reports not retrieved (databases and registers)",
     "Reports not retrieved", "Reports not retrieved (databases and registers)", "dbr_notretrieved_reports.html"),
    ("other_sought_reports", "node18", "box12", "Reports sought for retrieval (other)",
     "Reports sought for retrieval", "Reports sought for retrieval (other)", "other_sought_reports.html"),
    ("other_notretrieved_reports", "node19", "box13", "Reports not retrieved (other)", "Reports not retrieved",
     "Reports not retrieved (other)", "other_notretrieved_reports.html"),
    ("dbr_assessed", "node13", "box8", "Reports assessed for eligibility (databases and registers)",
     "Reports assessed for eligibility", "Reports assessed for eligibility (databases and registers)",
     "dbr_assessed.html"),
    ("dbr_excluded", "node14", "box9", "Reports excluded (databases and registers): [separate reasons and "
     "numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]", "Reports excluded",
     "Reports excluded (databases and registers)", "dbrexcludedrecords.html"),
    ("other_assessed", "node20", "box14", "Reports assessed for eligibility (other)",
     "Reports assessed for eligibility", "Reports assessed for eligibility (other)", "other_assessed.html"),
    ("other_excluded", "node21", "box15", "Reports excluded (other): [separate reasons and numbers using ; "
     "e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]", "Reports excluded", "Reports excluded (other)",
     "other_excluded.html"),
    ("new_studies", "node15", "box10", "New studies included in review", "New studies included in review",
     "New studies included in review", "new_studies.html"),
    ("new_reports", "NA", "box10", "Reports of new included studies", "Reports of new included studies", "NA",
     "NA"),
    ("total_studies", "node22", "box16", "Total studies included in review", "Total studies included in review",
     "Total studies included in review", "total_studies.html"),
    ("total_reports", "NA", "box16", "Reports of total included studies", "Reports of total included studies",
     "NA", "NA"),
    ("identification", "node1", "identification", "Blue identification box", "Identification",
     "Blue identification box", "identification.html"),
    ("screening", "node2", "screening", "Blue screening box", "Screening", "Blue screening box",
     "screening.html"),
    ("included", "node3", "included", "Blue included box", "Included", "Blue included box", "included.html"),
    ("total_studies_ma", "node23", "box17", "Total studies included in meta-analysis",
     "Total studies included in meta-analysis", "Total studies included in meta-analysis",
     "total_studies_meta_analysis.html"),
    ("total_reports_ma", "NA", "box17", "Reports of total included studies in meta-analysis",
     "Reports of total included studies in meta-analysis", "NA", "NA"),
]

#: Rows whose ``data`` is NA are title boxes, named by ``box``; these and the phase rows carry wording.
TITLE_BOXES = {"prevstud": "header_previous", "newstud": "header_dbr", "othstud": "header_other"}
PHASE_ROWS = {"identification": "phase_identification", "screening": "phase_screening",
              "included": "phase_included"}
#: The R template keeps exclusion reasons in the box's own row.
REASON_ROWS = {"dbr_excluded": "dbr_excluded_reasons", "other_excluded": "other_excluded_reasons"}
#: Template placeholders meaning "not filled in".
PLACEHOLDERS = {
    "Database 1, xxx; Database 2, xxx; Database 3, xxx",
    "Register 1, xxx; Register 2, xxx; Register 3, xxx",
    "Reason1, xxx; Reason2, xxx; Reason3, xxx",
}
R_FIELDS = {row[0] for row in R_ROWS if row[0] != "NA"}
R_BOXTEXT = {row[0] if row[0] != "NA" else row[2]: row[4] for row in R_ROWS}
#: Labels whose R wording is a list heading we print differently (no need to carry it over).
LIST_ROWS = {"database_specific_results", "register_specific_results"}


def _label_key(data: str, box: str) -> str | None:
    if data in ("", "NA"):
        return TITLE_BOXES.get(box)
    if data in PHASE_ROWS:
        return PHASE_ROWS[data]
    if data in LIST_ROWS:
        return None
    return data


def _read_table(path) -> tuple[list[str], list[tuple[int, list[str]]], str, int | None]:
    path = Path(path)
    where = str(path)
    text = read_text(path, "the PRISMA2020 template (data,node,box,...)")
    separator = rtemplate_separator(text) or ","
    text, skipped = _without_sep_line(text)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    header = next(reader)
    # the row numbers R's write.csv adds unless told row.names = FALSE: a first column without a name
    numbered = len(header) > 8 and header[0].strip() == "" and header[1].strip().lower() == "data"
    header = header[numbered:]
    norm = [h.strip() for h in header]
    if [h.lower() for h in norm[:7]] != HEADER[:7] or len(norm) < 8:
        raise PrismaInputError(f"{where}, line {skipped + 1}: not a PRISMA2020 template: the header must start with "
                               f"{','.join(HEADER[:7])} and have at least one count column (got {','.join(header)!r})")
    rows = []
    end = reader.line_num
    try:
        for row in reader:
            # a row's first line (a quoted cell may hold line breaks: the reader's count is the row's last line)
            start, end = end + 1 + skipped, reader.line_num
            row = row[numbered:]
            if not any(cell.strip() for cell in row):
                continue
            for cell in row:
                swallowed = [line for line in cell.split("\n")[1:] if line.split(separator, 1)[0] in R_FIELDS]
                if swallowed:
                    raise PrismaInputError(
                        f"{where}, line {start}: a quote (\") opened in this row is not closed, so the rows "
                        f"below it (from {swallowed[0].split(separator, 1)[0]!r}) were read into one of its cells")
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
                row = _rejoined(row, len(header), separator)
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
                raise PrismaInputError(
                    f"{where}, line {start}: {len(row)} cells where the header has {len(header)}: a cell holding "
                    f"'{separator}' without quotes around it? (row {row[0]!r}: {separator.join(row)!r})")
            rows.append((start, row + [""] * (len(norm) - len(row))))
    except csv.Error as exc:
        raise PrismaInputError(f"{where}, line {reader.line_num + skipped}: not readable as CSV ({exc})") from None
    # a draft's last column says why its numbers are not final: no search round (norm keeps the count columns)
    draft = len(norm) - 1 if len(norm) > 8 and norm[-1].lower() == DRAFT_COLUMN else None
    norm = norm[:draft] if draft is not None else norm
    if len(norm) > 8 and "n" in (h.lower() for h in norm[7:]):
        # The R package reads the column named n and nothing else: columns an author added beside it ("notes",
        # "source", an older count kept for comparison) are no search rounds. Blank their names to skip them.
        norm = [h if i < 7 or h.lower() == "n" else "" for i, h in enumerate(norm)]
    if not any(norm[7:]):
        raise PrismaInputError(f"{where}, line 1: not a PRISMA2020 template: no name above the count column "
                               f"(the R package reads the column named n)")
    return norm, rows, where, draft


#: The template's own wording of each row (description, boxtext, tooltips), by field or title box.
R_TEXTS = {row[0] if row[0] != "NA" else row[2]: row[3:6] for row in R_ROWS}


def _rejoined(row: list[str], width: int, separator: str) -> list[str]:
    """``row`` with the template wording an exporter split at its commas put back together, when that explains
    every extra cell (else ``row`` as it was).

    A web exporter joins the cells with commas without quoting them: the website_results tooltip "Records
    identified from: Websites, Organisations and Citation Searching" became two cells and pushed the count out of
    column n.

    >>> _rejoined(["website_results", "node17", "box11", "Records identified from: Websites", "Websites",
    ...            "Records identified from: Websites", " Organisations and Citation Searching", "x.html", "7"], 8, ",")[5:]
    ['Records identified from: Websites, Organisations and Citation Searching', 'x.html', '7']
    """
    extra = len(row) - width
    texts = R_TEXTS.get(row[0].strip() if row[0].strip() not in ("", "NA") else row[2].strip(), ())
    for at in (3, 4, 5):
        if separator.join(row[at:at + extra + 1]).strip() in texts:
            return row[:at] + [separator.join(row[at:at + extra + 1])] + row[at + extra + 1:]
    return row


def _rounds(header: list[str]) -> list[tuple[int, str]]:
    """The count columns of a table read by :func:`_read_table`, as ``(position, name)``: every column after
    ``url`` but those it blanked (an author's own beside ``n``)."""
    return [(i, name) for i, name in enumerate(header) if i >= 7 and name]


def _pending(rows, draft: int | None, round_name: str, several: bool) -> dict[str, int]:
    """What waits at each box, from a draft column's notes (of ``round_name`` among ``several`` rounds)."""
    pending = {}
    for _, row in rows if draft is not None else ():
        for part in row[draft].split(ROUND_SEPARATOR):
            part = part.strip()
            if several:
                if not part.startswith(f"{round_name}: "):
                    continue
                part = part[len(round_name) + 2:]
            found = WAITING_IN_NOTE.search(part)
            if found and row[0].strip() in R_FIELDS:
                pending[row[0].strip()] = int(found.group(1).replace(",", ""))
    return pending


def _parse_column(header, rows, where, col: int, draft: int | None = None) -> PrismaCounts:
    data: dict = {}
    labels: dict[str, str] = {}
    round_name = header[col]
    for lineno, row in rows:
        name, box, boxtext = row[0].strip(), row[2].strip(), row[4].strip()
        value = row[col].strip() if col < len(row) else ""
        at = f"{where}, line {lineno}" + (f", column {round_name!r}" if round_name != "n" else "")
        if name not in ("", "NA") and name not in R_FIELDS:
            raise PrismaInputError(f"{at}: unknown field name {name!r} in the data column"
                                   f"{suggest(name, R_FIELDS)}")
        if name in ("", "NA") and box not in TITLE_BOXES:
            raise PrismaInputError(f"{at}: a row without a field name must be a title box "
                                   f"({', '.join(TITLE_BOXES)}), got box {box!r}")
        key = _label_key(name, box)
        default = R_BOXTEXT.get(name if name not in ("", "NA") else box, "")
        if key and boxtext and boxtext not in ("NA",) and boxtext.rstrip(":").strip() != default.rstrip(":").strip():
            labels[key] = boxtext
        if name in ("", "NA") or name in PHASE_ROWS:
            continue
        if name in data or (name in REASON_ROWS and REASON_ROWS[name] in data):
            raise PrismaInputError(f"{at}: field {name!r} is given twice")
        try:
            if value in PLACEHOLDERS or value.lower() == "xxx":
                continue
            if name in LIST_FIELDS:
                if COUNT_TEXT.fullmatch(value) and to_count(value, name) == 0:
                    continue  # "0" where the names go: nothing to list (the R package draws no list unless asked)
                pairs = parse_pairs(value, name)
                if pairs is not None:
                    data[name] = pairs
            elif name in REASON_ROWS and "," in value and not THOUSANDS.fullmatch(value):  # not "1,234"
                pairs = parse_pairs(value, name)
                if pairs is not None:
                    data[REASON_ROWS[name]] = pairs
                    data[name] = sum(n for _, n in pairs)
            else:
                n = to_count(value, name)
                if n is not None:
                    data[name] = n
        except PrismaInputError as exc:
            raise PrismaInputError(f"{at}: {exc}") from None
    for listed, total in (("database_specific_results", "database_results"),
                          ("register_specific_results", "register_results")):
        if data.get(total) is None and data.get(listed):
            # the total row left empty beside its list: the list is the count (read as 0, the records screened
            # failed against "identified 0 (registers 0)" while the databases listed 1,902)
            data[total] = sum(n for _, n in data[listed])
    counts = PrismaCounts(**data, labels=labels, source=where + (f" [{round_name}]" if round_name != "n" else ""),
                          pending=_pending(rows, draft, round_name, len(_rounds(header)) > 1))
    return counts


def read_rtemplate(path, column: str | int | None = None) -> PrismaCounts:
    """Read a PRISMA2020 template (or one round of a livingPRISMAflow template) into counts.

    ``column`` names the count column (``"n"`` in the R template, a round such as ``"Jan.2020"`` in a
    living template) or its 0-based position among the count columns; needed when there are several.
    """
    header, rows, where, draft = _read_table(path)
    rounds = _rounds(header)
    count_cols = [name for _, name in rounds]
    if column is None:
        if len(count_cols) > 1:
            raise PrismaInputError(f"{where}: {len(count_cols)} count columns ({', '.join(count_cols)}); "
                                   f"choose one round (column=... / --round) or read them all with read_rounds")
        idx = rounds[0][0]
    elif isinstance(column, int) or (isinstance(column, str) and column.isdigit() and column not in count_cols):
        pos = int(column)
        if not 0 <= pos < len(count_cols):
            raise PrismaInputError(f"{where}: no count column {pos} (there are {len(count_cols)}: "
                                   f"{', '.join(count_cols)})")
        idx = rounds[pos][0]
    else:
        if column not in count_cols:
            raise PrismaInputError(f"{where}: no count column {column!r} (columns: {', '.join(count_cols)})")
        idx = header.index(column, 7)
    counts = _parse_column(header, rows, where, idx, draft)
    if not counts.given():
        raise PrismaInputError(f"{where}: column {header[idx]!r} has no counts (every box is empty)")
    return counts


def read_rounds(path, allow_unfilled: bool = False) -> list[tuple[str, PrismaCounts | None]]:
    """Every count column of a (living) template, as ``[(round name, counts), ...]`` in file order.

    A column without a single count is refused, unless ``allow_unfilled`` and every column after it is empty
    too: a living review's file with a column made ready for the next round, which comes back as
    ``(name, None)``. An empty column before one with counts is refused either way (a round lost?).
    """
    header, rows, where, draft = _read_table(path)
    out = []
    for idx, _ in _rounds(header):
        counts = _parse_column(header, rows, where, idx, draft)
        out.append((header[idx], counts if counts.given() else None))
    last = max((k for k, (_, counts) in enumerate(out) if counts is not None), default=-1)
    for k, (name, counts) in enumerate(out):
        if counts is None and not (allow_unfilled and 0 <= last < k):
            raise PrismaInputError(f"{where}: column {name!r} has no counts (every box is empty)")
    return out


def rtemplate_problems(counts: PrismaCounts) -> list[str]:
    """What the R template cannot carry for these counts (our own fields, names it would misread)."""
    problems = []
    for name in OWN_FIELDS:
        value = getattr(counts, name)
        if value is not None:
            shown = format_pairs(value) if isinstance(value, list) else value
            problems.append(f"{name} = {shown}: the R template has no such box; it is left out")
    for name in ("database_specific_results", "register_specific_results", "dbr_excluded_reasons",
                 "other_excluded_reasons"):
        for label, _ in getattr(counts, name) or []:
            if ";" in label or "," in label:
                problems.append(f"{name} '{label}': the R package splits names at ',' and ';', so it will "
                                f"misread this name")
    for total, reasons in REASON_ROWS.items():
        pairs = getattr(counts, reasons)
        if pairs and getattr(counts, total) is not None and sum(n for _, n in pairs) != getattr(counts, total):
            problems.append(f"{total} = {getattr(counts, total)} but its reasons add up to "
                            f"{sum(n for _, n in pairs)}: the R template keeps only the reasons")
    return problems


def _cell(counts: PrismaCounts, name: str) -> str:
    if name in REASON_ROWS and getattr(counts, REASON_ROWS[name]):
        return format_pairs(getattr(counts, REASON_ROWS[name]))
    value = getattr(counts, name)
    if value is None:
        return ""
    if isinstance(value, list):
        return format_pairs(value)
    return str(value)


def _draft_notes(rounds: list[tuple[str, PrismaCounts]]) -> dict[str, str]:
    """The draft column of rounds whose counts are not final: ``{"": the diagram's banner, box: its note}``.

    A journal author who took the numbers from the CSV could not tell that they were a draft: the banner is the one
    the diagram draws (``flag_title`` when the sums fail, mid-screening; else ``draft_title``), the notes are its notes.
    """
    from .checks import check
    from .layouts import draft_banner, labels_for, resolve_template

    cells: dict[str, list[str]] = {}
    for name, c in rounds:
        waiting = c.waiting()
        if not waiting:
            continue
        template = resolve_template(None, c)
        labels = labels_for(template, c.labels)
        banner = labels["flag_title"] if check(c, template).errors else draft_banner(labels, waiting)
        prefix = f"{name}: " if len(rounds) > 1 else ""
        for key, text in {"": banner, **c.waiting_notes()}.items():
            cells.setdefault(key, []).append(prefix + text)
    return {key: ROUND_SEPARATOR.join(texts) for key, texts in cells.items()}


def write_rtemplate(counts: PrismaCounts | list[tuple[str, PrismaCounts]], path, strict: bool = False) -> Path:
    """Write counts as the PRISMA2020 R template (CRLF, like the package's own file).

    Give a list of ``(round name, counts)`` to write a livingPRISMAflow template with one column per
    round. Empty boxes are written empty (the R package then hides the line). With ``strict``, raise
    when :func:`rtemplate_problems` finds anything the template cannot carry. Counts not final yet
    (``pending``) get a last column, ``draft``, saying so as their diagram does (:func:`_draft_notes`);
    :func:`read_rtemplate` reads what waits back from it.
    """
    rounds = counts if isinstance(counts, list) else [("n", counts)]
    for name, c in rounds:
        problems = rtemplate_problems(c)
        if strict and problems:
            raise PrismaInputError(f"{path}: cannot write {name!r} to the R template:\n  " + "\n  ".join(problems))
    labels = rounds[-1][1].labels
    draft = _draft_notes(rounds)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER[:7] + [name for name, _ in rounds] + ([DRAFT_COLUMN] if draft else []))
    for i, (data, node, box, description, boxtext, tooltips, url) in enumerate(R_ROWS):
        key = _label_key(data, box)
        text = labels.get(key, boxtext) if key else boxtext
        if data in ("NA",) or data in PHASE_ROWS:
            cells = ["0" for _ in rounds]  # the R template's title rows carry a 0
        else:
            cells = [_cell(c, data) for _, c in rounds]
        if draft:
            cells.append(draft.get("" if i == 0 else data, ""))
        w.writerow([data, node, box, description, text, tooltips, url] + cells)
    path = Path(path)
    path.write_bytes(buf.getvalue().rstrip("\r\n").encode("utf-8"))
    return path


__all__ = ["read_rtemplate", "read_rounds", "write_rtemplate", "rtemplate_problems", "R_ROWS"]
