"""Is the last record of a tagged export cut off by the end of the file?

RIS and Web of Science close every record with ``ER``, so a record the file ends inside is plain to see. MEDLINE,
EndNote tagged and Ovid have no closing tag; a record cut off there used to be read as if whole (the cut tag's
first letters glued to the title above it). Three signs tell a cut here, each from the format itself:

* the file stops in the middle of a line: every line of an export ends with a line end (MEDLINE and Ovid
  always; for EndNote, whose hand-made files sometimes lack the last one, only with one of the other signs);
* its last line is a piece of a tag (``PG``, ``%``), not a tag line or a continuation of one;
* every other record ends with the same field (PubMed's ``SO``, for one) and the last record does not have it.

A record judged cut off is rejected with its line by the caller, as RIS does.
"""
from __future__ import annotations

from collections import Counter


def cut_off_reason(text: str, last_tags: list, last_has_final, fragment: str = "", fmt: str = "",
                   line_end_required: bool = True) -> str:
    """Why the last record is cut off, or ``""`` when it looks whole.

    Parameters
    ----------
    text : str
        The whole export.
    last_tags : list
        The last field of each record, in order (``None`` for a record with no field).
    last_has_final : callable
        ``last_has_final(tag)``: whether the last record has the field ``tag`` anywhere.
    fragment : str
        The file's last line when it is not a tag line or a continuation (a tag cut in two).
    """
    if not last_tags:
        return ""
    stops_mid_line = bool(text) and not text.endswith(("\n", "\r"))
    others = last_tags[:-1]
    common = Counter(t for t in others if t).most_common(1)
    final_missing = ""
    if len(others) >= 2 and common and common[0][1] == len(others) and not last_has_final(common[0][0]):
        final_missing = common[0][0]
    where = f"the file ends inside this {fmt} record"
    if fragment and stops_mid_line:
        return f"{where} (its last line {fragment[:20]!r} is a field cut in two): truncated export? Export it again"
    if final_missing:
        return (f"{where} (it has no {final_missing} field, with which every other record ends): truncated export? "
                "Export it again")
    if stops_mid_line and line_end_required:
        return f"{where} (the file stops in the middle of a line): truncated export? Export it again"
    return ""


def settle_last_record(found, reason: str, last_tag, stops_mid_line: bool) -> None:
    """Reject the last record of ``found`` (a :class:`~.tagged.Scan`) as cut off when there is a ``reason``;
    else, when the file stops in the middle of its last line, import it with a warning that its last field
    (``last_tag``) may be cut short (for formats whose hand-made files may lack the last line end)."""
    if reason:
        found.unterminated[len(found.records) - 1] = reason
    elif stops_mid_line:
        found.warnings.append(f"record {len(found.records)} (line {found.lines[-1]}): the file stops in the middle "
                              f"of its last line, so its last field ({last_tag}) may be cut short; imported anyway")


def without_final_field(fmt: str):
    """The cut-off check (``TagFormat(cut_off=...)``) of a format whose records all end with the same field and
    whose values may run over lines (NoteExpress, CNKI E-Study): the last record is cut off when it lacks that
    field; a file stopping inside a value is only warned about, since nothing tells whether the value is whole."""
    def cut_off(found, text: str) -> None:
        if not found.records:
            return
        ends = found.last_tags()
        final = found.records[-1]
        reason = cut_off_reason(text, ends, lambda t: t in final, "", fmt, line_end_required=False)
        settle_last_record(found, reason, ends[-1], bool(text) and not text.endswith("\n"))
    return cut_off
