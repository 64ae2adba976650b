"""Table 2 regenerated from the data: the framework, row by row, with the studies coded under each row.

One row per value at the framework's deepest level (a challenge), in scheme order, with its stage and
construct, its stakeholder group, its notes (the approaches text) and the studies coded to it. A study
coded only to a construct (or stage) gets a row of its own with the deeper cells empty.

Written as Markdown, HTML, CSV and Word (.docx, via python-docx).

Examples
--------
>>> from synthesis.coding.scheme import parse_scheme
>>> from synthesis.coding.studies import make_coding
>>> import pandas as pd
>>> scheme = parse_scheme("dimension f: F\\n  levels: stage > construct\\n  stage a: A\\n    construct b: B")
>>> coding = make_coding(scheme, pd.DataFrame({"study_id": ["3", "1", "2"]}),
...     pd.DataFrame({"study_id": ["3", "1", "2"], "code": ["a.b"] * 3}))
>>> table2_frame(coding)["Studies"].tolist()
['1–3']
"""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from synthesis import markdown as md
from synthesis.coding.studies import Coding, _study_sort_key
from synthesis.normalise import xml_text

__all__ = ["table2_frame", "table2_markdown", "table2_html", "write_table2", "format_study_ids"]

STUDIES = "Studies"


def format_study_ids(ids) -> str:
    """Sorted study IDs; runs of three or more consecutive numbers written as a range, as journals do.

    >>> format_study_ids(["40", "37", "38", "39", "41", "52", "54", "x"])
    '37–41, 52, 54, x'
    """
    ids = sorted({str(i) for i in ids}, key=_study_sort_key)
    nums = [int(i) for i in ids if i.isdigit()]
    other = [i for i in ids if not i.isdigit()]
    parts, i = [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{nums[i]}–{nums[j]}")
        else:
            parts.extend(str(n) for n in nums[i:j + 1])
        i = j + 1
    return ", ".join(parts + other)


def _headings(dim) -> list:
    given = dim.notes.get("headings")
    if given:
        names = [h.strip() for h in given[0].split(">")]
        if len(names) == len(dim.levels):
            return names
    return [dim.level_label(lvl) for lvl in dim.levels]


def table2_frame(coding: Coding, notes=("approaches",), ranges: bool = True) -> pd.DataFrame:
    """Table 2 as a DataFrame.

    Parameters
    ----------
    coding : Coding
    notes : sequence of str
        Notes of the scheme shown as columns (those present), e.g. the approaches text.
    ranges : bool
        Write consecutive study numbers as ranges (``73–75``); ``False`` lists every ID.

    Returns
    -------
    pandas.DataFrame
        Columns: the framework's headings (e.g. Step, Constructs, Challenges), ``Stakeholder`` when the
        scheme has a stakeholder dimension, the notes (capitalised), ``Studies``; plus hidden helper
        columns ``code`` and ``study_ids`` (a list) for programs.
    """
    # Markdown, HTML, CSV and Word are all written from one frame: made once per coding (which does not
    # change once checked), handed out as copies
    cache = coding.__dict__.setdefault("_table2_cache", {})
    key = (tuple(notes), bool(ranges))
    if key not in cache:
        cache[key] = _table2_frame(coding, notes, ranges)
    return cache[key].copy()


def _table2_frame(coding: Coding, notes, ranges: bool) -> pd.DataFrame:
    scheme = coding.scheme
    dim = scheme.framework
    heads = _headings(dim)
    long = coding.long_table()
    long = long[long["dimension"] == dim.id]
    by_code = long.groupby("code")["study_id"].apply(list).to_dict()
    stakeholder = scheme.dimensions.get("stakeholder")
    note_cols = [n for n in notes if any(n in v.notes for v in dim.walk())]
    cited = coding.study_labels()
    rows = []
    for node in dim.walk():
        leaf = not node.children
        ids = by_code.get(node.path, [])
        if not leaf and not ids:
            continue
        row = {}
        for level, head in zip(dim.levels, heads):
            anc = node.ancestor(level)
            row[head] = anc.display_label if anc else ""  # "(retired)" as the maps show it
        if stakeholder is not None:
            row["Stakeholder"] = "; ".join(scheme.value("stakeholder", c).label for c in node.notes.get("stakeholder", []))
        for n in note_cols:
            row[n.replace("_", " ").capitalize()] = node.note(n)
        names = [cited.get(i, i) for i in ids]
        row[STUDIES] = format_study_ids(names) if ranges else ", ".join(sorted(set(names), key=_study_sort_key))
        row["code"] = node.path
        row["study_ids"] = sorted(set(ids), key=_study_sort_key)
        rows.append(row)
    cols = [*heads, *(["Stakeholder"] if stakeholder is not None else []),
            *[n.replace("_", " ").capitalize() for n in note_cols], STUDIES, "code", "study_ids"]
    return pd.DataFrame(rows, columns=cols)


def _visible(frame: pd.DataFrame) -> list:
    return [c for c in frame.columns if c not in ("code", "study_ids")]


def _blank_repeats(frame: pd.DataFrame, upto: int) -> list:
    """Rows as lists, with a stage/construct cell left empty when it repeats the row above (as printed)."""
    cols = _visible(frame)
    out, prev = [], [None] * upto
    for rec in frame[cols].itertuples(index=False):
        rec = list(rec)
        shown = list(rec)
        for k in range(upto):
            if rec[: k + 1] == prev[: k + 1]:
                shown[k] = ""
        prev = rec[:upto]
        out.append(shown)
    return out


def table2_markdown(coding: Coding, title: str | None = None, **kw) -> str:
    """Table 2 as a Markdown (GitHub) table; line breaks inside a cell become ``<br>``."""
    frame = table2_frame(coding, **kw)
    cols = _visible(frame)
    levels = len(coding.scheme.framework.levels) - 1

    lines = []
    title = coding.scheme.title if title is None else title
    if title:
        lines += [f"**Table 2.** {md.cell(title)}", ""]
    lines.append("| " + " | ".join(md.cell(c) for c in cols) + " |")
    lines.append("|" + "|".join("---" for _ in cols) + "|")
    for row in _blank_repeats(frame, levels):
        lines.append("| " + " | ".join(md.cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def table2_html(coding: Coding, title: str | None = None, standalone: bool = True, **kw) -> str:
    """Table 2 as HTML, stage and construct cells merged over their rows (``rowspan``); all text escaped."""
    frame = table2_frame(coding, **kw)
    cols = _visible(frame)
    levels = len(coding.scheme.framework.levels) - 1
    values = frame[cols].values.tolist()
    n = len(values)
    spans = [[1] * len(cols) for _ in range(n)]
    hidden = [[False] * len(cols) for _ in range(n)]
    for k in range(levels):
        i = 0
        while i < n:
            j = i
            while j + 1 < n and values[j + 1][: k + 1] == values[i][: k + 1]:
                j += 1
            spans[i][k] = j - i + 1
            for r in range(i + 1, j + 1):
                hidden[r][k] = True
            i = j + 1

    def esc(v):
        return html.escape(str(v)).replace("\n", "<br>")

    title = coding.scheme.title if title is None else title
    out = ['<table class="table2">']
    if title:
        out.append(f"<caption><b>Table 2.</b> {esc(title)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in cols) + "</tr></thead><tbody>")
    for i, row in enumerate(values):
        cells = []
        for k, v in enumerate(row):
            if hidden[i][k]:
                continue
            span = f' rowspan="{spans[i][k]}"' if spans[i][k] > 1 else ""
            cells.append(f"<td{span}>{esc(v)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    body = "\n".join(out)
    if not standalone:
        return body
    css = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:0.9em}"
           "td,th{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}"
           "caption{text-align:left;margin-bottom:0.5em}th{background:#eee}")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Table 2</title>'
            f"<style>{css}</style></head><body>\n{body}\n</body></html>\n")


def write_table2_docx(coding: Coding, path, title: str | None = None, **kw) -> Path:
    """Table 2 as a Word document (landscape A4, stage and construct cells merged)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    frame = table2_frame(coding, **kw)
    cols = _visible(frame)
    levels = len(coding.scheme.framework.levels) - 1
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(1.5))
    title = coding.scheme.title if title is None else title
    doc.core_properties.title = xml_text(f"Table 2. {title}" if title else "Table 2")
    doc.core_properties.author = "synthesis"
    p = doc.add_paragraph()
    p.add_run("Table 2. ").bold = True
    if title:
        p.add_run(xml_text(title))
    table = doc.add_table(rows=1, cols=len(cols))
    table.style = "Table Grid"
    size = Pt(8)

    def put(cell, text, bold=False):
        """One run of 8-point text in a cell (set as it is written: a pass over every run afterwards costs
        a walk of the whole table per cell in python-docx)."""
        cell.text = ""
        run = cell.paragraphs[0].add_run(xml_text(text))
        run.font.size = size
        if bold:
            run.bold = True

    for cell, c in zip(table.rows[0].cells, cols):
        put(cell, c, bold=True)
    values = frame[cols].values.tolist()
    for row in values:
        for cell, v in zip(table.add_row().cells, row):
            put(cell, str(v))
    # merge repeated stage / construct cells vertically, as in the printed table; the column's cells are
    # listed once (table.cell() lists the whole table at every call)
    for k in range(levels):
        column = table.column_cells(k)
        i = 0
        while i < len(values):
            j = i
            while j + 1 < len(values) and values[j + 1][: k + 1] == values[i][: k + 1]:
                j += 1
            if j > i:
                put(column[i + 1].merge(column[j + 1]), str(values[i][k]))
            i = j + 1
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def write_table2(coding: Coding, outdir, stem: str = "table2", docx: bool = True, **kw) -> dict:
    """Write Table 2 as ``table2.md``, ``table2.html``, ``table2.csv`` and ``table2.docx`` into ``outdir``.

    Parameters
    ----------
    coding : Coding
        From :func:`synthesis.coding.load_study_codes`.
    outdir : str or Path
    docx : bool
        Also write the Word file (needs python-docx; skipped with a message when it is missing).

    Returns
    -------
    dict
        Format -> path written.

    Examples
    --------
    >>> paths = write_table2(coding, "output/maps")        # doctest: +SKIP
    >>> sorted(paths)                                       # doctest: +SKIP
    ['csv', 'docx', 'html', 'md']
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = {}
    p = outdir / f"{stem}.md"
    p.write_text(table2_markdown(coding, **kw), encoding="utf-8")
    paths["md"] = p
    p = outdir / f"{stem}.html"
    p.write_text(table2_html(coding, **kw), encoding="utf-8")
    paths["html"] = p
    p = outdir / f"{stem}.csv"
    frame = table2_frame(coding, **kw)
    frame.drop(columns=["study_ids"]).to_csv(p, index=False, lineterminator="\n")
    paths["csv"] = p
    if docx:
        try:
            paths["docx"] = write_table2_docx(coding, outdir / f"{stem}.docx", **kw)
        except ImportError:
            print("table2.docx not written: python-docx is not installed (pip install python-docx)")
    return paths
