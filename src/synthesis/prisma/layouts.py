"""The five flow-diagram layouts as data: which boxes, what each says, where it sits, what joins them.

PRISMA 2020 (Page et al., BMJ 2021;372:n71) has four templates: a new or an updated review, each with
databases and registers only or also with other methods (websites, organisations, citation searching).
PRISMA 2009 (Moher et al.) is kept so published diagrams in that form can be redrawn as they were.

A layout is a grid: named columns (left to right) and rows (top to bottom). Each :class:`BoxSpec` sits in
one row and one or more columns and lists its lines; each line is a title, a count (label + field) or a
list of ``(name, n)`` pairs. :mod:`synthesis.prisma.draw` measures the text and turns this into
coordinates.

Examples
--------
>>> [b.id for b in TEMPLATES["new_dbr"].boxes][:3]
['header_dbr', 'identified', 'removed']
>>> infer_template(PrismaCounts(previous_studies=3, citations_results=4))
'updated_dbr_other'
"""
from __future__ import annotations

from dataclasses import dataclass

from .counts import TEMPLATE_NAMES, PrismaCounts, PrismaInputError, suggest, waiting_phrase


@dataclass(frozen=True)
class Line:
    """One line of a box: ``kind`` is "title" (text only), "count" (text + n) or "list" (pairs)."""

    key: str  # label key (a field name for counts; see DEFAULT_LABELS)
    kind: str = "count"
    field: str | None = None  # the count or list field shown
    optional: bool = False  # omitted when its field is not given
    indent: bool = False  # a sub-line (e.g. one source of a total)


@dataclass(frozen=True)
class BoxSpec:
    """A box of a layout: where it sits and what it says."""

    id: str
    row: str
    cols: tuple[str, ...]
    lines: tuple[Line, ...]
    kind: str = "flow"  # "flow" (white), "header" (coloured title), "phase" (vertical stage label)
    header: str = ""  # for headers: which colour ("previous", "dbr", "other")
    rows: tuple[str, ...] = ()  # for phase labels: the rows they span
    optional_box: bool = False  # drawn only when one of its fields is above 0
    align: str = "left"


@dataclass(frozen=True)
class Arrow:
    """An arrow from box ``src`` to box ``dst``.

    ``kind``: "down" (bottom centre to top centre, same column), "right" (right edge to left edge, same
    row), "merge" (down, across, down into the top of ``dst``), "down_left" / "down_right" (down from
    ``src``, then across into the side of ``dst``).
    """

    src: str
    dst: str
    kind: str = "down"


@dataclass(frozen=True)
class Layout:
    """One template: its columns (name, relative width), rows, boxes and arrows."""

    name: str
    title: str
    columns: tuple[tuple[str, float], ...]
    rows: tuple[str, ...]
    boxes: tuple[BoxSpec, ...]
    arrows: tuple[Arrow, ...]
    required: tuple[str, ...]
    landscape: bool = False
    #: ``(box, field)``: a box whose number the layout does not draw, and the drawn field that number moves. On a
    #: draft, a box not final is marked there (PRISMA 2009 has no duplicates box: pairs awaiting a verdict change
    #: its "records after duplicates removed").
    pending_in: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:  # short: the full geometry is data, not something to read in a notebook
        return f"<Layout {self.name!r}: {self.title}; {len(self.boxes)} boxes>"

    def box(self, box_id: str) -> BoxSpec:
        for b in self.boxes:
            if b.id == box_id:
                return b
        raise KeyError(box_id)


#: Default wording, by label key. Override any of them with ``labels={key: text}``.
DEFAULT_LABELS = {
    "header_previous": "Previous studies",
    "header_dbr": "Identification of new studies via databases and registers",
    "header_other": "Identification of new studies via other methods",
    "phase_identification": "Identification",
    "phase_screening": "Screening",
    "phase_eligibility": "Eligibility",
    "phase_included": "Included",
    "previous_studies": "Studies included in previous version of review",
    "previous_reports": "Reports of studies included in previous version of review",
    "identified_title": "Records identified from:",
    "database_results": "Databases",
    "register_results": "Registers",
    "removed_title": "Records removed before screening:",
    "duplicates": "Duplicate records removed",
    "excluded_automatic": "Records marked as ineligible by automation tools",
    "excluded_other": "Records removed for other reasons",
    "records_screened": "Records screened",
    "records_excluded": "Records excluded",
    "dbr_sought_reports": "Reports sought for retrieval",
    "dbr_notretrieved_reports": "Reports not retrieved",
    "dbr_assessed": "Reports assessed for eligibility",
    "dbr_excluded": "Reports excluded",
    "other_identified_title": "Records identified from:",
    "website_results": "Websites",
    "organisation_results": "Organisations",
    "citations_results": "Citation searching",
    "other_results": "Other sources",
    "other_sought_reports": "Reports sought for retrieval",
    "other_notretrieved_reports": "Reports not retrieved",
    "other_assessed": "Reports assessed for eligibility",
    "other_excluded": "Reports excluded",
    "new_studies": "New studies included in review",
    "new_reports": "Reports of new included studies",
    "total_studies": "Total studies included in review",
    "total_reports": "Reports of total included studies",
    "total_studies_ma": "Studies included in meta-analysis",
    "total_reports_ma": "Reports of studies included in meta-analysis",
    "flag_title": "NOT A VALID PRISMA DIAGRAM: some numbers do not agree (see the notes below)",
    # counts that add up but still wait for decisions (``PrismaCounts.pending``); {waiting} says which
    "draft_title": "DRAFT, NOT FINAL: {waiting} (see the notes below)",
}

#: Wording that differs in the new-review templates (PRISMA 2020's "new SRs" forms: no "new" studies in the
#: headers either, as there is no earlier version of the review).
NEW_REVIEW_LABELS = {
    "header_dbr": "Identification of studies via databases and registers",
    "header_other": "Identification of studies via other methods",
    "new_studies": "Studies included in review",
    "new_reports": "Reports of included studies",
}

#: PRISMA 2009 wording.
PRISMA2009_LABELS = {
    "database_results": "Records identified through database searching",
    "other_results": "Additional records identified through other sources",
    "records_after_duplicates": "Records after duplicates removed",
    "records_screened": "Records screened",
    "records_excluded": "Records excluded",
    "dbr_assessed": "Full-text articles assessed for eligibility",
    "dbr_excluded": "Full-text articles excluded, with reasons",
    "new_studies": "Studies included in qualitative synthesis",
    "total_studies_ma": "Studies included in quantitative synthesis (meta-analysis)",
}

PHASES_2020 = (
    BoxSpec("phase_identification", "", ("phase",), (Line("phase_identification", "title"),),
            kind="phase", rows=("ident",), align="center"),
    BoxSpec("phase_screening", "", ("phase",), (Line("phase_screening", "title"),),
            kind="phase", rows=("screened", "sought", "assessed"), align="center"),
)

DBR_BOXES = (
    BoxSpec("header_dbr", "header", ("dbr", "dbr_side"), (Line("header_dbr", "title"),),
            kind="header", header="dbr", align="center"),
    BoxSpec("identified", "ident", ("dbr",), (
        Line("identified_title", "title"),
        Line("database_results", "count", "database_results", optional=True),
        Line("database_specific_results", "list", "database_specific_results", optional=True),
        Line("register_results", "count", "register_results", optional=True),
        Line("register_specific_results", "list", "register_specific_results", optional=True),
    )),
    BoxSpec("removed", "ident", ("dbr_side",), (
        Line("removed_title", "title"),
        Line("duplicates", "count", "duplicates"),
        Line("excluded_automatic", "count", "excluded_automatic", optional=True),
        Line("excluded_other", "count", "excluded_other", optional=True),
    )),
    BoxSpec("screened", "screened", ("dbr",), (Line("records_screened", "count", "records_screened"),)),
    BoxSpec("records_excluded", "screened", ("dbr_side",), (
        Line("records_excluded", "count", "records_excluded"),
        Line("records_excluded_reasons", "list", "records_excluded_reasons", optional=True),
    )),
    BoxSpec("sought", "sought", ("dbr",), (Line("dbr_sought_reports", "count", "dbr_sought_reports"),)),
    BoxSpec("notretrieved", "sought", ("dbr_side",),
            (Line("dbr_notretrieved_reports", "count", "dbr_notretrieved_reports"),)),
    BoxSpec("assessed", "assessed", ("dbr",), (Line("dbr_assessed", "count", "dbr_assessed"),)),
    BoxSpec("reports_excluded", "assessed", ("dbr_side",), (
        Line("dbr_excluded", "count", "dbr_excluded"),
        Line("dbr_excluded_reasons", "list", "dbr_excluded_reasons", optional=True),
    )),
    BoxSpec("included", "included", ("dbr",), (
        Line("new_studies", "count", "new_studies"),
        Line("new_reports", "count", "new_reports", optional=True),
    )),
)

DBR_ARROWS = (
    Arrow("identified", "removed", "right"),
    Arrow("identified", "screened", "down"),
    Arrow("screened", "records_excluded", "right"),
    Arrow("screened", "sought", "down"),
    Arrow("sought", "notretrieved", "right"),
    Arrow("sought", "assessed", "down"),
    Arrow("assessed", "reports_excluded", "right"),
    Arrow("assessed", "included", "down"),
)

OTHER_BOXES = (
    BoxSpec("header_other", "header", ("other", "other_side"), (Line("header_other", "title"),),
            kind="header", header="other", align="center"),
    BoxSpec("other_identified", "ident", ("other",), (
        Line("other_identified_title", "title"),
        Line("website_results", "count", "website_results", optional=True),
        Line("organisation_results", "count", "organisation_results", optional=True),
        Line("citations_results", "count", "citations_results", optional=True),
        Line("other_results", "count", "other_results", optional=True),
    )),
    BoxSpec("other_sought", "sought", ("other",), (Line("other_sought_reports", "count", "other_sought_reports"),)),
    BoxSpec("other_notretrieved", "sought", ("other_side",),
            (Line("other_notretrieved_reports", "count", "other_notretrieved_reports"),)),
    BoxSpec("other_assessed", "assessed", ("other",), (Line("other_assessed", "count", "other_assessed"),)),
    BoxSpec("other_reports_excluded", "assessed", ("other_side",), (
        Line("other_excluded", "count", "other_excluded"),
        Line("other_excluded_reasons", "list", "other_excluded_reasons", optional=True),
    )),
)

OTHER_ARROWS = (
    Arrow("other_identified", "other_sought", "down"),
    Arrow("other_sought", "other_notretrieved", "right"),
    Arrow("other_sought", "other_assessed", "down"),
    Arrow("other_assessed", "other_reports_excluded", "right"),
    Arrow("other_assessed", "included", "down_left"),
)

PREVIOUS_BOXES = (
    BoxSpec("header_previous", "header", ("previous",), (Line("header_previous", "title"),),
            kind="header", header="previous", align="center"),
    BoxSpec("previous", "ident", ("previous",), (
        Line("previous_studies", "count", "previous_studies"),
        Line("previous_reports", "count", "previous_reports", optional=True),
    )),
    BoxSpec("total", "total", ("dbr",), (
        Line("total_studies", "count", "total_studies"),
        Line("total_reports", "count", "total_reports", optional=True),
    )),
)

PREVIOUS_ARROWS = (
    Arrow("previous", "total", "down_right"),
    Arrow("included", "total", "down"),
)


def _meta_box(after: str) -> tuple[BoxSpec, Arrow]:
    box = BoxSpec("meta_analysis", "meta", ("dbr",), (
        Line("total_studies_ma", "count", "total_studies_ma"),
        Line("total_reports_ma", "count", "total_reports_ma", optional=True),
    ), optional_box=True)
    return box, Arrow(after, "meta_analysis", "down")


REQUIRED_DBR = ("identified_dbr", "duplicates", "records_screened", "records_excluded", "dbr_sought_reports",
                "dbr_notretrieved_reports", "dbr_assessed", "dbr_excluded", "new_studies")
REQUIRED_OTHER = ("identified_other", "other_sought_reports", "other_notretrieved_reports", "other_assessed",
                  "other_excluded")
REQUIRED_PREVIOUS = ("previous_studies", "total_studies")


def _build_2020(name: str, updated: bool, other: bool) -> Layout:
    columns: list[tuple[str, float]] = [("phase", 0.0)]
    boxes: list[BoxSpec] = []
    arrows: list[Arrow] = []
    rows = ["header", "ident", "screened", "sought", "assessed", "included"]
    included_rows = ["included"]  # + "total" for updates, + "meta" (below them) when drawn
    if updated:
        columns.append(("previous", 1.0))
        boxes += PREVIOUS_BOXES
        arrows += PREVIOUS_ARROWS
        rows.append("total")
        included_rows.append("total")
    columns += [("dbr", 1.15), ("dbr_side", 1.15)]
    boxes += DBR_BOXES
    arrows += DBR_ARROWS
    if other:
        columns += [("other", 1.0), ("other_side", 1.0)]
        boxes += OTHER_BOXES
        arrows += OTHER_ARROWS
    included_rows.append("meta")
    meta, meta_arrow = _meta_box("total" if updated else "included")
    boxes.append(meta)
    arrows.append(meta_arrow)
    rows.append("meta")
    boxes += PHASES_2020
    boxes.append(BoxSpec("phase_included", "", ("phase",), (Line("phase_included", "title"),), kind="phase",
                         rows=tuple(included_rows), align="center"))
    required = REQUIRED_DBR + (REQUIRED_OTHER if other else ()) + (REQUIRED_PREVIOUS if updated else ())
    title = ("PRISMA 2020 flow diagram for " + ("updated" if updated else "new") + " systematic reviews which "
             "included searches of databases" + (", registers and other sources" if other else " and registers only"))
    return Layout(name, title, tuple(columns), tuple(rows), tuple(boxes), tuple(arrows), required,
                  landscape=updated and other)


def _build_2009() -> Layout:
    boxes = (
        BoxSpec("phase_identification", "", ("phase",), (Line("phase_identification", "title"),), kind="phase",
                rows=("ident", "after_duplicates"), align="center"),
        BoxSpec("phase_screening", "", ("phase",), (Line("phase_screening", "title"),), kind="phase",
                rows=("screened",), align="center"),
        BoxSpec("phase_eligibility", "", ("phase",), (Line("phase_eligibility", "title"),), kind="phase",
                rows=("assessed",), align="center"),
        BoxSpec("phase_included", "", ("phase",), (Line("phase_included", "title"),), kind="phase",
                rows=("included", "meta"), align="center"),
        BoxSpec("identified", "ident", ("main",), (
            Line("database_results", "count", "identified_dbr"),
            Line("database_specific_results", "list", "database_specific_results", optional=True),
            Line("register_results", "count", "register_results", optional=True, indent=True),
            Line("register_specific_results", "list", "register_specific_results", optional=True),
        )),
        BoxSpec("other_identified", "ident", ("side",), (
            Line("other_results", "count", "identified_other"),
            Line("website_results", "count", "website_results", optional=True, indent=True),
            Line("organisation_results", "count", "organisation_results", optional=True, indent=True),
            Line("citations_results", "count", "citations_results", optional=True, indent=True),
        )),
        BoxSpec("after_duplicates", "after_duplicates", ("main",), (
            Line("records_after_duplicates", "count", "records_after_duplicates"),
        )),
        BoxSpec("screened", "screened", ("main",), (Line("records_screened", "count", "records_screened"),)),
        BoxSpec("records_excluded", "screened", ("side",), (
            Line("records_excluded", "count", "records_excluded"),
            Line("records_excluded_reasons", "list", "records_excluded_reasons", optional=True),
        )),
        BoxSpec("assessed", "assessed", ("main",), (Line("dbr_assessed", "count", "dbr_assessed"),)),
        BoxSpec("reports_excluded", "assessed", ("side",), (
            Line("dbr_excluded", "count", "dbr_excluded"),
            Line("dbr_excluded_reasons", "list", "dbr_excluded_reasons", optional=True),
        )),
        BoxSpec("included", "included", ("main",), (Line("new_studies", "count", "new_studies"),)),
        BoxSpec("meta_analysis", "meta", ("main",), (Line("total_studies_ma", "count", "total_studies_ma"),),
                optional_box=True),
    )
    arrows = (
        Arrow("identified", "after_duplicates", "merge"),
        Arrow("other_identified", "after_duplicates", "merge"),
        Arrow("after_duplicates", "screened", "down"),
        Arrow("screened", "records_excluded", "right"),
        Arrow("screened", "assessed", "down"),
        Arrow("assessed", "reports_excluded", "right"),
        Arrow("assessed", "included", "down"),
        Arrow("included", "meta_analysis", "down"),
    )
    return Layout("prisma2009", "PRISMA 2009 flow diagram",
                  (("phase", 0.0), ("main", 1.0), ("side", 1.0)),
                  ("ident", "after_duplicates", "screened", "assessed", "included", "meta"),
                  boxes, arrows,
                  required=("database_results", "identified_other", "records_after_duplicates", "records_screened",
                            "records_excluded", "dbr_assessed", "dbr_excluded", "new_studies"),
                  # what PRISMA 2020 counts in boxes of their own, 2009 counts in these
                  pending_in=(("duplicates", "records_after_duplicates"),
                              ("excluded_automatic", "records_after_duplicates"),
                              ("excluded_other", "records_after_duplicates"),
                              ("other_sought_reports", "records_screened"),
                              ("dbr_sought_reports", "dbr_assessed"), ("dbr_notretrieved_reports", "dbr_assessed"),
                              ("other_notretrieved_reports", "dbr_assessed"), ("other_assessed", "dbr_assessed"),
                              ("other_excluded", "dbr_excluded")))


#: The five layouts by name.
TEMPLATES: dict[str, Layout] = {
    "new_dbr": _build_2020("new_dbr", updated=False, other=False),
    "new_dbr_other": _build_2020("new_dbr_other", updated=False, other=True),
    "updated_dbr": _build_2020("updated_dbr", updated=True, other=False),
    "updated_dbr_other": _build_2020("updated_dbr_other", updated=True, other=True),
    "prisma2009": _build_2009(),
}
assert tuple(TEMPLATES) == TEMPLATE_NAMES, "counts.TEMPLATE_NAMES must name the layouts drawn here"

#: Shorter names accepted on the command line.
ALIASES = {"2009": "prisma2009", "new": "new_dbr", "new_other": "new_dbr_other", "updated": "updated_dbr",
           "updated_other": "updated_dbr_other"}


def resolve_template(name: str | None, counts: PrismaCounts | None = None) -> str:
    """The template's full name from a name or alias; inferred from ``counts`` when ``name`` is None."""
    if name is None:
        if counts is None:
            raise ValueError("give a template name or the counts to infer it from")
        return counts.template or infer_template(counts)
    full = ALIASES.get(name, name)
    if full not in TEMPLATES:
        raise PrismaInputError(f"unknown template {name!r}; one of {', '.join(TEMPLATES)} "
                               f"(or {', '.join(ALIASES)})")
    return full


def infer_template(counts: PrismaCounts) -> str:
    """The template the counts fit: 2009 when they have 'records after duplicates removed', else
    updated when previous studies are given, with other methods when any of their boxes is."""
    if counts.records_after_duplicates is not None:
        return "prisma2009"
    base = "updated_dbr" if counts.is_update else "new_dbr"
    return base + ("_other" if counts.has_other_methods else "")


def labels_for(template: str, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The wording of a template's boxes, with ``overrides`` (by label key) applied."""
    labels = dict(DEFAULT_LABELS)
    if template.startswith("new_"):
        labels.update(NEW_REVIEW_LABELS)
    if template == "prisma2009":
        labels.update(PRISMA2009_LABELS)
    if overrides:
        known = set(DEFAULT_LABELS) | set(PRISMA2009_LABELS) | {
            line.key for layout in TEMPLATES.values() for box in layout.boxes for line in box.lines}
        unknown = [k for k in overrides if k not in known]
        if unknown:
            raise PrismaInputError(f"labels: unknown box or field {unknown[0]!r}{suggest(unknown[0], known)}; "
                                   f"the keys are those of DEFAULT_LABELS")
        labels.update(overrides)
    return labels


def draft_banner(labels: dict[str, str], waiting: dict[str, int]) -> str:
    """A draft's banner: ``labels["draft_title"]`` saying what waits at each box not final (``{box: n}``).

    >>> draft_banner(labels_for("new_dbr"), {"duplicates": 3})
    'DRAFT, NOT FINAL: 3 pairs of records await a duplicate verdict (see the notes below)'
    """
    return labels["draft_title"].replace("{waiting}", "; ".join(waiting_phrase(box, n) for box, n in waiting.items()))


def missing_boxes(counts: PrismaCounts, template: str) -> list[str]:
    """Fields the template needs that ``counts`` lacks (box totals made from their parts count)."""
    c = counts.completed()
    layout = TEMPLATES[resolve_template(template)]
    missing = []
    for name in layout.required:
        if name == "identified_dbr":
            if c.identified_dbr is None:
                missing.append("database_results")
        elif name == "identified_other":
            if c.identified_other is None:
                missing.append("other_results" if template == "prisma2009" else "citations_results")
        elif name == "records_after_duplicates":
            if c.records_after_duplicates is None and c.duplicates is None:
                missing.append("records_after_duplicates")
        elif getattr(c, name) is None:
            missing.append(name)
    return missing


__all__ = ["TEMPLATES", "ALIASES", "Layout", "BoxSpec", "Line", "Arrow", "DEFAULT_LABELS", "infer_template",
           "resolve_template", "labels_for", "missing_boxes", "draft_banner"]
