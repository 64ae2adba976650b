"""Decide the ``maybe`` pairs in a notebook: two records side by side, differences highlighted.

Each click on *Duplicate* or *Not duplicate* appends a verdict to the verdict file (see
:mod:`synthesis.dedup.verdicts`) at once, so closing the notebook loses nothing; *Skip* moves on without a
verdict. The next run of :func:`synthesis.dedup.deduplicate` with that file applies the verdicts.

Examples
--------
>>> from synthesis.dedup import deduplicate                                  # doctest: +SKIP
>>> result = deduplicate(records, verdicts="evidence/duplicate_verdicts.tsv")  # doctest: +SKIP
>>> MaybeReviewer(result, records, "evidence/duplicate_verdicts.tsv", reviewer="AB")  # doctest: +SKIP
"""
from __future__ import annotations

import html

import pandas as pd

from .verdicts import append_verdict, read_verdicts

__all__ = ["MaybeReviewer", "pair_html", "COMPARED_FIELDS"]

#: Fields shown side by side, in this order.
COMPARED_FIELDS = ["title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "type",
                   "source_database", "source_file", "abstract"]


def _show(value) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return str(value)


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def pair_html(left: dict, right: dict, reason: str = "", fields=COMPARED_FIELDS) -> str:
    """An HTML table of two records; rows whose values differ are highlighted. Every value is escaped.

    >>> "<b>" in pair_html({"title": "<b>x</b>"}, {"title": "x"})
    False
    """
    rows = []
    for f in fields:
        a, b = _show(left.get(f, "")), _show(right.get(f, ""))
        if not a and not b:
            continue
        if f == "abstract":
            a, b = a[:600] + ("..." if len(a) > 600 else ""), b[:600] + ("..." if len(b) > 600 else "")
        differ = not _same(a, b)
        style = ' style="background:#fff3cd"' if differ else ""
        mark = " &#8800;" if differ else ""
        rows.append(f"<tr{style}><th style='text-align:left;vertical-align:top;padding:2px 8px'>"
                    f"{html.escape(f)}{mark}</th><td style='vertical-align:top;padding:2px 8px'>{html.escape(a)}</td>"
                    f"<td style='vertical-align:top;padding:2px 8px'>{html.escape(b)}</td></tr>")
    note = f"<p><i>{html.escape(reason)}</i></p>" if reason else ""
    return (note + "<table style='border-collapse:collapse;width:100%'><tr><th></th><th>record 1</th>"
            "<th>record 2</th></tr>" + "".join(rows) + "</table>")


class MaybeReviewer:
    """An ipywidgets panel that walks through the maybe pairs and writes each verdict to the file.

    Parameters
    ----------
    result : DedupResult
        From :func:`synthesis.dedup.deduplicate`.
    records : pandas.DataFrame
        The record table that was deduplicated.
    verdict_file : str or Path
        Where verdicts are appended (``evidence/duplicate_verdicts.tsv``).
    reviewer : str
        Written with each verdict.

    Attributes
    ----------
    widget : ipywidgets.VBox
        Displayed when the object is the last expression of a cell.
    """

    def __init__(self, result, records: pd.DataFrame, verdict_file, reviewer: str = ""):
        import ipywidgets as w

        self.verdict_file = verdict_file
        self.reviewer = reviewer
        decided = read_verdicts(verdict_file)
        done = set(zip(decided["record_id_1"], decided["record_id_2"]))
        pairs = result.maybe_pairs
        keep = [tuple(sorted((a, b))) not in done for a, b in zip(pairs["record_id_1"], pairs["record_id_2"])]
        self.pairs = pairs[keep].reset_index(drop=True)
        self.records = records.drop_duplicates("record_id").set_index("record_id", drop=False)
        self.position = 0
        self.counts = {"duplicate": 0, "not_duplicate": 0, "skipped": 0}
        self.view = w.HTML()
        self.status = w.HTML()
        self.buttons = {
            "duplicate": w.Button(description="Duplicate", button_style="success", icon="check"),
            "not_duplicate": w.Button(description="Not duplicate", button_style="danger", icon="times"),
            "skip": w.Button(description="Skip", icon="forward"),
        }
        self.buttons["duplicate"].on_click(lambda _: self.decide("duplicate"))
        self.buttons["not_duplicate"].on_click(lambda _: self.decide("not_duplicate"))
        self.buttons["skip"].on_click(lambda _: self.decide(None))
        self.widget = w.VBox([self.status, w.HBox(list(self.buttons.values())), self.view])
        self._render()

    def current(self):
        """The pair on screen (a row of ``maybe_pairs``), or ``None`` when all are done."""
        return self.pairs.iloc[self.position] if self.position < len(self.pairs) else None

    def decide(self, verdict: str | None) -> None:
        """Record a verdict (``"duplicate"``, ``"not_duplicate"``, or ``None`` to skip) and show the next pair."""
        pair = self.current()
        if pair is None:
            return
        if verdict is None:
            self.counts["skipped"] += 1
        else:
            try:
                append_verdict(self.verdict_file, pair["record_id_1"], pair["record_id_2"], verdict,
                               reviewer=self.reviewer, note=str(pair.get("reason", "") or ""))
            except OSError as exc:  # not saved (a full disk, a read-only folder): say so, stay on this pair
                import html

                self.status.value = f"<b style='color:#b00020'>{html.escape(str(exc))}</b>"
                return
            self.counts[verdict] += 1
        self.position += 1
        self._render()

    def _render(self) -> None:
        pair = self.current()
        total = len(self.pairs)
        done = f"{self.counts['duplicate']} duplicate, {self.counts['not_duplicate']} not, {self.counts['skipped']} skipped"
        if pair is None:
            self.view.value = "<p>No maybe pairs left. Re-run deduplication to apply the verdicts.</p>"
            self.status.value = f"<b>{total} of {total} pairs seen</b> ({done})"
            for b in self.buttons.values():
                b.disabled = True
            return
        left = self.records.loc[pair["record_id_1"]].to_dict()
        right = self.records.loc[pair["record_id_2"]].to_dict()
        self.view.value = pair_html(left, right, reason=str(pair.get("reason", "") or ""))
        self.status.value = f"<b>pair {self.position + 1} of {total}</b> ({done})"

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
