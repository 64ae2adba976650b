"""Screening: the decision log, who stands where, agreement, PRISMA counts, Rayyan/Covidence exchange, widget.

Examples
--------
>>> import tempfile
>>> from synthesis.screening import DecisionLog, read_logs
>>> folder = tempfile.mkdtemp()
>>> with DecisionLog(folder, "Alice") as log:
...     _ = log.record("g1", "include")
>>> [e.decision for e in read_logs(folder).entries]
['include']
"""
from .._lazy import lazy_exports

#: Public name -> the module that defines it (imported on first use: pandas, ipywidgets... load only then).
_EXPORTS = {
    **dict.fromkeys(["agreement", "cohen_kappa", "conflict_list", "fleiss_kappa", "gwet_ac1", "krippendorff_alpha",
                     "paired_decisions", "team_agreement"], ".agreement"),
    **dict.fromkeys(["PRISMA_FIELDS", "prisma_counts", "reasons_as_text"], ".counts"),
    **dict.fromkeys(["Decision", "DecisionLog", "LogProblem", "LogReading", "ScreeningWarning", "current_decisions",
                     "read_log", "read_logs"], ".log"),
    **dict.fromkeys(["DECISIONS", "NOT_RETRIEVED", "STAGES", "ReviewerError", "ScreeningSettings", "ScreeningError",
                     "add_reviewer", "add_exclusion_reasons", "load_screening_settings", "migrate_screening_settings",
                     "reviewer_slug", "settings_path"], ".settings"),
    **dict.fromkeys(["EXCLUDED_COLUMNS", "conflicts", "excluded_reports", "full_text_units", "hidden_while_blind", "joining_preview",
                     "screening_status", "state_counts"], ".status"),
    **dict.fromkeys(["StoppingTest", "logged_stopping_tests"], ".stopping"),
    **dict.fromkeys(["make_unit_table", "read_unit_table", "units_from_records", "write_unit_table"], ".units"),
    **dict.fromkeys(["ScreeningWidget", "open_screening"], ".widget"),
    **dict.fromkeys(["import_rayyan", "export_rayyan", "import_covidence", "export_covidence"], ".exchange"),
}
#: Old names that work for one release, with a DeprecationWarning.
_RENAMED = {"ReviewSettings": "ScreeningSettings"}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, _RENAMED)
__all__ = sorted(_EXPORTS)
