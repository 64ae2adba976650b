"""Bar charts of the included studies: per stage, per construct, per value of the scheme's other dimensions, and
by country, year and evidence type.

A study counts once per bar (a study coded under two constructs of one stage counts once for that stage).

Examples
--------
>>> fig = draw_study_counts(coding, by="construct", path="output/maps/studies_by_construct")   # doctest: +SKIP
"""
from __future__ import annotations

from synthesis.coding.studies import Coding
from synthesis.maps.data import FIELD_DIMENSIONS, NOT_CODED, MapError, code_facts, map_dimensions, waiting_to_code
from synthesis.display import subplots
from synthesis.maps.figure import FORMATS, NOT_CODED_COLOUR, STAGE_COLOURS, plt, save_figure, wrap
from synthesis.wording import listed

__all__ = ["study_counts", "draw_study_counts", "draw_all_charts", "chart_dimensions", "coded_dimensions",
           "count_dimension"]


def chart_dimensions(coding: Coding) -> list:
    """The dimensions the build draws a bar chart of: the framework's first two levels (stages and constructs;
    the levels below them have too many values for one chart), the scheme's other dimensions (stakeholder
    groups), then country, year and evidence type. Charts of fields nobody coded are skipped when drawn.

    Examples
    --------
    >>> import pandas as pd
    >>> from synthesis.coding.scheme import parse_scheme
    >>> from synthesis.coding.studies import make_coding
    >>> scheme = parse_scheme("dimension harm: Harms\\n  levels: domain > harm > kind\\n  domain money: Money\\n"
    ...                       "    harm debt: Debt\\ndimension group: Who\\n  value adults: Adults\\n")
    >>> chart_dimensions(make_coding(scheme, pd.DataFrame(columns=["study_id"]),
    ...                              pd.DataFrame(columns=["study_id", "code"])))
    ['domain', 'harm', 'group', 'country', 'year', 'evidence_type']
    """
    dims = map_dimensions(coding)
    levels = list(coding.scheme.framework.levels[:2])
    others = [d for d, v in dims.items() if v.kind == "scheme"]
    return [d for d in (*levels, *others, *FIELD_DIMENSIONS) if d in dims]


def coded_dimensions(coding: Coding) -> list:
    """The dimensions of :func:`map_dimensions` under which at least one study on the map is coded, in its order.

    Examples
    --------
    >>> import pandas as pd
    >>> from synthesis.coding.scheme import parse_scheme
    >>> from synthesis.coding.studies import make_coding
    >>> scheme = parse_scheme("dimension f: F\\n  levels: a > b\\n  a x: X\\n    b y: Y\\n")
    >>> coding = make_coding(scheme, pd.DataFrame({"study_id": ["1"], "year": [2021]}),
    ...                      pd.DataFrame({"study_id": ["1"], "code": ["x"]}))
    >>> coded_dimensions(coding)   # b: the studies coded to x as a whole
    ['a', 'b', 'year']
    """
    return [d for d in map_dimensions(coding) if _any_coded(study_counts(coding, d))]


def count_dimension(coding: Coding, prefer=("country", "year")) -> str:
    """The dimension notebook 3 counts studies by when the reviewer names none: the first of ``prefer`` that a
    study is coded for, else the first dimension one is (the framework's top level), else the first of all.

    The notebook counted by country, which no study of the worked example has (its seed review's Table 2 gives
    none): a new reader's first chart was a sentence saying nothing is coded.

    Examples
    --------
    >>> import pandas as pd
    >>> from synthesis.coding.scheme import parse_scheme
    >>> from synthesis.coding.studies import make_coding
    >>> scheme = parse_scheme("dimension f: F\\n  levels: a > b\\n  a x: X\\n    b y: Y\\n")
    >>> coding = make_coding(scheme, pd.DataFrame({"study_id": ["1"], "year": [2021]}),
    ...                      pd.DataFrame({"study_id": ["1"], "code": ["x"]}))
    >>> count_dimension(coding)
    'year'
    """
    coded = coded_dimensions(coding)
    return next((d for d in prefer if d in coded), coded[0] if coded else next(iter(map_dimensions(coding))))


def study_counts(coding: Coding, by: str):
    """Distinct included studies per value of dimension ``by``, in display order.

    Returns
    -------
    pandas.DataFrame
        Columns ``value``, ``group`` (the stage, for framework levels), ``studies``; studies without a value
        are counted in a last row ``Not coded`` (only when there are some).

    >>> study_counts(coding, "stage")["studies"].tolist()     # doctest: +SKIP
    [12, 14, 8, 11, 5]
    """
    import pandas as pd

    dims = map_dimensions(coding)
    if by not in dims:
        raise MapError(f"no dimension {by!r}; choose one of {', '.join(dims)}")
    dim = dims[by]
    facts = code_facts(coding, dims)
    index = {k: i for i, k in enumerate(dim.keys)}
    found = [set() for _ in dim.keys]
    missing = set()
    for s, sid in enumerate(facts.study_ids):
        vals = set(facts.values[s].get(by, []))
        for code in facts.codes[s]:
            vals.update(code.get(by, []))
        for v in vals:
            found[index[v]].add(sid)
        if not vals:
            missing.add(sid)
    groups = dim.groups or [""] * len(dim.keys)
    rows = [{"value": lbl, "group": g, "studies": len(ids)} for lbl, g, ids in zip(dim.labels, groups, found)]
    if missing:
        rows.append({"value": NOT_CODED, "group": "", "studies": len(missing)})
    return pd.DataFrame(rows, columns=["value", "group", "studies"])


def draw_study_counts(coding: Coding, by: str, path=None, formats=FORMATS, title: str | None = None):
    """Draw the number of included studies per value of ``by`` (horizontal bars; years as columns over time).

    Returns the figure (``fig.saved_paths`` lists the files). When no study has a value for ``by`` (a
    field or dimension nobody coded yet) the figure is no chart of one "Not coded" bar but a sentence saying so
    (``fig.nothing_coded`` is then true): in a notebook, a cell that showed nothing at all read as a failure.
    """
    counts = study_counts(coding, by)
    dims = map_dimensions(coding)
    label = dims[by].label
    if not _any_coded(counts):
        return _nothing_coded(counts, label, studies=len(coding.included), waiting=not_on_map(coding), path=path,
                              formats=formats, title=title, field=dims[by].kind == "field",
                              coded=[dims[d].label for d in coded_dimensions(coding)])
    return draw_count_table(counts, by, label=label, studies=len(coding.included),
                            top_level=coding.scheme.framework.levels[0], path=path, formats=formats, title=title,
                            waiting=not_on_map(coding))


def _any_coded(counts) -> bool:
    """Whether any study has a value in the count table (its ``Not coded`` row aside)."""
    return bool(counts.loc[counts["value"] != NOT_CODED, "studies"].any())


def _nothing_coded(counts, label: str, *, studies: int, waiting: int = 0, path=None, formats=FORMATS,
                   title: str | None = None, field: bool = False, coded=()):
    """A small figure saying that no study is coded for ``label`` yet, which values it waits for (or, for a field
    of the coding form, where they are entered) and which dimensions studies are coded for (``coded``)."""
    values = [v for v in counts["value"] if v != NOT_CODED]
    said = (f"No study on the map is coded for {label.lower()} yet: all {studies} are "
            f"\u201c{NOT_CODED}\u201d, so there is nothing to count.")
    if waiting:
        said += f"\n{waiting} more included record{'s wait' if waiting != 1 else ' waits'} to be coded or agreed."
    if values:
        said += f"\nIts values: {listed(values, 8)}."
    elif field:  # a form field's values are those coders enter: "It has no values yet" said nothing of where
        said += f"\nIts values are those entered in the coding form's field \u201c{label}\u201d for each study."
    else:
        said += "\nThe coding scheme lists no values for it."
    if coded:
        said += f"\nStudies are coded for: {listed([c.lower() for c in coded], 8)}."
    said = "\n".join(wrap(line, 90) for line in said.split("\n"))
    fig, ax = subplots(figsize=(7.0, 0.75 + 0.2 * said.count("\n")))
    ax.axis("off")
    ax.text(0, 1, said, fontsize=9, va="top", ha="left", transform=ax.transAxes)
    ax.set_title(title or f"Included studies by {label.lower()} (n = {studies})", fontsize=10, loc="left")
    fig.nothing_coded = True
    fig.saved_paths = save_figure(fig, path, formats) if path else []
    return fig


def not_on_map(coding) -> int:
    """Included records and studies not on the map yet (:func:`synthesis.maps.data.waiting_to_code`)."""
    return waiting_to_code(coding)


def draw_count_table(counts, by: str, *, label: str, studies: int, top_level: str, path=None, formats=FORMATS,
                     title: str | None = None, waiting: int = 0):
    """:func:`draw_study_counts` from its table (:func:`study_counts`) rather than the coding.

    ``label`` names the dimension, ``studies`` is the number of studies on the map, ``waiting`` the included
    records and studies not on it yet (:func:`not_on_map`) and ``top_level`` the scheme's first level (its
    bars take the stage colours). The build sends these to its figure worker instead of the whole coding.
    """
    if not _any_coded(counts):
        # no study has any value: a dimension of the scheme nobody coded drew a bar of 0 for each of its values
        # and one bar of every study "Not coded", which says nothing the table does not
        return None
    counts = counts.copy()
    title_given = title
    # while coding goes on (a living map's new round), n is what is coded, not every included study: say so
    title = title or (f"Included studies by {label.lower()} (n = {studies})" if not waiting else
                      f"Included studies by {label.lower()} (n = {studies} coded)\n"
                      f"{waiting} more waiting to be coded or agreed")
    total = int(counts["studies"].sum())
    if total > studies and title_given is None:
        # a study coded under several values counts under each: the bars of a wildfire review's regions added up
        # to 186 beside "n = 126", with nothing to say why
        title += f"\nA study coded under several counts under each: the bars add up to {total}"
    if not any(counts["group"]) and by == top_level:
        counts["group"] = counts["value"]  # the top level (stages): each bar in its own stage colour
    groups = list(dict.fromkeys(g for g in counts["group"] if g and g != NOT_CODED))
    colour = {g: STAGE_COLOURS[k % len(STAGE_COLOURS)] for k, g in enumerate(groups)}
    colours = [colour.get(g, "#0072B2") if v != NOT_CODED else NOT_CODED_COLOUR
               for v, g in zip(counts["value"], counts["group"])]
    if by == "year":
        fig, ax = subplots(figsize=(max(4.0, 0.32 * len(counts) + 1.5), 3.2))
        ax.bar(range(len(counts)), counts["studies"], color=colours)
        ax.set_xticks(range(len(counts)))
        rotate = len(counts) > 12
        # "Not coded" on two lines under its bar: on one it ran into the last year's label ("202Not coded")
        ax.set_xticklabels([v if rotate else v.replace(" ", "\n") for v in counts["value"]],
                           rotation=90 if rotate else 0, fontsize=8)
        ax.set_ylabel("studies")
    else:
        labels = [wrap(v, 48) for v in counts["value"]]
        # each bar as high as its label's lines: 0.3 inch held one line, and two-line labels ran into the next
        row = 0.3 + 0.135 * max(label.count("\n") for label in labels)
        top, bottom = 0.45, 0.55  # inches for the title above and the axis and its label below
        height = top + row * len(counts) + bottom
        fig, ax = subplots(figsize=(7.0, height))
        fig.subplots_adjust(top=1 - top / height, bottom=bottom / height)
        y = range(len(counts))
        ax.barh(y, counts["studies"], color=colours)
        ax.set_ylim(len(counts) - 0.5, -0.5)  # top to bottom, no margin: every row is the height given
        ax.set_yticks(list(y))
        ax.set_yticklabels(labels, fontsize=8)
        ax.set_xlabel("studies")
        for k, n in enumerate(counts["studies"]):
            ax.text(n, k, f" {n}", va="center", fontsize=7)
        if groups and by != top_level:
            handles = [plt.Rectangle((0, 0), 1, 1, color=colour[g]) for g in groups]
            # beside the bars, not over them: the longest bar reaches the right edge
            ax.legend(handles, groups, fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    (ax.yaxis if by == "year" else ax.xaxis).get_major_locator().set_params(integer=True)  # studies are whole
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=10, loc="left")
    fig.saved_paths = save_figure(fig, path, formats) if path else []
    return fig


def draw_all_charts(coding: Coding, outdir, formats=FORMATS, charts=None) -> dict:
    """Draw every chart of ``charts`` (default :func:`chart_dimensions`) into ``outdir`` as
    ``studies_by_<dimension>``; skip uncoded fields.

    Returns dimension -> list of paths (empty for a skipped chart).
    """
    from pathlib import Path

    out = {}
    dims = map_dimensions(coding)
    unknown = [by for by in charts or () if by not in dims]
    if unknown:  # a name asked for by hand: a typing error, not a chart without values
        raise MapError(f"no dimension {', '.join(map(repr, unknown))} to draw; the dimensions are "
                       f"{', '.join(dims)}")
    for by in (chart_dimensions(coding) if charts is None else charts):
        if by not in dims:
            out[by] = []
            continue
        if not _any_coded(study_counts(coding, by)):  # nobody coded it: no file (the build skips it too)
            out[by] = []
            continue
        fig = draw_study_counts(coding, by, path=Path(outdir) / f"studies_by_{by}", formats=formats)
        out[by] = fig.saved_paths
        plt.close(fig)
    return out
