"""Coding the included studies: the coding scheme, the study codes and extraction fields, Table 2.

>>> import synthesis.coding as coding                                            # doctest: +SKIP
>>> scheme = coding.load_scheme("evidence/coding_scheme.txt")                     # doctest: +SKIP
>>> codes = coding.load_study_codes("evidence/study_codes.csv", scheme)           # doctest: +SKIP
>>> coding.write_table2(codes, "output/maps")                                     # doctest: +SKIP
"""
from synthesis.coding.scheme import CodeValue, Dimension, Scheme, SchemeError, load_scheme, parse_scheme, scheme_table
from synthesis.coding.studies import (
    CODE_COLUMNS, EXTRACTION_FIELDS, STUDY_FIELDS, Coding, CodingError, load_studies, load_study_codes,
    make_coding, validate_coding, write_study_codes,
)
from synthesis.coding.form import CodingForm, FormError, load_form
from synthesis.coding.log import CodingLog, read_coding_logs
from synthesis.coding.project import code_study, load_project_coding, project_coding
from synthesis.coding.table2 import format_study_ids, table2_frame, table2_html, table2_markdown, write_table2

__all__ = [
    "CodeValue", "Dimension", "Scheme", "SchemeError", "load_scheme", "parse_scheme", "scheme_table",
    "CODE_COLUMNS", "EXTRACTION_FIELDS", "STUDY_FIELDS", "Coding", "CodingError", "load_studies",
    "load_study_codes", "make_coding", "validate_coding", "write_study_codes",
    "CodingForm", "FormError", "load_form", "CodingLog", "read_coding_logs", "code_study", "load_project_coding", "project_coding",
    "format_study_ids", "table2_frame", "table2_html", "table2_markdown", "write_table2",
]
