"""Parsing and matching accuracy of cited references against hand labels.

The labels (``tests/data/cited_references_labelled.csv``) are in two sets: ``tuning``, the sample the
parser's rules were corrected on, and ``held-out``, a second sample labelled after the rules were fixed.
They name a reference by its export file (relative to
the shared data folder), the record's position in the file and the reference's position in the record,
with the fields read by a person and, when the paper is itself a record of the same export, that record's
position in the export, counting from 0 (``in_library``). The export's own records are the library the references are matched against.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .match import match_references
from .parse import FIELDS, references_of_record


def _norm(field_name: str, value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value).strip()
    if field_name == "year":
        return text[:4]
    return re.sub(r"[^0-9a-z]", "", text.lower())


@dataclass
class Accuracy:
    references: int = 0
    by_format: dict = field(default_factory=dict)  # format -> references
    fields_right: dict = field(default_factory=dict)  # field -> references with it right
    all_right: int = 0
    wrong: list = field(default_factory=list)  # (text, field, labelled, parsed)
    in_library: int = 0  # labelled as a record of the library
    found_right: int = 0  # matched to the labelled record
    found_wrong: int = 0  # matched to a record that is not the labelled one (or not in the library)
    maybe: int = 0
    missed: list = field(default_factory=list)
    false_found: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.found_right / max(1, self.found_right + self.found_wrong)

    @property
    def recall(self) -> float:
        return self.found_right / max(1, self.in_library)

    def report(self) -> str:
        lines = [f"{self.references} hand-labelled references ({', '.join(f'{k} {v}' for k, v in self.by_format.items())})",
                 "parsing, share of references with the field right:"]
        for f, n in self.fields_right.items():
            lines.append(f"  {f:<13} {n}/{self.references} = {n / max(1, self.references):.1%}")
        lines.append(f"  every field   {self.all_right}/{self.references} = {self.all_right / max(1, self.references):.1%}")
        found = self.found_right + self.found_wrong
        lines.append(f"matching against the export's own records: {self.in_library} references are in it; "
                     f"found {found} (right {self.found_right}, wrong {self.found_wrong}), maybe {self.maybe}; "
                     f"precision {f'{self.precision:.1%}' if found else 'n/a'}, "
                     f"recall {f'{self.recall:.1%}' if self.in_library else 'n/a'}; "
                     f"{self.references - self.in_library} not in it, of which {len(self.false_found)} "
                     f"wrongly found")
        return "\n".join(lines)


def evaluate(labels_path, shared_root, subset: str | None = None) -> Accuracy:
    """Parse and match every labelled reference (of one ``set``: ``tuning`` or ``held-out``, or all)."""
    from ..io import read_files

    shared_root = Path(shared_root)
    with open(labels_path, newline="", encoding="utf-8") as fh:
        labels = [row for row in csv.DictReader(fh) if subset is None or row.get("set") == subset]
    acc = Accuracy(fields_right={f: 0 for f in FIELDS})
    for file in dict.fromkeys(row["file"] for row in labels):
        records = read_files([shared_root / file]).records.reset_index(drop=True)
        parsed = [references_of_record(raw) for raw in records["raw"]]
        rows = [row for row in labels if row["file"] == file]
        refs = []
        for row in rows:
            ref = parsed[int(row["record"])][int(row["ref"])]
            if ref["text"] != row["text"]:
                raise ValueError(f"{labels_path}: {file} record {row['record']} reference {row['ref']} is "
                                 f"{ref['text']!r} in the export, not {row['text']!r}")
            refs.append(ref)
            acc.references += 1
            acc.by_format[ref["format"]] = acc.by_format.get(ref["format"], 0) + 1
            right = 0
            for f in FIELDS:
                if _norm(f, ref[f]) == _norm(f, row[f]):
                    acc.fields_right[f] += 1
                    right += 1
                else:
                    acc.wrong.append((row["text"], f, row[f], ref[f]))
            acc.all_right += right == len(FIELDS)
        matched = match_references(pd.DataFrame(refs), records)
        ids = [str(k) for k in range(len(records))]
        for row, m in zip(rows, matched.itertuples()):
            truth = row["in_library"]
            got = ids[m.library_pos] if m.library_pos >= 0 else ""
            acc.in_library += bool(truth)
            if m.status == "found":
                if got == truth:
                    acc.found_right += 1
                else:
                    acc.found_wrong += 1
                    acc.false_found.append((row["text"], truth, got))
            elif m.status == "maybe":
                acc.maybe += 1
            if truth and not (m.status == "found" and got == truth):
                acc.missed.append((row["text"], m.status))
    return acc


__all__ = ["evaluate", "Accuracy"]
