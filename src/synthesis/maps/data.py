"""What every map is drawn from: the evidence matrix (rows x columns -> studies) of a coding.

Rows are the values at one level of the framework (constructs by default), grouped by the level above
(stages), in scheme order; every value of the scheme is a row, coded or not, so gaps show. Columns are any
*dimension*:

- a level of the framework (``stage``, ``construct``, ``challenge``) -- taken from each code;
- another dimension of the scheme (``stakeholder``) -- from the code's note naming it (the challenge's
  stakeholder group), or from the study's own codes in that dimension;
- a field of the studies (``country``, ``year``, ``evidence_type``, or any extra column) -- from the study,
  several values separated by ``;``.

A study is counted in cell (row, column) when one of its codes falls under the row and carries the column
value; study values (fields) pair with every row the study is coded under. Studies without a value fall in
the column ``Not coded``.

Examples
--------
>>> m = evidence_matrix(coding, columns="stakeholder")      # doctest: +SKIP
>>> m.counts.shape                                           # doctest: +SKIP
(10, 4)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from synthesis.coding.studies import STUDY_FIELDS, Coding, split_values
from synthesis.errors import SynthesisError

__all__ = ["NOT_CODED", "MapDimension", "EvidenceMatrix", "MapError", "map_dimensions", "default_columns",
           "code_facts", "evidence_matrix", "every_year", "waiting_to_code"]


class MapError(SynthesisError, ValueError):
    """A map asked for a dimension the coding does not have (a name typed, or ``gap_map_columns`` left from
    another scheme): one sentence in a notebook, naming the dimensions there are."""


NOT_CODED = "Not coded"
#: Study fields offered as map dimensions (besides extra columns with few distinct values).
FIELD_DIMENSIONS = ("country", "year", "evidence_type")
_FREE_TEXT = set(STUDY_FIELDS) - set(FIELD_DIMENSIONS)


@dataclass
class MapDimension:
    """A dimension a map can use as rows, columns or filter.

    ``kind`` is ``"level"`` (a framework level), ``"scheme"`` (another dimension of the scheme) or
    ``"field"`` (a study field). ``keys`` and ``labels`` list its values in display order.
    """

    id: str
    label: str
    kind: str
    keys: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    groups: list = field(default_factory=list)  # for levels: label of the level above, per value


def _field_label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _cached(coding: Coding, key: str, make):
    """Per-coding cache: a Coding does not change once checked, and every map needs the same facts."""
    cache = coding.__dict__.setdefault("_map_cache", {})
    if key not in cache:
        cache[key] = make()
    return cache[key]


def map_dimensions(coding: Coding) -> dict:
    """Every dimension of a coding usable in a map, by id, in display order.

    Framework levels first (with pseudo-rows ``"<parent> (as a whole)"`` when studies are coded above that
    level, and a row of its own for a value with nothing at that level under it), then the scheme's other
    dimensions, then the study fields country, year and evidence type and any extra column of the studies with
    at most 60 distinct values (not a number field of the coding form).
    """
    return _cached(coding, "dims", lambda: _map_dimensions(coding))


def _map_dimensions(coding: Coding) -> dict:
    scheme = coding.scheme
    fw = scheme.framework
    dims = {}
    codes = coding.codes
    fw_codes = set(codes.loc[codes["dimension"] == fw.id, "code"])
    for depth, level in enumerate(fw.levels):
        d = MapDimension(level, fw.level_label(level), "level")
        for node in fw.walk():
            if node.level == level:
                parent = node.parent
                d.keys.append(node.path)
                d.labels.append(node.display_label)
                d.groups.append(parent.label if parent else "")
            elif fw.levels.index(node.level) < depth and (node.path in fw_codes or not node.children):
                # studies coded to this stage (say) but not to one of its constructs: a row of their own; a stage
                # with no constructs at all is always a row (its own label), or a gap there would not show
                d.keys.append(node.path + "#")
                d.labels.append(f"{node.display_label} (as a whole)" if node.children else node.display_label)
                d.groups.append(node.label)
        dims[level] = d
    for dim in scheme.dimensions.values():
        if dim.id == fw.id:
            continue
        nodes = list(dim.walk())
        dims[dim.id] = MapDimension(dim.id, dim.label, "scheme", [n.path for n in nodes], [n.display_label for n in nodes])
    studies = coding.included
    names = [f for f in FIELD_DIMENSIONS if f in studies.columns] + [c for c in studies.columns if c not in FIELD_DIMENSIONS]
    for name in names:
        free_text = name in _FREE_TEXT and name not in coding.choice_fields
        if name in ("line",) or free_text or name in dims or name in coding.number_fields:
            continue
        values = sorted({v for cell in set(studies[name].tolist()) for v in split_values(cell)}, key=_value_key)
        if name == "year":
            values = every_year(values)
        # country, year and evidence type are always offered (all "Not coded" until someone codes them), unless
        # the review's coding form does not ask for them: then nothing will ever fill them in
        if name not in FIELD_DIMENSIONS and (not values or len(values) > 60):
            continue
        if not values and coding.form_fields is not None and name not in coding.form_fields:
            continue
        dims[name] = MapDimension(name, _field_label(name), "field", values, values)
    return dims


def default_columns(coding: Coding) -> str:
    """The dimension across the top of a gap map when none is named: the scheme's first dimension besides the
    framework (the stakeholder groups of the worked example), else the first study field (country).

    A level of the framework is never the default: across the top it only repeats the rows' grouping
    (constructs by stage).

    Examples
    --------
    >>> import pandas as pd
    >>> from synthesis.coding.scheme import parse_scheme
    >>> from synthesis.coding.studies import make_coding
    >>> scheme = parse_scheme("dimension harm: Harms\\n  levels: domain > harm\\n  domain money: Money\\n"
    ...                       "    harm debt: Debt\\ndimension group: Who\\n  value adults: Adults\\n")
    >>> default_columns(make_coding(scheme, pd.DataFrame(columns=["study_id"]),
    ...                             pd.DataFrame(columns=["study_id", "code"])))
    'group'
    """
    dims = map_dimensions(coding)
    return next((d for d, v in dims.items() if v.kind != "level"), next(iter(dims)))


def every_year(values: list) -> list:
    """The years from the first to the last, with the years no study has, then any value that is not a year.

    A gap in time is a finding: a map or a chart that skips 2018 puts 2017 beside 2019 and hides the gap. A span
    of more than 200 years is a mistyped year (1066), which would stretch the axis over centuries: the years
    given are kept.

    >>> every_year(["2017", "2020", "in press"])
    ['2017', '2018', '2019', '2020', 'in press']
    """
    years = [int(v) for v in values if len(v) == 4 and v.isdigit()]
    if not years or max(years) - min(years) >= 200:
        return list(values)
    return [str(y) for y in range(min(years), max(years) + 1)] + [v for v in values if not (len(v) == 4 and v.isdigit())]


def _value_key(v: str):
    return (0, int(v), "") if v.isdigit() else (1, 0, v.lower())


@dataclass
class CodeFacts:
    """Per study, the facts the matrix is counted from (built once, used for every map)."""

    study_ids: list
    #: per study: list of codes, each a dict dimension id -> list of value keys (levels and scheme dims)
    codes: list
    #: per study: dict dimension id -> list of value keys (study fields and direct scheme-dimension codes)
    values: list


def code_facts(coding: Coding, dims: dict | None = None) -> CodeFacts:
    """The per-study facts behind :func:`evidence_matrix` (and the interactive map's data)."""
    return _cached(coding, "facts", lambda: _code_facts(coding, dims or map_dimensions(coding)))


def _code_facts(coding: Coding, dims: dict) -> CodeFacts:
    scheme = coding.scheme
    fw = scheme.framework
    dims = dims or map_dimensions(coding)
    scheme_dims = [d for d in dims.values() if d.kind == "scheme"]
    field_dims = [d for d in dims.values() if d.kind == "field"]
    included = coding.included
    ids = included["study_id"].tolist()
    index = {sid: i for i, sid in enumerate(ids)}
    per_code = [[] for _ in ids]
    per_study = [dict() for _ in ids]
    for d in field_dims:
        if d.id not in included.columns:
            continue
        split = {}  # many studies share a country or a year: split each distinct cell once
        for facts, cell in zip(per_study, included[d.id].tolist()):
            if cell not in split:
                split[cell] = split_values(cell)
            facts[d.id] = list(split[cell])
    memo = {}  # a review has few distinct codes and many studies: work each code out once
    codes = coding.codes
    for study_id, dimension, code in zip(codes["study_id"].tolist(), codes["dimension"].tolist(),
                                         codes["code"].tolist()):
        i = index.get(study_id)
        if i is None:
            continue
        if dimension == fw.id and (code in memo):
            per_code[i].append(memo[code])
            continue
        node = scheme.value(dimension, code)
        if dimension == fw.id:
            facts = memo[code] = {}
            for depth, level in enumerate(fw.levels):
                anc = node.ancestor(level)
                if anc is not None:
                    facts[level] = [anc.path]
                else:  # coded above this level: the parent's "(as a whole)" row
                    facts[level] = [node.path + "#"]
            for d in scheme_dims:
                facts[d.id] = _noted(node, d.id)
            per_code[i].append(facts)
        else:
            per_study[i].setdefault(dimension, []).append(node.path)
    return CodeFacts(ids, per_code, per_study)


def _noted(node, dim_id: str) -> list:
    while node is not None:
        if dim_id in node.notes:
            return list(node.notes[dim_id])
        node = node.parent
    return []


@dataclass
class EvidenceMatrix:
    """Studies per cell: ``counts[i, j]`` distinct studies in row ``i``, column ``j``; ``studies[(i, j)]``."""

    rows: MapDimension
    columns: MapDimension
    row_labels: list
    row_groups: list
    column_labels: list
    counts: np.ndarray
    studies: dict
    #: included studies (those the filters keep) coded under no value of the framework: in no row, no cell
    unplaced: list = field(default_factory=list)
    #: included records not on the map yet (to code, for a second coder, to reconcile): while coding goes on a
    #: gap may be a study nobody has coded yet, and the maps say so
    waiting: int = 0

    def frame(self):
        """The matrix as a long DataFrame: group, row, column, studies (count), study_ids."""
        import pandas as pd

        out = []
        for i, label in enumerate(self.row_labels):
            for j, col in enumerate(self.column_labels):
                ids = self.studies.get((i, j), [])
                out.append({"group": self.row_groups[i], "row": label, "column": col,
                            "studies": len(ids), "study_ids": "; ".join(ids)})
        return pd.DataFrame(out)


def evidence_matrix(coding: Coding, columns: str | None = None, rows: str | None = None,
                    filters: dict | None = None, facts: CodeFacts | None = None) -> EvidenceMatrix:
    """Count the studies in each cell of rows x columns.

    Parameters
    ----------
    coding : Coding
    columns : str, optional
        Any dimension id of :func:`map_dimensions` (``stakeholder``, ``stage``, ``country``, ``year`` ...);
        default :func:`default_columns`.
    rows : str, optional
        A framework level; default the second level (constructs) or the only one.
    filters : dict, optional
        Dimension id -> value key or list of keys; a code (for framework and scheme dimensions) or a study
        (for fields) must match every filter to count.

    Returns
    -------
    EvidenceMatrix
    """
    dims = map_dimensions(coding)
    fw = coding.scheme.framework
    rows = rows or (fw.levels[1] if len(fw.levels) > 1 else fw.levels[0])
    columns = columns or default_columns(coding)
    for name, role in ((rows, "rows"), (columns, "columns")):
        if name not in dims:
            raise MapError(f"{role}: no dimension {name!r}; choose one of {', '.join(dims)}")
    if dims[rows].kind != "level":
        raise MapError(f"rows must be a level of the framework ({', '.join(fw.levels)}), not {rows!r}")
    facts = facts or code_facts(coding, dims)
    rdim, cdim = dims[rows], dims[columns]
    col_keys = list(cdim.keys)
    col_labels = list(cdim.labels)
    rindex = {k: i for i, k in enumerate(rdim.keys)}
    cindex = {k: j for j, k in enumerate(col_keys)}
    filters = {k: ({v} if isinstance(v, str) else set(v)) for k, v in (filters or {}).items() if v}
    for d in list(filters):
        if d not in dims:
            raise MapError(f"filter: no dimension {d!r}; choose one of {', '.join(dims)}")
        by_label = dict(zip(dims[d].labels, dims[d].keys))
        filters[d] = {by_label.get(v, v) for v in filters[d]}
    per_code = _code_dims(dims)
    study_filters = {d: w for d, w in filters.items() if d not in per_code}
    code_filters = {d: w for d, w in filters.items() if d in per_code}
    cells: dict = {}
    not_coded_used = False
    unplaced = []
    for s, sid in enumerate(facts.study_ids):
        study_vals = facts.values[s]
        if not all(set(study_vals.get(d, [])) & want for d, want in study_filters.items()):
            continue
        if not facts.codes[s] and all(set(study_vals.get(d, [])) & want for d, want in code_filters.items()):
            unplaced.append(sid)
        for code in facts.codes[s]:
            if not all(set(code.get(d) or study_vals.get(d, [])) & want for d, want in code_filters.items()):
                continue
            r = rindex[code[rows][0]]
            vals = code.get(columns) or study_vals.get(columns, [])
            if not vals:
                not_coded_used = True
                vals = [NOT_CODED]
            for v in vals:
                if v == NOT_CODED:
                    j = len(col_keys)
                else:
                    j = cindex[v]
                cells.setdefault((r, j), set()).add(sid)
    if not_coded_used:
        col_labels = col_labels + [NOT_CODED]
    counts = np.zeros((len(rdim.keys), len(col_labels)), dtype=int)
    studies = {}
    for (r, j), ids in cells.items():
        counts[r, j] = len(ids)
        studies[(r, j)] = sorted(ids, key=_value_key)
    return EvidenceMatrix(rdim, cdim, list(rdim.labels), list(rdim.groups), col_labels, counts, studies,
                          sorted(unplaced, key=_value_key), waiting_to_code(coding))


def waiting_to_code(coding) -> int:
    """Included records and studies not on the map yet: to code, for a second coder, to reconcile (the
    project's coding knows them: ``coding.pending``; a coding read from files alone, none)."""
    return sum((getattr(coding, "pending", None) or {}).values())


def _code_dims(dims: dict) -> set:
    """Dimensions judged per code: framework levels and the scheme's other dimensions."""
    return {d.id for d in dims.values() if d.kind in ("level", "scheme")}
