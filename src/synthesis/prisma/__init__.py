"""PRISMA flow diagrams from what actually happened: counts, checks, layouts, drawing.

* :class:`PrismaCounts` - every box of the PRISMA 2020 (and 2009) diagrams, with the PRISMA2020 R
  package's field names; :func:`from_pipeline` builds it from the import, deduplication and screening
  numbers, :func:`read_counts` reads our JSON/CSV or the R template (:func:`read_rounds` for a living
  review's rounds).
* :func:`check` - every sum between the boxes, with messages naming the boxes and numbers.
* :func:`draw` - the diagram (SVG with text as text, PDF, PNG), in one of :data:`TEMPLATES`.
* :func:`read_search_log` / :func:`add_search` - the search log ``evidence/searches.toml``;
  :func:`reconcile` sets it against the exports; :func:`prisma_s_items` / :func:`write_prisma_s` the
  PRISMA-S report.

Examples
--------
>>> counts = from_pipeline({"MEDLINE": 200, "Embase": 163}, duplicates=200,
...     screening={"records_screened": 163, "records_excluded": 120, "dbr_sought_reports": 43,
...                "dbr_notretrieved_reports": 3, "dbr_assessed": 40,
...                "dbr_excluded": [("Wrong population", 25)], "new_studies": 12, "new_reports": 15})
>>> check(counts).ok
True
>>> diagram = draw(counts)            # doctest: +SKIP
>>> diagram.save("prisma_flow.svg")   # doctest: +SKIP
"""
from .._lazy import lazy_exports

#: Public name -> the module that defines it (imported on first use: matplotlib loads only to draw).
_EXPORTS = {
    **dict.fromkeys(["CheckReport", "Finding", "check", "require_consistent"], ".checks"),
    **dict.fromkeys(["LIST_FIELDS", "NUMBER_FIELDS", "PrismaCounts", "PrismaInputError", "PrismaWarning",
                     "from_pipeline", "identified_per_database", "previous_from", "sum_counts"], ".counts"),
    **dict.fromkeys(["Diagram", "Style", "draw"], ".draw"),
    **dict.fromkeys(["read_counts", "write_counts", "write_csv", "write_json"], ".files"),
    **dict.fromkeys(["DEFAULT_LABELS", "TEMPLATES", "infer_template"], ".layouts"),
    **dict.fromkeys(["write_outputs", "write_seed_figure"], ".outputs"),
    "PRISMA_S_ITEMS": (".prisma_s", "ITEMS"),
    **dict.fromkeys(["prisma_s_items", "write_prisma_s"], ".prisma_s"),
    **dict.fromkeys(["read_rounds", "read_rtemplate", "rtemplate_problems", "write_rtemplate"], ".rtemplate"),
    **dict.fromkeys(["Search", "SearchLog", "SearchLogError", "add_search", "read_search_log", "reconcile"],
                    ".searchlog"),
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "PrismaCounts", "PrismaInputError", "PrismaWarning", "NUMBER_FIELDS", "LIST_FIELDS", "from_pipeline",
    "previous_from", "sum_counts",
    "identified_per_database", "read_counts", "write_counts", "write_csv", "write_json", "check",
    "require_consistent", "CheckReport", "Finding", "draw", "Diagram", "Style", "TEMPLATES", "DEFAULT_LABELS",
    "infer_template", "read_rtemplate", "read_rounds", "write_rtemplate", "rtemplate_problems",
    "write_outputs", "write_seed_figure", "Search", "SearchLog", "SearchLogError", "read_search_log", "add_search",
    "reconcile", "PRISMA_S_ITEMS", "prisma_s_items", "write_prisma_s",
]
