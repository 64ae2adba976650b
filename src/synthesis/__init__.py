"""synthesis: a Jupyter workbench for systematic reviews and living evidence maps.

The pipeline is the package: :mod:`synthesis.io` (import and export), :mod:`synthesis.dedup`
(duplicate groups), :mod:`synthesis.screening` (decision logs, agreement, prioritised order),
:mod:`synthesis.prisma` (counts, checks, flow diagrams), :mod:`synthesis.coding` and
:mod:`synthesis.maps` (study codes, Table 2, gap maps, networks), :mod:`synthesis.build` (the whole
project in one command). The names below are the notebook API: verb-noun, in the reviewer's words, each
kind of thing returned as one type (a set of records read is always an ``ImportResult``)::

    import synthesis as syn
    project = syn.open_project("..")
    imported = syn.import_exports(project)          # the build's own step: every round's exports
    deduplicated = syn.deduplicate_records(imported.records, project)

The steps of ``synthesis build`` are public here too (``import_exports``, ``deduplicate_records``,
``screening_numbers``, ``prisma_counts_for``, ``build_maps``), so a notebook computes what the build does.
Names of earlier releases (``read_files``, ``units``...) still work for one release with a
``DeprecationWarning`` naming the new one (``_RENAMED`` below; the table is in the README).

Where each step of a review is, by the name a reviewer looks for (``help(syn.NAME)`` says more; the README's
section of the same name the whole of it)::

    start a review                  syn.new_project(folder, title, team=[...])  (synthesis new)
    add a reviewer                  syn.add_reviewer(project, "Your Name")
    import the exports              syn.read_exports(paths), syn.import_exports(project)
    decide duplicate pairs          syn.MaybeReviewer(result, records, verdicts_file, reviewer=...)
    screen                          syn.open_screening(units, "Your Name", stage="title_abstract")
    resolve conflicts               syn.open_screening(units, "Your Name", resolve=True)
    the stopping test               the screening widget's key s; its result: widget.stopping_test()
    exclusion reasons               syn.add_exclusion_reasons(project, "wrong population", ...)
    full text beside the record     syn.FullTextWidget.for_project(project, "Your Name")
    PRISMA flow diagram             syn.draw_prisma(counts), syn.check_prisma(counts)
    PRISMA-S, the search log        syn.add_search("evidence/searches.toml", ...), syn.read_search_log(...)
    citation searching              syn.backward_citation_search(project)
    code the included studies       syn.open_coding(project, "Your Name")
    gap map, heatmap, networks      syn.draw_gap_map(syn.read_project_coding(project).coding, columns=...)
    a new search round              syn.latest_round(project)
    the whole build                 syn.build_project(folder)  (synthesis build)

Names are loaded on first use, so ``import synthesis`` stays fast.
"""
from ._lazy import lazy_exports

__version__ = "0.1.0"

#: public name -> module that defines it, or (module, name there)
_EXPORTS = {
    # 0. the project and its build (each step is the function the build calls)
    "Project": "synthesis.project",
    "ProjectError": "synthesis.project",
    "SynthesisError": "synthesis.errors",  # the base of every error above and below: except syn.SynthesisError
    "open_project": "synthesis.project",
    "new_project": "synthesis.project",  # a review of your own: an empty project folder
    "ScreeningSettings": "synthesis.screening.settings",
    "build_project": ("synthesis.build.run", "build"),
    "BuildError": "synthesis.build.manifest",
    "import_exports": "synthesis.build.steps",
    "deduplicate_records": "synthesis.build.steps",
    "screening_numbers": "synthesis.build.steps",
    "prisma_counts_for": "synthesis.build.steps",
    "latest_round": "synthesis.rounds",  # what the latest search round brought, from the last build
    "RoundReport": "synthesis.rounds",
    "build_maps": "synthesis.build.steps",
    # 1. import and export
    "read_export": "synthesis.io",
    "read_exports": "synthesis.io",
    "ImportResult": "synthesis.io",
    "detect_format": "synthesis.io",
    "ImportFailure": "synthesis.io",
    "register_column_map": "synthesis.io.columns",
    "write_ris": "synthesis.io.export",
    "write_bibtex": "synthesis.io.export",
    "write_record_table": ("synthesis.io.export", "write_csv"),
    "read_record_table": ("synthesis.io.export", "read_csv"),
    "infer_database": "synthesis.io.databases",
    "make_record_table": "synthesis.records",
    "RECORD_COLUMNS": "synthesis.records",
    # 2. deduplicate
    "deduplicate": "synthesis.dedup.pipeline",
    "DedupResult": "synthesis.dedup.pipeline",
    "MergePolicy": "synthesis.dedup.merge",
    "DecisionRules": "synthesis.dedup.decide",
    "BlockingOptions": "synthesis.dedup.block",
    "append_duplicate_verdict": ("synthesis.dedup.verdicts", "append_verdict"),
    "read_duplicate_verdicts": ("synthesis.dedup.verdicts", "read_verdicts"),
    "source_overlap": "synthesis.dedup.overlap",
    "draw_source_overlap": ("synthesis.dedup.overlap", "overlap_figure"),
    "MaybeReviewer": "synthesis.dedup.widget",
    # 3. screen
    "add_reviewer": "synthesis.screening.settings",
    "team_member": "synthesis.screening.settings",  # the one check of REVIEWER (CODER) in notebooks 1, 2 and 3
    "add_exclusion_reasons": "synthesis.screening.settings",
    "load_screening_settings": "synthesis.screening.settings",
    "make_screening_table": ("synthesis.screening.units", "make_unit_table"),
    "read_screening_table": ("synthesis.screening.units", "read_unit_table"),
    "write_screening_table": ("synthesis.screening.units", "write_unit_table"),
    "open_screening": "synthesis.screening.widget",
    "ScreeningWidget": "synthesis.screening.widget",
    "DecisionLog": "synthesis.screening.log",
    "read_decision_logs": ("synthesis.screening.log", "read_logs"),
    "current_decisions": "synthesis.screening.log",
    "ScreeningError": "synthesis.screening.settings",
    "ReviewerError": "synthesis.screening.settings",
    "ScreeningWarning": "synthesis.screening.log",
    "screening_status": "synthesis.screening.status",
    "hidden_while_blind": "synthesis.screening.status",  # what a blind reviewer may not see yet, in one sentence
    "conflict_list": "synthesis.screening.agreement",
    "screening_agreement": ("synthesis.screening.agreement", "agreement"),
    "team_agreement": "synthesis.screening.agreement",
    "agreement_waits_for": "synthesis.screening.agreement",  # one sentence in place of an empty agreement table
    "cohen_kappa": "synthesis.screening.agreement",
    "screening_prisma_counts": ("synthesis.screening.counts", "prisma_counts"),
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
    "match_pdfs": "synthesis.fulltext.match",
    "FulltextEvidence": "synthesis.fulltext.store",
    "FullTextWidget": "synthesis.fulltext.widget",
    "retrieval_status": "synthesis.fulltext.retrieval",
    "mark_not_retrieved": "synthesis.fulltext.retrieval",
    "write_retrieval_ris": "synthesis.fulltext.retrieval",
    # 4. count and draw PRISMA, document the searches
    "PrismaCounts": "synthesis.prisma.counts",
    "PrismaInputError": "synthesis.prisma.counts",
    "PrismaWarning": "synthesis.prisma.counts",
    "prisma_counts_from_pipeline": ("synthesis.prisma.counts", "from_pipeline"),
    "sum_prisma_counts": ("synthesis.prisma.counts", "sum_counts"),
    "previous_studies_from": ("synthesis.prisma.counts", "previous_from"),
    "read_prisma_counts": ("synthesis.prisma.files", "read_counts"),
    "write_prisma_counts": ("synthesis.prisma.files", "write_counts"),
    "read_prisma_template": ("synthesis.prisma.rtemplate", "read_rtemplate"),
    "read_prisma_template_rounds": ("synthesis.prisma.rtemplate", "read_rounds"),
    "write_prisma_template": ("synthesis.prisma.rtemplate", "write_rtemplate"),
    "PRISMA_TEMPLATES": ("synthesis.prisma.layouts", "TEMPLATES"),
    "PrismaStyle": ("synthesis.prisma.draw", "Style"),
    "check_prisma": ("synthesis.prisma.checks", "check"),
    "draw_prisma": ("synthesis.prisma.draw", "draw"),
    "write_prisma_outputs": ("synthesis.prisma.outputs", "write_outputs"),
    "read_search_log": "synthesis.prisma.searchlog",
    "add_search": "synthesis.prisma.searchlog",
    "backward_citation_search": "synthesis.citations.search",
    # 5. code and map
    "read_project_coding": ("synthesis.coding.project", "project_coding"),
    "open_coding": "synthesis.coding.widget",
    "code_study": "synthesis.coding.project",
    "coding_agreement": "synthesis.coding.agreement",
    "read_coding_scheme": ("synthesis.coding", "load_scheme"),
    "parse_coding_scheme": ("synthesis.coding", "parse_scheme"),
    "read_studies": ("synthesis.coding", "load_studies"),
    "read_study_codes": ("synthesis.coding", "load_study_codes"),
    "validate_coding": "synthesis.coding",
    "make_coding": "synthesis.coding",
    "write_study_codes": "synthesis.coding",
    "write_table2": "synthesis.coding",
    "table2_markdown": "synthesis.coding",
    "table2_frame": "synthesis.coding",
    "CodingError": "synthesis.coding",
    "SchemeError": "synthesis.coding",
    "evidence_matrix": "synthesis.maps.data",
    "map_dimensions": "synthesis.maps.data",
    "draw_study_counts": "synthesis.maps.charts",
    "coded_dimensions": "synthesis.maps.charts",
    "count_dimension": "synthesis.maps.charts",
    "draw_gap_map": "synthesis.maps.gapmap",
    "draw_heatmap": "synthesis.maps.gapmap",
    "construct_network": "synthesis.maps.network",
    "study_construct_graph": "synthesis.maps.network",
    "draw_network": "synthesis.maps.network",
    "write_graph": "synthesis.maps.network",
    "write_html_map": "synthesis.maps.html",
    "write_maps": ("synthesis.maps.build", "build_maps"),
}

#: Names of the previous release -> their new names. Each still works for one release, with a DeprecationWarning.
#: ``(new, where, how it differs)`` keeps the old object where the new name returns something else.
_RENAMED = {
    "read_file": ("read_export", "synthesis.io", "returns an ImportResult (.records, .reports) instead of the "
                  "tuple (records, report)"),
    "load_file": ("read_export", "synthesis.io", "returns an ImportResult whose .records is the table load_file "
                  "returned"),
    "read_files": "read_exports",
    "read_csv": "read_record_table",
    "write_csv": "write_record_table",
    "append_verdict": "append_duplicate_verdict",
    "read_verdicts": "read_duplicate_verdicts",
    "overlap_figure": "draw_source_overlap",
    "ReviewSettings": "ScreeningSettings",
    "read_logs": "read_decision_logs",
    "agreement": "screening_agreement",
    "prisma_counts": "screening_prisma_counts",
    "make_unit_table": "make_screening_table",
    "read_unit_table": "read_screening_table",
    "from_pipeline": "prisma_counts_from_pipeline",
    "read_counts": "read_prisma_counts",
    "write_counts": "write_prisma_counts",
    "read_rounds": "read_prisma_template_rounds",
    "sum_counts": "sum_prisma_counts",
    "previous_from": "previous_studies_from",
    "load_scheme": "read_coding_scheme",
    "parse_scheme": "parse_coding_scheme",
    "load_studies": "read_studies",
    "load_study_codes": "read_study_codes",
    "build": "build_project",
}


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, _RENAMED)


__all__ = sorted(_EXPORTS)
