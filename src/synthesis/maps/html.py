"""The interactive gap map: one self-contained HTML file (no network, no CDN).

The matrix (constructs grouped by stage x any dimension) with a filter per dimension, a search box and a
click on a cell listing its studies with their extraction fields and codes. The data travel as JSON inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` written as ``\\u003c`` ..., so no record can
close the script element; the page script puts every string in with ``textContent``. The codes come first
and draw the matrix at once; the studies' text follows the page script (gzip-compressed and base64-encoded
when large, inflated by the browser's own DecompressionStream) and is read when the page has been parsed.

Examples
--------
>>> write_html_map(coding, "output/maps/gap_map.html")       # doctest: +SKIP
PosixPath('output/maps/gap_map.html')
"""
from __future__ import annotations

import base64
import gzip
import html
import json
from importlib import resources
from pathlib import Path

from synthesis.coding.studies import Coding
from synthesis.maps.data import code_facts, default_columns, map_dimensions

__all__ = ["html_map_data", "html_map", "write_html_map"]

_LIST_FIELDS = ("author", "year", "title")
_HIDDEN = ("study_id", "status", "line", "record_id")


def _label(name: str) -> str:
    return {"programme_overview": "Programme overview", "nature_of_evidence": "Nature of evidence",
            "evidence_type": "Evidence type", "recommendations": "Summary of recommendations",
            "date": "Publication date"}.get(name, name.replace("_", " ").capitalize())


def html_map_data(coding: Coding, columns: str | None = None, rows: str | None = None,
                  title: str | None = None) -> dict:
    """The JSON the page reads: dimensions, studies (as arrays), distinct codes and each study's codes."""
    scheme = coding.scheme
    fw = scheme.framework
    dims = map_dimensions(coding)
    rows = rows or (fw.levels[1] if len(fw.levels) > 1 else fw.levels[0])
    if columns not in dims or dims[columns].kind == "level":
        # a level of the framework across the top only repeats the rows' grouping (construct x stage)
        columns = default_columns(coding)
    facts = code_facts(coding, dims)
    dim_list = list(dims.values())
    per_code = [d.kind in ("level", "scheme") for d in dim_list]
    key_index = [{k: i for i, k in enumerate(d.keys)} for d in dim_list]

    included = coding.included
    fields = [f for f in included.columns if f != "line"]
    studies = [[str(v) for v in rec] for rec in zip(*(included[f].tolist() for f in fields))]
    source = (scheme.notes.get("source") or [""])[0].split(" (")[0].strip()
    # what a study is called in the list: its title, else its reference, else author and year, else its
    # number in the source review (the seed review's 49 studies are known only by their citation number)
    heading = [_heading(dict(zip(fields, rec)), source) for rec in studies]
    # and how Table 2 and the networks cite it: a study coded from the library by first author and year ("Smith
    # et al. 2023b"), not by its duplicate group's id, so that a reader finds in the map the study a table names
    labels = coding.study_labels()
    cited = [labels.get(str(sid), str(sid)) for sid in included["study_id"].tolist()]

    code_ids, codes, code_labels, study_codes = {}, [], [], []
    signature = {}  # the facts share one dict per distinct code: its JSON is worked out once
    for s in range(len(facts.study_ids)):
        mine = []
        for code in facts.codes[s]:
            sig = signature.get(id(code))
            if sig is None:
                sig = signature[id(code)] = json.dumps(code, sort_keys=True)
            if sig not in code_ids:
                code_ids[sig] = len(codes)
                codes.append([[key_index[d][k] for k in code.get(dim.id, [])] if per_code[d] else None
                              for d, dim in enumerate(dim_list)])
                deepest = code[fw.levels[-1]][0]
                code_labels.append(_code_label(scheme, fw, deepest))
            idx = code_ids[sig]
            if idx not in mine:
                mine.append(idx)
        study_codes.append(mine)
    study_values = []
    for s in range(len(facts.study_ids)):
        vals = {}
        for d, dim in enumerate(dim_list):
            v = facts.values[s].get(dim.id)
            if v:
                vals[str(d)] = [key_index[d][k] for k in v]
        study_values.append(vals or None)
    # the words a search must find: everything the page shows of a study, its codes' labels included
    search = []
    for s, rec in enumerate(studies):
        words = [heading[s], cited[s], *rec]
        for c in study_codes[s]:
            words.append(code_labels[c])
            for d, dim in enumerate(dim_list):
                if dim.kind == "scheme" and codes[c][d]:
                    words += [dim.labels[k] for k in codes[c][d]]
        for d, ks in (study_values[s] or {}).items():
            words += [dim_list[int(d)].labels[k] for k in ks]
        search.append(" ".join(dict.fromkeys(w for w in words if w)))
    groups = list(dict.fromkeys(g for d in dim_list if d.kind == "level" for g in d.groups if g))
    n = len(included)
    pending = getattr(coding, "pending", None) or {}
    waiting = []
    for state, one, many in (("reconcile", "study waits for reconciliation", "studies wait for reconciliation"),
                             ("second coder", "study waits for a second coder", "studies wait for a second coder"),
                             ("to code", "included record is not coded yet", "included records are not coded yet")):
        k = pending.get(state, 0)
        if k:
            waiting.append(f"{k} {one if k == 1 else many}")
    not_yet = (" Not on the map yet: " + "; ".join(waiting) + ".") if waiting else ""
    return {
        "title": title or (scheme.title or "Evidence gap map"),
        "subtitle": f"{n} included stud{'y' if n == 1 else 'ies'}; bubble size: number of studies; "
                    f"hatched cells: no studies (gaps).{not_yet}",
        "rows": rows,
        "columns": columns,
        "dims": [_dim_json(scheme, d, per_code[i], dims) for i, d in enumerate(dim_list)],
        "fields": fields,
        "fieldLabels": [_label(f) for f in fields],
        "f": {**{f: fields.index(f) for f in _LIST_FIELDS if f in fields}, "heading": len(fields),
              "search": len(fields) + 1, "cited": len(fields) + 2},
        "detailFields": [i for i, f in enumerate(fields) if f not in _HIDDEN + _LIST_FIELDS],
        "studies": [[*rec, heading[i], search[i], cited[i]] for i, rec in enumerate(studies)],
        "codes": codes,
        "codeLabels": code_labels,
        "studyCodes": study_codes,
        "studyValues": study_values,
        "groupIndex": {g: i for i, g in enumerate(groups)},
    }


def _heading(rec: dict, source: str) -> str:
    title = rec.get("title", "").strip()
    if title:
        return title
    if rec.get("reference", "").strip():
        return rec["reference"].strip()
    who = rec.get("author", "").strip()
    year = rec.get("year", "").strip()
    if who or year:
        return f"{who or 'Anonymous'} ({year or 'n.d.'})"
    return f"Reference ({rec.get('study_id', '')}) in {source}" if source else f"Study {rec.get('study_id', '')}"


def _dim_json(scheme, d, per_code: bool, dims: dict) -> dict:
    """One dimension for the page; framework levels also carry, per value, its ancestors' value indices."""
    out = {"id": d.id, "label": d.label, "kind": d.kind, "perCode": per_code, "labels": d.labels,
           "groups": d.groups or None}
    if d.kind == "level":
        fw = scheme.framework
        out["depth"] = fw.levels.index(d.id)
        index = {lvl: {k: i for i, k in enumerate(dims[lvl].keys)} for lvl in fw.levels}
        anc = []
        for key in d.keys:
            node = scheme.value(fw.id, key.rstrip("#"))
            row = []
            for lvl in fw.levels:
                if lvl == d.id:  # itself (also an "(as a whole)" row, which stands in for this level)
                    row.append(index[lvl][key])
                else:
                    a = node.ancestor(lvl)
                    row.append(index[lvl].get(a.path, -1) if a is not None else -1)
            anc.append(row)
        out["anc"] = anc
    return out


def _code_label(scheme, fw, key: str) -> str:
    path = key.rstrip("#")
    node = scheme.value(fw.id, path)
    parts = []
    while node is not None:
        parts.append(node.display_label)
        node = node.parent
    return " \u203a ".join(reversed(parts))


def _script_json(data) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end it or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _asset(name: str) -> str:
    return resources.files("synthesis.maps").joinpath(name).read_text(encoding="utf-8")


#: Above this many bytes of JSON the data are embedded gzip-compressed (base64) rather than as plain JSON.
COMPRESS_ABOVE = 256_000


def _data_element(data, compress, element_id) -> str:
    text = _script_json(data)
    if compress is None:
        compress = len(text.encode("utf-8")) > COMPRESS_ABOVE
    if not compress:
        return f'<script type="application/json" id="{element_id}">{text}</script>'
    # level 4: a sixth larger than level 6 for a third of its time (the map is rebuilt after every coded study)
    packed = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=4, mtime=0)).decode("ascii")
    lines = "\n".join(packed[i:i + 120] for i in range(0, len(packed), 120))
    return (f'<script type="application/octet-stream" id="{element_id}" data-encoding="gzip+base64">\n'
            f"{lines}\n</script>")


def html_map(coding: Coding, columns: str | None = None, rows: str | None = None, title: str | None = None,
             compress: bool | None = None) -> str:
    """The interactive gap map as one HTML string (see :func:`write_html_map`)."""
    data = html_map_data(coding, columns=columns, rows=rows, title=title)
    studies = data.pop("studies")  # the bulky text goes after the page script (see gapmap.js)
    data["nStudies"] = len(studies)
    js = _asset("gapmap.js").replace("</", "<\\/").replace("<!--", "<\\!--")
    css = _asset("gapmap.css").replace("</", "")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{html.escape(data['title'])}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        "<h1 id=\"title\"></h1>\n<div id=\"subtitle\"></div>\n"
        "<div id=\"controls\"></div>\n<div id=\"filters\" aria-label=\"filters\"></div>\n<div id=\"count\"></div>\n"
        "<div class=\"layout\"><div id=\"matrix\"></div><div id=\"studies\" aria-live=\"polite\"></div></div>\n"
        f"{_data_element(data, False, 'gapmap-data')}\n"
        f"<script>\n{js}</script>\n"
        f"{_data_element(studies, compress, 'gapmap-studies')}\n</body>\n</html>\n"
    )


def write_html_map(coding: Coding, path, columns: str | None = None, rows: str | None = None,
                   title: str | None = None, compress: bool | None = None) -> Path:
    """Write the interactive gap map to ``path`` (one self-contained UTF-8 HTML file).

    Parameters
    ----------
    coding : Coding
    path : str or Path
    columns : str, optional
        Dimension shown as columns when the page opens (the reader can change it); default
        :func:`synthesis.maps.data.default_columns`.
    rows : str, optional
        Framework level shown as rows when the page opens (default: constructs).
    title : str, optional
        Page title (default: the scheme's title).
    compress : bool, optional
        Embed the data gzip-compressed (read back by the browser's DecompressionStream); default: when the
        data exceed 256 kB.

    Returns
    -------
    Path
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_map(coding, columns=columns, rows=rows, title=title, compress=compress), encoding="utf-8")
    return path
