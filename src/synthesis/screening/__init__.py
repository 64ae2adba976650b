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
from .agreement import (agreement, cohen_kappa, conflict_list, fleiss_kappa, gwet_ac1, krippendorff_alpha,
                        paired_decisions, team_agreement)
from .counts import PRISMA_FIELDS, prisma_counts, reasons_as_text
from .log import (Decision, DecisionLog, LogProblem, LogReading, ScreeningWarning, current_decisions, read_log,
                  read_logs)
from .settings import (DECISIONS, NOT_RETRIEVED, STAGES, ReviewerError, ReviewSettings, ScreeningError,
                       add_reviewer, reviewer_slug)
from .status import conflicts, full_text_units, joining_preview, screening_status, state_counts
from .stopping import StoppingTest, logged_stopping_tests
from .units import make_unit_table, read_unit_table, units_from_records, write_unit_table


def __getattr__(name):
    # The widget pulls in ipywidgets/anywidget: load it only when asked for.
    if name in ("ScreeningWidget", "open_screening"):
        from . import widget

        return getattr(widget, name)
    if name in ("import_rayyan", "export_rayyan", "import_covidence", "export_covidence"):
        from . import exchange

        return getattr(exchange, name)
    raise AttributeError(name)
