"""Every arithmetic rule between the boxes of a PRISMA flow diagram.

Each rule names its boxes and prints the numbers, e.g. ``identified 363 (databases 328 + registers 35)
- duplicates 200 = 163, but records screened is 112``. A rule is checked only when its boxes are given;
the report says how many were skipped.

*Errors* are sums that cannot legitimately differ (the same records counted twice); *warnings* are
steps where records become reports or reports become studies, which PRISMA 2020 allows to differ
(one record can lead to several reports, one study can have several reports).

Examples
--------
>>> from synthesis.prisma.counts import PrismaCounts
>>> report = check(PrismaCounts(database_results=363, duplicates=200, records_screened=112))
>>> print(report.errors[0].message)
records screened: identified 363 (databases 363) − duplicates 200 = 163, but records screened is 112
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .counts import LIST_TOTAL, SHORT, PrismaCounts, PrismaInputError
from .layouts import infer_template, missing_boxes, resolve_template

ERROR = "error"
WARNING = "warning"
#: Said of a failing 0: the R package's template ships with 0 in every box, and authors leave the 0 of a box they
#: did not count (reports of included studies beside 64 studies), where an empty cell would hide the line.
UNFILLED_ZERO = "a 0 left from the template? Leave a count not known empty"


@dataclass(frozen=True)
class Finding:
    """One rule that does not hold."""

    level: str  # "error" or "warning"
    rule: str  # short id of the rule, e.g. "screened"
    boxes: tuple[str, ...]  # the fields involved
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.message}"


@dataclass
class CheckReport:
    """The findings of :func:`check`, and how many rules were checked or skipped."""

    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    template: str = ""
    #: Said before the findings: what the counts still wait for (``PrismaCounts.progress``).
    before: list[str] = field(default_factory=list)
    #: Said after them, under "Screening:": stopping tests and conflicts (``PrismaCounts.screening_notes``).
    after: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == WARNING]

    @property
    def ok(self) -> bool:
        """True when no error was found (warnings allowed)."""
        return not self.errors

    def boxes_in_error(self) -> set[str]:
        return {b for f in self.errors for b in f.boxes}

    def __str__(self) -> str:
        lines = list(self.before) + [str(f) for f in self.findings]
        lines.append(
            f"{len(self.checked)} rules checked ({len(self.errors)} errors, {len(self.warnings)} warnings), "
            f"{len(self.skipped)} skipped because their boxes are not given"
        )
        if self.after:
            lines += ["", "Screening:"] + [f"  {line}" for line in self.after]
        return "\n".join(lines)


def _fmt(parts: list[tuple[str, int]]) -> str:
    return " + ".join(f"{SHORT.get(name, name)} {n}" for name, n in parts)


class _Checker:
    def __init__(self, counts: PrismaCounts):
        self.c = counts
        self.report = CheckReport()

    def v(self, name):
        return getattr(self.c, name)

    def need(self, rule: str, *names) -> bool:
        """True when every box of the rule is given; otherwise the rule is recorded as skipped."""
        if any(self.v(n) is None for n in names):
            self.report.skipped.append(rule)
            return False
        self.report.checked.append(rule)
        return True

    def add(self, level, rule, boxes, message, gap=None):
        """Record a finding. ``gap``, where a sum fails: the first box's expected number less its own. When that
        box is still being screened (``counts.pending``) and the records waiting there make up the gap, the
        finding flags that box alone: the others are right, the sum is only not complete yet."""
        waiting = (self.c.pending or {}).get(boxes[0]) if gap is not None else None
        if waiting:
            still = f"; {waiting} still {'awaits' if waiting == 1 else 'await'} a decision"
            if gap == waiting:
                boxes = boxes[:1]
                message += still
            else:
                message += f"{still}, which does not account for the difference"
        self.report.findings.append(Finding(level, rule, tuple(boxes), message))

    # ---- generic rule shapes -----------------------------------------------------------------------
    def equals_sum(self, rule, level, target, parts, optional=()):
        """target == sum(parts); ``optional`` parts count as 0 when not given."""
        if not self.need(rule, target, *parts):
            return
        terms = [(p, self.v(p)) for p in parts] + [(p, self.v(p)) for p in optional if self.v(p) is not None]
        total = sum(n for _, n in terms)
        if total != self.v(target):
            self.add(level, rule, [target] + [p for p, _ in terms],
                     f"{SHORT[target]}: {_fmt(terms)} = {total}, but {SHORT[target]} is {self.v(target)}",
                     gap=total - self.v(target))

    def equals_difference(self, rule, level, target, start, minus, optional_minus=(), start_text=None):
        """target == start - sum(minus); ``optional_minus`` count as 0 when not given."""
        if not self.need(rule, target, start, *minus):
            return
        subtract = [(m, self.v(m)) for m in minus] + [
            (m, self.v(m)) for m in optional_minus if self.v(m) is not None
        ]
        expected = self.v(start) - sum(n for _, n in subtract)
        if expected != self.v(target):
            head = start_text or f"{SHORT[start]} {self.v(start)}"
            minus_text = "".join(f" − {SHORT[m]} {n}" for m, n in subtract)
            self.add(level, rule, [target, start] + [m for m, _ in subtract],
                     f"{SHORT[target]}: {head}{minus_text} = {expected}, but {SHORT[target]} is {self.v(target)}",
                     gap=expected - self.v(target))

    def at_most(self, rule, level, small, big, why=""):
        if not self.need(rule, small, big):
            return
        if self.v(small) > self.v(big):
            if self.v(big) == 0:
                why = f"{why[:-1]}; {UNFILLED_ZERO})" if why else f" ({UNFILLED_ZERO})"
            self.add(level, rule, [small, big],
                     f"{SHORT[small]} {self.v(small)} is more than {SHORT[big]} {self.v(big)}{why}")


def check(counts: PrismaCounts, template: str | None = None) -> CheckReport:
    """Check every sum between the boxes of ``counts``; returns a :class:`CheckReport`.

    ``template`` (default: the counts' own, else inferred) selects PRISMA 2009 rules for
    ``"prisma2009"`` (other sources are deduplicated together with the databases there), and adds an
    error for every box the template needs but the counts lack (only when a template is named, here
    or in the counts, so partial counts can be checked on their own).

    >>> from synthesis.prisma.counts import PrismaCounts
    >>> check(PrismaCounts(dbr_excluded=5, dbr_excluded_reasons=[("Design", 2), ("Population", 2)])).ok
    False
    """
    explicit = bool(template or counts.template)
    template = resolve_template(template or counts.template or infer_template(counts))
    ch = _Checker(counts)
    c = counts
    ch.report.template = template
    ch.report.before, ch.report.after = list(counts.progress), list(counts.screening_notes)
    given = counts.given()  # (a look at the file, not a sum between boxes: not among the rules checked)
    if given and all(n == 0 for value in given.values()
                     for n in ([v for _, v in value] if isinstance(value, list) else [value])):
        # every sum of zeros holds, so nothing else would be said: the R package's template ships with 0 in every box
        ch.add(WARNING, "all_zero", list(given), "every box is 0: the template not filled in yet? (the diagram "
               "would show 0 records found; fill in the counts, and leave a count not known empty)")

    for name in missing_boxes(counts, template) if explicit else ():
        ch.add(ERROR, "missing", [name], f"{SHORT.get(name, name)}: box missing ({name}), "
                                         f"which the {template} template needs")
    if template in ("new_dbr", "updated_dbr") and c.has_other_methods:
        # the layout leaves the other-methods column out, but their included reports stay in the included
        # boxes: "assessed 11 - excluded 5" above "reports of included studies 9", and no word why
        ch.report.checked.append("other_methods_column")
        found = [(n, getattr(c, n)) for n in ("website_results", "organisation_results", "citations_results",
                                              "other_results", "other_sought_reports", "other_assessed")
                 if getattr(c, n)]
        ch.add(ERROR, "other_methods_column", [n for n, _ in found] or ["other_excluded"],
               f"the {template} template has no column for other methods, but the counts have them ("
               + ", ".join(f"{SHORT.get(n, n)} {v}" for n, v in found) + ") and count their included reports "
               f"among the included: draw the {template}_other template")

    # Per-source lists and reasons add up to their boxes.
    for list_name, total in LIST_TOTAL.items():
        pairs = getattr(c, list_name)
        rule = f"sum:{list_name}"
        if pairs is None or getattr(c, total) is None:
            ch.report.skipped.append(rule)
            continue
        ch.report.checked.append(rule)
        s = sum(n for _, n in pairs)
        if s != getattr(c, total):
            listed = " + ".join(f"{label} {n}" for label, n in pairs)
            ch.add(ERROR, rule, [total, list_name],
                   f"{SHORT[total]}: the listed {'reasons' if 'reasons' in list_name else 'sources'} add up to "
                   f"{listed} = {s}, but {SHORT[total]} is {getattr(c, total)}")

    dbr_text = None
    if c.identified_dbr is not None:
        parts = [(n, getattr(c, n)) for n in ("database_results", "register_results") if getattr(c, n) is not None]
        dbr_text = f"identified {c.identified_dbr} ({_fmt(parts)})"

    if template == "prisma2009":
        # PRISMA 2009: all sources are pooled and deduplicated together.
        ident_parts = [(n, getattr(c, n)) for n in ("database_results", "register_results", "website_results",
                                                    "organisation_results", "citations_results", "other_results")
                       if getattr(c, n) is not None]
        total = c.identified_total
        if ch.need("after_duplicates", "records_after_duplicates") and total is not None:
            removed = [(n, getattr(c, n)) for n in ("duplicates", "excluded_automatic", "excluded_other")
                       if getattr(c, n) is not None]
            expected = total - sum(n for _, n in removed)
            if removed and expected != c.records_after_duplicates:
                minus = "".join(f" − {SHORT[n]} {v}" for n, v in removed)
                ch.add(ERROR, "after_duplicates", ["records_after_duplicates"] + [n for n, _ in ident_parts + removed],
                       f"records after duplicates removed: identified {total} ({_fmt(ident_parts)}){minus} = "
                       f"{expected}, but records after duplicates removed is {c.records_after_duplicates}")
            elif not removed and c.records_after_duplicates > total:
                ch.add(ERROR, "after_duplicates", ["records_after_duplicates"] + [n for n, _ in ident_parts],
                       f"records after duplicates removed {c.records_after_duplicates} is more than identified "
                       f"{total} ({_fmt(ident_parts)})")
        if c.records_after_duplicates is not None:
            ch.equals_sum("screened", ERROR, "records_screened", ["records_after_duplicates"])
        elif total is not None and ch.need("screened", "records_screened", "duplicates"):
            removed = [(n, getattr(c, n)) for n in ("duplicates", "excluded_automatic", "excluded_other")
                       if getattr(c, n) is not None]
            expected = total - sum(n for _, n in removed)
            if expected != c.records_screened:
                minus = "".join(f" − {SHORT[n]} {v}" for n, v in removed)
                ch.add(ERROR, "screened", ["records_screened"] + [n for n, _ in ident_parts + removed],
                       f"records screened: identified {total} ({_fmt(ident_parts)}){minus} = {expected}, "
                       f"but records screened is {c.records_screened}", gap=expected - c.records_screened)
        ch.at_most("excluded_le_screened", ERROR, "records_excluded", "records_screened")
        ch.equals_difference("assessed", WARNING, "dbr_assessed", "records_screened", ["records_excluded"])
        ch.at_most("reports_excluded_le_assessed", ERROR, "dbr_excluded", "dbr_assessed")
        ch.equals_difference("included", WARNING, "new_studies", "dbr_assessed", ["dbr_excluded"])
        ch.at_most("ma_le_included", ERROR, "total_studies_ma", "new_studies")
    else:
        # Databases and registers.
        if c.identified_dbr is not None and ch.need("screened", "records_screened", "duplicates"):
            removed = [(n, getattr(c, n)) for n in ("duplicates", "excluded_automatic", "excluded_other")
                       if getattr(c, n) is not None]
            expected = c.identified_dbr - sum(n for _, n in removed)
            if expected != c.records_screened:
                minus = "".join(f" − {SHORT[n]} {v}" for n, v in removed)
                ch.add(ERROR, "screened",
                       ["records_screened", "database_results", "register_results"] + [n for n, _ in removed],
                       f"records screened: {dbr_text}{minus} = {expected}, but records screened is {c.records_screened}",
                       gap=expected - c.records_screened)
        elif c.identified_dbr is None:
            ch.report.skipped.append("screened")
        ch.at_most("excluded_le_screened", ERROR, "records_excluded", "records_screened")
        ch.equals_difference("sought", WARNING, "dbr_sought_reports", "records_screened", ["records_excluded"])
        ch.at_most("notretrieved_le_sought", ERROR, "dbr_notretrieved_reports", "dbr_sought_reports")
        ch.equals_difference("assessed", ERROR, "dbr_assessed", "dbr_sought_reports", ["dbr_notretrieved_reports"])
        ch.at_most("reports_excluded_le_assessed", ERROR, "dbr_excluded", "dbr_assessed")

        # Other methods: no deduplication or screening boxes.
        other = c.identified_other
        if other is not None and ch.need("other_sought", "other_sought_reports"):
            parts = [(n, getattr(c, n)) for n in ("website_results", "organisation_results", "citations_results",
                                                  "other_results") if getattr(c, n) is not None]
            if other != c.other_sought_reports:
                ch.add(WARNING, "other_sought", ["other_sought_reports"] + [n for n, _ in parts],
                       f"reports sought (other methods): {_fmt(parts)} = {other} records identified, but reports "
                       f"sought (other methods) is {c.other_sought_reports}", gap=other - c.other_sought_reports)
        elif other is None:
            ch.report.skipped.append("other_sought")
        ch.at_most("other_notretrieved_le_sought", ERROR, "other_notretrieved_reports", "other_sought_reports")
        ch.equals_difference("other_assessed", ERROR, "other_assessed", "other_sought_reports",
                             ["other_notretrieved_reports"])
        ch.at_most("other_excluded_le_assessed", ERROR, "other_excluded", "other_assessed")

        # Included: reports that passed full-text assessment in each column.
        other_part = ("other_assessed", "other_excluded") if c.has_other_methods else ()
        if ch.need("included_reports", "dbr_assessed", "dbr_excluded", *other_part):
            kept = [("dbr_assessed", c.dbr_assessed), ("dbr_excluded", c.dbr_excluded)]
            included = c.dbr_assessed - c.dbr_excluded
            text = f"reports assessed {c.dbr_assessed} − reports excluded {c.dbr_excluded}"
            if None not in (c.other_assessed, c.other_excluded):
                included += c.other_assessed - c.other_excluded
                kept += [("other_assessed", c.other_assessed), ("other_excluded", c.other_excluded)]
                text = (f"(databases/registers: assessed {c.dbr_assessed} − excluded {c.dbr_excluded}) + "
                        f"(other methods: assessed {c.other_assessed} − excluded {c.other_excluded})")
            boxes = [n for n, _ in kept]
            if c.new_reports is not None:
                if c.new_reports != included:
                    ch.add(ERROR, "included_reports", ["new_reports"] + boxes,
                           f"new reports: {text} = {included}, but reports of included studies is {c.new_reports}"
                           + (f" ({UNFILLED_ZERO})" if c.new_reports == 0 < included else ""))
            elif c.new_studies is not None and c.new_studies > included:
                ch.add(ERROR, "included_reports", ["new_studies"] + boxes,
                       f"new studies: {text} = {included} reports included, fewer than the {c.new_studies} "
                       f"studies included (every study needs at least one report)")
        # against the included box the diagram draws: a new review's has no total (the form's 0 stays undrawn)
        updated = template.startswith("updated")
        ch.at_most("ma_le_included", ERROR, "total_studies_ma",
                   "total_studies" if updated and c.total_studies is not None else "new_studies")
        ch.at_most("ma_reports_le_included", ERROR, "total_reports_ma",
                   "total_reports" if updated and c.total_reports is not None else "new_reports")

    # Studies and reports; previous + new = total (updated reviews).
    why = " (every study has at least one report)"
    ch.at_most("new_studies_le_reports", ERROR, "new_studies", "new_reports", why)
    if template.startswith("updated"):
        ch.at_most("previous_studies_le_reports", ERROR, "previous_studies", "previous_reports", why)
        ch.at_most("total_studies_le_reports", ERROR, "total_studies", "total_reports", why)
        ch.equals_sum("total_studies", ERROR, "total_studies", ["previous_studies", "new_studies"])
        ch.equals_sum("total_reports", ERROR, "total_reports", ["previous_reports", "new_reports"])
    else:
        # A new review's diagram has no previous or total boxes: what the R template's form holds there (its 0s,
        # a total typed beside new studies 18 with its reports left 0) is not drawn, so it cannot be wrong
        ch.report.skipped += ["previous_studies_le_reports", "total_studies_le_reports", "total_studies",
                              "total_reports"]

    # PRISMA asks for the reasons reports were excluded.
    for total, reasons in (("dbr_excluded", "dbr_excluded_reasons"), ("other_excluded", "other_excluded_reasons")):
        if getattr(c, total) and not getattr(c, reasons):
            ch.report.checked.append(f"reasons:{total}")
            ch.add(WARNING, f"reasons:{total}", [total],
                   f"{SHORT[total]}: {getattr(c, total)} reports excluded without reasons "
                   f"(PRISMA asks for each reason and its number)")

    # What the review's text states against the boxes.
    for item in c.stated:
        name, value = item["field"], int(item["value"])
        actual = c.get(name)
        rule = f"stated:{name}"
        if actual is None:
            ch.report.skipped.append(rule)
            continue
        ch.report.checked.append(rule)
        if actual != value:
            quote = f" (\"{item['quote']}\"{', ' + item['where'] if item.get('where') else ''})" \
                if item.get("quote") else ""
            boxes = {"identified_total": ["database_results", "register_results", "website_results",
                                          "organisation_results", "citations_results", "other_results"],
                     "identified_dbr": ["database_results", "register_results"],
                     "identified_other": ["website_results", "organisation_results", "citations_results",
                                          "other_results"]}.get(name, [name])
            given = [(b, getattr(c, b)) for b in boxes if getattr(c, b) is not None]
            detail = f" ({_fmt(given)})" if len(given) > 1 else ""
            ch.add(ERROR, rule, [b for b, _ in given],
                   f"the text states {SHORT.get(name, name)} {value}{quote}, but the diagram shows "
                   f"{SHORT.get(name, name)} {actual}{detail}")
    return ch.report


def require_consistent(counts: PrismaCounts, template: str | None = None) -> CheckReport:
    """Run :func:`check` and raise :class:`PrismaInputError` listing the errors, if any."""
    report = check(counts, template)
    if report.errors:
        raise PrismaInputError("the counts do not add up:\n" + "\n".join(f"  {f}" for f in report.errors))
    return report
