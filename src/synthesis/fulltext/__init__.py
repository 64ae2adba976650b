"""Full text: the team's PDFs matched to duplicate groups, read beside the record, retrieval, reports of studies.

>>> from synthesis.fulltext import match_pdfs, FulltextEvidence, retrieval_status   # doctest: +SKIP
"""
from .match import MATCH_COLUMNS, Match, MatchResult, match_pdfs, parse_file_name
from .pdftext import PdfInfo, find_dois, inspect_pdf, render_page
from .reports import report_table, reports_by_group
from .retrieval import (RETRIEVAL_REASONS, mark_not_retrieved, retrieval_status, to_retrieve,
                        write_retrieval_ris)
from .store import Attachment, FulltextError, FulltextEvidence

__all__ = ["MATCH_COLUMNS", "Match", "MatchResult", "match_pdfs", "parse_file_name", "PdfInfo", "find_dois",
           "inspect_pdf", "render_page", "report_table", "reports_by_group", "RETRIEVAL_REASONS",
           "mark_not_retrieved", "retrieval_status", "to_retrieve", "write_retrieval_ris", "Attachment",
           "FulltextError", "FulltextEvidence"]
