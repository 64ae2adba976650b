"""Agreement between coders, per code and per level of the scheme: percent, Cohen's kappa, Krippendorff's alpha.

Every study that two or more coders coded independently counts. For each value of the scheme, a coder
either gave it to the study or not (a code also counts for the values above it: a challenge implies its
construct and stage), so each value is a yes/no question per study. Per code, the table gives how often the
first two coders agree (percent), Cohen's kappa for those two, and Krippendorff's alpha (nominal) over all
coders of the study. Per level (stage, construct, challenge, and each other dimension) the yes/no answers of
all values at that level are pooled.

Examples
--------
>>> cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0])
0.5
>>> round(krippendorff_alpha([[1, 1, 0, 0], [1, 0, 0, 0]]), 3)
0.533
"""
from __future__ import annotations

import math
from collections import Counter

import pandas as pd

__all__ = ["cohen_kappa", "krippendorff_alpha", "coding_agreement", "AGREEMENT_COLUMNS"]

AGREEMENT_COLUMNS = ["scope", "dimension", "level", "code", "label", "studies", "both", "first_only",
                     "second_only", "neither", "percent_agreement", "cohen_kappa", "krippendorff_alpha", "coders"]


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two raters' labels (NaN when chance agreement is 1, as scikit-learn gives)."""
    n = len(a)
    if n == 0 or n != len(b):
        return math.nan
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return math.nan if pe == 1 else (po - pe) / (1 - pe)


def krippendorff_alpha(data) -> float:
    """Krippendorff's alpha for nominal data: ``data[coder][unit]`` (``None`` where a coder did not code).

    Units coded by fewer than two coders do not count; NaN when there is no variation at all.
    """
    units = list(zip(*data)) if data else []
    coinc: Counter = Counter()
    for unit in units:
        vals = [v for v in unit if v is not None and not (isinstance(v, float) and math.isnan(v))]
        m = len(vals)
        if m < 2:
            continue
        for i, x in enumerate(vals):
            for j, y in enumerate(vals):
                if i != j:
                    coinc[(x, y)] += 1 / (m - 1)
    n = sum(coinc.values())
    if n <= 1:
        return math.nan
    marg: Counter = Counter()
    for (x, _), w in coinc.items():
        marg[x] += w
    observed = sum(w for (x, y), w in coinc.items() if x != y)
    expected = sum(marg[x] * marg[y] for x in marg for y in marg if x != y) / (n - 1)
    if expected == 0:
        return math.nan
    return 1 - observed / expected


def _expanded(entry, scheme) -> set:
    """``{(dimension, path)}`` of an answer, with every ancestor of each code."""
    out = set()
    fw = scheme.framework.id
    for c in entry.codes:
        dim = c.get("dimension") or fw
        if not scheme.has(dim, scheme.canonical(dim, c["code"])):
            continue
        node = scheme.value(dim, scheme.canonical(dim, c["code"]))
        while node is not None:
            out.add((dim, node.path))
            node = node.parent
    return out


def _stats(pairs, matrix):
    both = sum(1 for a, b in pairs if a and b)
    first = sum(1 for a, b in pairs if a and not b)
    second = sum(1 for a, b in pairs if b and not a)
    neither = len(pairs) - both - first - second
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    pct = 100 * (both + neither) / len(pairs) if pairs else math.nan
    return {"both": both, "first_only": first, "second_only": second, "neither": neither,
            "percent_agreement": round(pct, 1) if pairs else math.nan,
            "cohen_kappa": _round(cohen_kappa(a, b)), "krippendorff_alpha": _round(krippendorff_alpha(matrix))}


def _round(x):
    return x if math.isnan(x) else round(x, 3)


def coding_agreement(states: dict, scheme) -> pd.DataFrame:
    """Agreement table (see the module docs) from :func:`synthesis.coding.project.study_states`.

    Returns a DataFrame with :data:`AGREEMENT_COLUMNS`: one row per level (``scope = "level"``), then one per
    scheme value that either coder used (``scope = "code"``). Empty when no study has two coders.
    """
    studies = []  # (study, [set per coder], coder names)
    for sid, st in states.items():
        if len(st.answers) >= 2:
            coders = sorted(st.answers)
            studies.append((sid, [_expanded(st.answers[c], scheme) for c in coders], coders))
    if not studies:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    max_coders = max(len(s[1]) for s in studies)
    rows = []
    values = [(d.id, n) for d in scheme.dimensions.values() for n in d.walk()]
    used = set().union(*(x for s in studies for x in s[1]))
    coders_text = "; ".join(sorted({c for s in studies for c in s[2]}))

    def question(dim, path):
        pairs = [((dim, path) in sets[0], (dim, path) in sets[1]) for _, sets, _ in studies]
        matrix = [[(int((dim, path) in sets[k]) if k < len(sets) else None) for _, sets, _ in studies]
                  for k in range(max_coders)]
        return pairs, matrix

    per_value = {(d, n.path): question(d, n.path) for d, n in values}
    for dim in scheme.dimensions.values():
        for level in dim.levels:
            keys = [(d, n) for d, n in values if d == dim.id and n.level == level]
            if not keys or not any((d, n.path) in used for d, n in keys):
                continue
            keys = [(d, n.path) for d, n in keys]
            pairs = [p for k in keys for p in per_value[k][0]]
            matrix = [sum((per_value[k][1][c] for k in keys), []) for c in range(max_coders)]
            rows.append({"scope": "level", "dimension": dim.id, "level": level, "code": "", "label": "",
                         "studies": len(studies), **_stats(pairs, matrix), "coders": coders_text})
    for d, n in values:
        if (d, n.path) not in used:
            continue
        pairs, matrix = per_value[(d, n.path)]
        rows.append({"scope": "code", "dimension": d, "level": n.level, "code": n.path, "label": n.display_label,
                     "studies": len(studies), **_stats(pairs, matrix), "coders": coders_text})
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
