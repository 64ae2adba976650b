"""synthesis: a Jupyter workbench for systematic reviews and living evidence maps.

The pipeline is the package: :mod:`synthesis.io` (import and export), :mod:`synthesis.dedup`
(duplicate groups), :mod:`synthesis.screening` (decision logs, agreement, prioritised order),
:mod:`synthesis.prisma` (counts, checks, flow diagrams), :mod:`synthesis.coding` and
:mod:`synthesis.maps` (study codes, Table 2, gap maps, networks), :mod:`synthesis.build` (the whole
project in one command). The names below read well in a notebook cell::

    import synthesis as syn
    result = syn.read_files(["data/searches/2026-11/scopus.ris"])
    result.records.head()

Names are loaded on first use, so ``import synthesis`` stays fast.
"""
from ._lazy import lazy_exports

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS = {
    # 1. import and export
    "read_file": "synthesis.io",
    "read_files": "synthesis.io",
    "load_file": "synthesis.io",
    "detect_format": "synthesis.io",
    "ImportFailure": "synthesis.io",
    "register_column_map": "synthesis.io.columns",
    "write_ris": "synthesis.io.export",
    "write_bibtex": "synthesis.io.export",
    "write_csv": "synthesis.io.export",
    "read_csv": "synthesis.io.export",
    "infer_database": "synthesis.io.databases",
    "make_record_table": "synthesis.records",
    "RECORD_COLUMNS": "synthesis.records",
    # 2. deduplicate
    "deduplicate": "synthesis.dedup",
    "DedupResult": "synthesis.dedup",
    "MergePolicy": "synthesis.dedup",
    "DecisionRules": "synthesis.dedup",
    "append_verdict": "synthesis.dedup",
    "read_verdicts": "synthesis.dedup",
    "source_overlap": "synthesis.dedup.overlap",
    "overlap_figure": "synthesis.dedup.overlap",
    "BlockingOptions": "synthesis.dedup",
    "MaybeReviewer": "synthesis.dedup.widget",
    # 3. screen
    "DecisionLog": "synthesis.screening",
    "ReviewSettings": "synthesis.screening",
    "read_logs": "synthesis.screening",
    "current_decisions": "synthesis.screening",
    "ScreeningError": "synthesis.screening",
    "ReviewerError": "synthesis.screening",
    "ScreeningWarning": "synthesis.screening",
    "screening_status": "synthesis.screening",
    "conflict_list": "synthesis.screening",
    "agreement": "synthesis.screening",
    "cohen_kappa": "synthesis.screening",
    "prisma_counts": "synthesis.screening",
    "make_unit_table": "synthesis.screening",
    "read_unit_table": "synthesis.screening",
    "ScreeningWidget": "synthesis.screening.widget",
    "Prioritiser": "synthesis.screening.prioritise",
    "StoppingAid": "synthesis.screening.prioritise",
    "replay_screening": ("synthesis.screening.prioritise", "replay"),
    "recall_at": "synthesis.screening.prioritise",
    "wss_at": "synthesis.screening.prioritise",
    "import_rayyan": "synthesis.screening.exchange",
    "export_rayyan": "synthesis.screening.exchange",
    "import_covidence": "synthesis.screening.exchange",
    "export_covidence": "synthesis.screening.exchange",
    # 3b. full text
    "match_pdfs": "synthesis.fulltext",
    "FulltextEvidence": "synthesis.fulltext",
    "FullTextWidget": "synthesis.fulltext.widget",
    "retrieval_status": "synthesis.fulltext",
    "mark_not_retrieved": "synthesis.fulltext",
    "write_retrieval_ris": "synthesis.fulltext",
    # 4. count and draw PRISMA
    "PrismaCounts": "synthesis.prisma",
    "from_pipeline": "synthesis.prisma",
    "read_counts": "synthesis.prisma",
    "write_counts": "synthesis.prisma",
    "read_rounds": "synthesis.prisma",
    "PrismaInputError": "synthesis.prisma",
    "sum_counts": "synthesis.prisma",
    "previous_from": "synthesis.prisma",
    "PrismaStyle": ("synthesis.prisma", "Style"),
    "write_prisma_outputs": ("synthesis.prisma", "write_outputs"),
    "check_prisma": ("synthesis.prisma", "check"),
    "draw_prisma": ("synthesis.prisma", "draw"),
    # 5. code and map
    "load_scheme": "synthesis.coding",
    "load_studies": "synthesis.coding",
    "load_study_codes": "synthesis.coding",
    "validate_coding": "synthesis.coding",
    "write_table2": "synthesis.coding",
    "table2_markdown": "synthesis.coding",
    "table2_frame": "synthesis.coding",
    "parse_scheme": "synthesis.coding",
    "make_coding": "synthesis.coding",
    "write_study_codes": "synthesis.coding",
    "CodingError": "synthesis.coding",
    "SchemeError": "synthesis.coding",
    "evidence_matrix": "synthesis.maps.data",
    "map_dimensions": "synthesis.maps.data",
    "draw_study_counts": "synthesis.maps.charts",
    "write_graph": "synthesis.maps.network",
    "draw_gap_map": "synthesis.maps.gapmap",
    "draw_heatmap": "synthesis.maps.gapmap",
    "construct_network": "synthesis.maps.network",
    "study_construct_graph": "synthesis.maps.network",
    "draw_network": "synthesis.maps.network",
    "write_html_map": "synthesis.maps.html",
    "build_maps": "synthesis.maps.build",
    # the project and its build
    "Project": "synthesis.project",
    "build": "synthesis.build",
    "BuildError": "synthesis.build",
}


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)


__all__ = sorted(_EXPORTS)
