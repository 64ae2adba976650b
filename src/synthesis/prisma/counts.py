"""The PRISMA counts of one review: every box of the PRISMA 2020 (and 2009) flow diagrams.

Field names are those of the PRISMA2020 R package's data template (``PRISMA.csv``), so counts move
between the two without translation. A count is a non-negative ``int`` or ``None`` (the box was not
reported). Lists of ``(name, n)`` pairs hold the per-database and per-register counts and the reasons
for exclusion. A few fields are our own, for layouts the R template cannot express:

* ``other_results`` - records from other sources when their split into websites, organisations and
  citation searching is unknown (PRISMA 2009's "additional records identified through other sources");
* ``records_after_duplicates`` - PRISMA 2009's "records after duplicates removed";
* ``records_excluded_reasons`` - reasons for exclusion at title/abstract screening.

``stated`` holds numbers the review's text claims for a box (e.g. "we retrieved 128 articles"), so the
checks can compare the text with the diagram.

Examples
--------
>>> c = PrismaCounts(database_results=328, duplicates=251, records_screened=112)
>>> c.identified_dbr
328
>>> PrismaCounts.from_dict({"records_screened": -1})
Traceback (most recent call last):
...
synthesis.prisma.counts.PrismaInputError: records_screened: a count cannot be negative (got -1)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..errors import SynthesisError
from ..wording import counted

#: Single counts, in the order of the R template (our own fields placed where they belong).
NUMBER_FIELDS = (
    "previous_studies",
    "previous_reports",
    "database_results",
    "register_results",
    "website_results",
    "organisation_results",
    "citations_results",
    "other_results",
    "duplicates",
    "excluded_automatic",
    "excluded_other",
    "records_after_duplicates",
    "records_screened",
    "records_excluded",
    "dbr_sought_reports",
    "dbr_notretrieved_reports",
    "other_sought_reports",
    "other_notretrieved_reports",
    "dbr_assessed",
    "dbr_excluded",
    "other_assessed",
    "other_excluded",
    "new_studies",
    "new_reports",
    "total_studies",
    "total_reports",
    "total_studies_ma",
    "total_reports_ma",
)

#: Lists of (name, n): per-source counts and reasons.
LIST_FIELDS = (
    "database_specific_results",
    "register_specific_results",
    "records_excluded_reasons",
    "dbr_excluded_reasons",
    "other_excluded_reasons",
)

#: The box total each list adds up to.
LIST_TOTAL = {
    "database_specific_results": "database_results",
    "register_specific_results": "register_results",
    "records_excluded_reasons": "records_excluded",
    "dbr_excluded_reasons": "dbr_excluded",
    "other_excluded_reasons": "other_excluded",
}

#: Our own fields, which the R template has no row for.
OWN_FIELDS = ("other_results", "records_after_duplicates", "records_excluded_reasons")

#: Short names used in check messages.
SHORT = {
    "previous_studies": "previous studies",
    "previous_reports": "previous reports",
    "database_results": "databases",
    "register_results": "registers",
    "website_results": "websites",
    "organisation_results": "organisations",
    "citations_results": "citation searching",
    "other_results": "other sources",
    "duplicates": "duplicates",
    "excluded_automatic": "automation tools",
    "excluded_other": "removed for other reasons",
    "records_after_duplicates": "records after duplicates removed",
    "records_screened": "records screened",
    "records_excluded": "records excluded",
    "dbr_sought_reports": "reports sought",
    "dbr_notretrieved_reports": "reports not retrieved",
    "other_sought_reports": "reports sought (other methods)",
    "other_notretrieved_reports": "reports not retrieved (other methods)",
    "dbr_assessed": "reports assessed",
    "dbr_excluded": "reports excluded",
    "other_assessed": "reports assessed (other methods)",
    "other_excluded": "reports excluded (other methods)",
    "new_studies": "new studies",
    "new_reports": "new reports",
    "total_studies": "total studies",
    "total_reports": "total reports",
    "total_studies_ma": "studies in meta-analysis",
    "total_reports_ma": "reports in meta-analysis",
    "identified": "identified",
    "identified_total": "identified (all sources)",
}

def waiting_phrase(box: str, n: int) -> str:
    """What waits at a box not final yet, for a draft's banner: "5 pairs of records await a duplicate verdict".

    >>> waiting_phrase("duplicates", 1), waiting_phrase("records_screened", 431)
    ('1 pair of records awaits a duplicate verdict', '431 await a decision at records screened')
    """
    if box == "duplicates":
        return f"{counted(n, 'pair')} of records {'awaits' if n == 1 else 'await'} a duplicate verdict"
    return f"{n:,} {'awaits' if n == 1 else 'await'} a decision at {SHORT.get(box, box)}"


def waiting_note(box: str, n: int) -> str:
    """A draft's note on a box not final yet: its number, and how it may still move.

    >>> print(waiting_note("duplicates", 5))
    duplicates not final: 5 pairs of records may be duplicates and await a person's verdict; until decided, each counts as two records, so up to 5 more may be removed as duplicates
    >>> print(waiting_note("duplicates", 1))
    duplicates not final: 1 pair of records may be duplicates and awaits a person's verdict; until decided, it counts as two records, so up to 1 more may be removed as duplicates
    """
    if box == "duplicates":
        return (f"{SHORT[box]} not final: {counted(n, 'pair')} of records may be duplicates and "
                f"{'awaits' if n == 1 else 'await'} a person's verdict; until decided, "
                f"{'it counts' if n == 1 else 'each counts'} as two records, so up to {n:,} more may be removed as "
                f"duplicates")
    return f"{SHORT.get(box, box)} not final: {n:,} still {'awaits' if n == 1 else 'await'} a decision"


#: Quantities a review's text may state besides the boxes themselves.
STATED_EXTRA = ("identified_total", "identified_dbr", "identified_other")

#: Keys of our JSON that hold the checks' lines besides the sums (:attr:`PrismaCounts.progress`,
#: :attr:`PrismaCounts.screening_notes`): how the checks stand, not what the diagram says.
CHECK_LINES = ("progress", "screening_notes")
#: Keys of our JSON besides the count fields.
META_KEYS = ("format", "template", "title", "labels", "notes", "stated", "source", "pending") + CHECK_LINES
#: Keys of our JSON made from the others when it is written, and not read back: ``draft``, the notes of the boxes
#: not final (:meth:`PrismaCounts.waiting_notes`), for a reader who takes the numbers from the file.
DERIVED_KEYS = ("draft",)

FORMAT_NAME = "synthesis-prisma-counts/1"

#: The layouts a counts file may name (drawn by :data:`synthesis.prisma.layouts.TEMPLATES`). Named here so
#: the counts model needs nothing from the layouts.
TEMPLATE_NAMES = ("new_dbr", "new_dbr_other", "updated_dbr", "updated_dbr_other", "prisma2009")

THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+")
COUNT_TEXT = re.compile(r"\d+|\d{1,3}(,\d{3})+")
#: A whole number written with a decimal part of zeros, as pandas writes floats ("29.0"); not "1.000", which is a
#: thousand where the decimal mark is a comma (refused as not a whole number).
WHOLE_DECIMAL = re.compile(r"\d+\.0{1,2}")


class PrismaInputError(SynthesisError, ValueError):
    """Counts that cannot be used: the message names the file, the field and what is wrong."""


class PrismaWarning(UserWarning):
    """A diagram that was drawn but will not print as asked (taller than its page at the smallest font)."""


Pairs = list[tuple[str, int]]


def to_count(value: Any, name: str) -> int | None:
    """Return ``value`` as a non-negative int, ``None`` when empty; raise naming ``name`` otherwise.

    >>> to_count(" 12 ", "duplicates"), to_count("", "duplicates"), to_count("29.0", "duplicates")
    (12, None, 29)
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise PrismaInputError(f"{name}: a count must be a whole number (got {value!r})")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        if value != value:  # NaN from pandas means "not given"
            return None
        if not value.is_integer():
            raise PrismaInputError(f"{name}: a count must be a whole number (got {value!r})")
        n = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if text == "" or text.upper() == "NA":
            return None
        if THOUSANDS.fullmatch(text):  # "1,234", as the R package writes and reads counts
            text = text.replace(",", "")
        if WHOLE_DECIMAL.fullmatch(text):  # "29.0": pandas writes a count column with an empty cell as floats
            text = text.split(".")[0]
        sign = text[1:] if text[:1] in "+-" else text
        if not sign.isdigit():
            raise PrismaInputError(f"{name}: a count must be a whole number (got {value!r})")
        n = int(text)
    else:
        raise PrismaInputError(f"{name}: a count must be a whole number (got {value!r})")
    if n < 0:
        raise PrismaInputError(f"{name}: a count cannot be negative (got {n})")
    return n


def to_pairs(value: Any, name: str) -> Pairs | None:
    """Return ``value`` (a mapping, a list of pairs, or ``"Name, n; Name, n"``) as a list of pairs.

    >>> to_pairs("MEDLINE, 200; Embase, 128", "database_specific_results")
    [('MEDLINE', 200), ('Embase', 128)]
    """
    if value is None:
        return None
    if isinstance(value, str):
        return parse_pairs(value, name)
    if isinstance(value, Mapping):
        items = list(value.items())
    else:
        try:
            items = [tuple(item) for item in value]
        except TypeError:
            raise PrismaInputError(f"{name}: expected a list of (name, n) pairs (got {value!r})") from None
    pairs: Pairs = []
    for item in items:
        if len(item) != 2:
            raise PrismaInputError(f"{name}: expected (name, n) pairs, got {item!r}")
        label, n = item
        label = str(label).strip()
        if not label:
            raise PrismaInputError(f"{name}: an entry has no name (n = {n!r})")
        count = to_count(n, f"{name} '{label}'")
        if count is None:
            raise PrismaInputError(f"{name} '{label}': the count is missing")
        pairs.append((label, count))
    return pairs


def parse_pairs(text: str, name: str) -> Pairs | None:
    """Parse the R template's ``"Name, n; Name, n"`` strings.

    As in the R package, the name ends at the first comma and the count may have thousands separators;
    when what follows the first comma is not a count, the name runs to the last comma instead. A line break
    separates entries as ';' does (a list typed one entry a line in a spreadsheet cell).

    >>> parse_pairs("Scopus, 1,234; Wrong population, adults, 3", "dbr_excluded")
    [('Scopus', 1234), ('Wrong population, adults', 3)]
    >>> parse_pairs("Wrong population, 3\\nWrong design, 2", "dbr_excluded")
    [('Wrong population', 3), ('Wrong design', 2)]
    """
    text = text.strip()
    if not text or text.upper() == "NA":
        return None
    pairs: Pairs = []
    for part in re.split(r"[;\n]", text):
        part = part.strip()
        if not part:
            continue
        label, comma, n = part.partition(",")
        if not COUNT_TEXT.fullmatch(n.strip()):
            label, comma, n = part.rpartition(",")
        if not comma or not label.strip():
            raise PrismaInputError(
                f"{name}: entry {part!r} is not 'Name, n' (separate entries with ';', name and count with ',')"
            )
        count = to_count(n, f"{name} '{label.strip()}'")
        if count is None:
            raise PrismaInputError(f"{name} '{label.strip()}': the count is missing")
        pairs.append((label.strip(), count))
    return pairs or None


def format_pairs(pairs: Iterable[tuple[str, int]]) -> str:
    """Write pairs the R template's way: ``"Name, n; Name, n"``."""
    return "; ".join(f"{label}, {n}" for label, n in pairs)


@dataclass
class PrismaCounts:
    """Every box of the PRISMA flow diagrams; ``None`` where a box was not reported.

    Build one from the pipeline with :func:`from_pipeline`, read one with :func:`read_counts`.

    >>> c = PrismaCounts(database_specific_results=[("MEDLINE", 200), ("PubMed", 128)])
    >>> c.completed().database_results
    328
    """

    previous_studies: int | None = None
    previous_reports: int | None = None
    database_results: int | None = None
    register_results: int | None = None
    website_results: int | None = None
    organisation_results: int | None = None
    citations_results: int | None = None
    other_results: int | None = None
    duplicates: int | None = None
    excluded_automatic: int | None = None
    excluded_other: int | None = None
    records_after_duplicates: int | None = None
    records_screened: int | None = None
    records_excluded: int | None = None
    dbr_sought_reports: int | None = None
    dbr_notretrieved_reports: int | None = None
    other_sought_reports: int | None = None
    other_notretrieved_reports: int | None = None
    dbr_assessed: int | None = None
    dbr_excluded: int | None = None
    other_assessed: int | None = None
    other_excluded: int | None = None
    new_studies: int | None = None
    new_reports: int | None = None
    total_studies: int | None = None
    total_reports: int | None = None
    total_studies_ma: int | None = None
    total_reports_ma: int | None = None
    database_specific_results: Pairs | None = None
    register_specific_results: Pairs | None = None
    records_excluded_reasons: Pairs | None = None
    dbr_excluded_reasons: Pairs | None = None
    other_excluded_reasons: Pairs | None = None
    #: Layout the counts were made for ("new_dbr", ..., "prisma2009"), if the file says.
    template: str | None = None
    title: str = ""
    #: Box wording overrides, by field or box name (see :mod:`synthesis.prisma.layouts`).
    labels: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: Numbers the review's text states: ``[{"field": ..., "value": n, "quote": ..., "where": ...}]``.
    stated: list[dict] = field(default_factory=list)
    #: Where the counts came from (a file path, "pipeline").
    source: str = ""
    #: Boxes whose number is not final yet, with how many records (or reports) still await a decision there:
    #: a review mid-screening (``{"records_screened": 431}``). The checks then flag only such a box where
    #: those waiting account for a sum that fails (see :func:`synthesis.prisma.checks.check`).
    pending: dict[str, int] = field(default_factory=dict)
    #: What the counts still wait for, in sentences the checks say before the sums (screening in progress, pairs
    #: awaiting a duplicate verdict); kept with the counts so that the checks of the counts read again from
    #: ``prisma_counts.json`` say what the build's ``prisma_checks.txt`` says. Not drawn (left out of the repr,
    #: which keys the drawn diagram's cache).
    progress: list[str] = field(default_factory=list, repr=False)
    #: The screening lines the checks say after the sums: each stopping test, the conflicts at each stage.
    screening_notes: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self):
        for name in NUMBER_FIELDS:
            setattr(self, name, to_count(getattr(self, name), name))
        for name in LIST_FIELDS:
            setattr(self, name, to_pairs(getattr(self, name), name))
        for item in self.stated:
            check_stated(item)
        if not isinstance(self.pending, Mapping):
            raise PrismaInputError("pending: expected an object of {box: records that await a decision}")
        unknown = [str(k) for k in self.pending if k not in NUMBER_FIELDS]
        if unknown:
            raise PrismaInputError(f"pending: {unknown[0]!r} is not a box's number"
                                   f"{suggest(unknown[0], NUMBER_FIELDS)}")
        self.pending = {str(k): to_count(v, f"pending {k}") for k, v in self.pending.items()}

    # ---- derived quantities (never stored) -------------------------------------------------------
    @property
    def identified_dbr(self) -> int | None:
        """Records identified from databases and registers (``None`` when neither is given)."""
        parts = [self.database_results, self.register_results]
        if all(p is None for p in parts):
            return None
        return sum(p or 0 for p in parts)

    @property
    def identified_other(self) -> int | None:
        """Records identified via other methods (websites, organisations, citations, other sources)."""
        parts = [self.website_results, self.organisation_results, self.citations_results, self.other_results]
        if all(p is None for p in parts):
            return None
        return sum(p or 0 for p in parts)

    @property
    def identified_total(self) -> int | None:
        """Records identified from every source."""
        parts = [self.identified_dbr, self.identified_other]
        if all(p is None for p in parts):
            return None
        return sum(p or 0 for p in parts)

    @property
    def has_other_methods(self) -> bool:
        """Whether any "other methods" box has a count above zero (or reasons).

        Zeros count as "not used" here, as for :attr:`is_update`: the R template's blank form fills the
        other-methods boxes with 0, and a column of zeros says nothing. Name a ``*_other`` template to
        draw it anyway.
        """
        return any(
            getattr(self, f)
            for f in ("website_results", "organisation_results", "citations_results", "other_results",
                      "other_sought_reports", "other_notretrieved_reports", "other_assessed", "other_excluded")
        ) or bool(self.other_excluded_reasons)

    @property
    def is_update(self) -> bool:
        """Whether the counts belong to an updated review: previous studies or reports above zero.

        Zero counts the same as missing here because the R template's blank form fills every box with 0.
        """
        return bool(self.previous_studies) or bool(self.previous_reports)

    def waiting(self) -> dict[str, int]:
        """The boxes not final yet (:attr:`pending`) that the counts give, with how many wait there.

        >>> PrismaCounts(duplicates=68, pending={"duplicates": 3, "records_screened": 0}).waiting()
        {'duplicates': 3}
        """
        return {box: n for box, n in (self.pending or {}).items() if n and getattr(self, box, None) is not None}

    def waiting_notes(self) -> dict[str, str]:
        """What a draft diagram notes on each box not final (:func:`waiting_note`), by box."""
        return {box: waiting_note(box, n) for box, n in self.waiting().items()}

    def get(self, name: str):
        """The value of a box or of a derived quantity (``identified_total``, ...) by name."""
        return getattr(self, name)

    def completed(self) -> "PrismaCounts":
        """A copy with box totals filled in from their parts where the box itself is missing.

        Only sums of given parts are filled in (a database total from the per-database counts, an
        exclusion total from its reasons, a grand total from previous + new); nothing is inferred
        by subtraction, so a missing box never gets a number the review did not produce.
        """
        data = self.to_dict()
        new = PrismaCounts.from_dict(data)
        new.source = self.source
        for list_name, total in LIST_TOTAL.items():
            pairs = getattr(new, list_name)
            if pairs and getattr(new, total) is None:
                setattr(new, total, sum(n for _, n in pairs))
        new.fill_implied_zeros()
        if new.is_update:
            if new.total_studies is None and None not in (new.previous_studies, new.new_studies):
                new.total_studies = new.previous_studies + new.new_studies
            if new.total_reports is None and None not in (new.previous_reports, new.new_reports):
                new.total_reports = new.previous_reports + new.new_reports
        return new

    def fill_implied_zeros(self) -> None:
        """Fill empty boxes that follow a zero: with no report sought none is retrieved or assessed, and
        with none assessed none is excluded (so their reasons may be left empty).

        This is how the R template is often filled in: zeros for websites, organisations and citation
        searching, and the "reports excluded" row left empty.
        """
        for head, after in ((("identified_other",), ("other_sought_reports",)),
                            (("other_sought_reports",), ("other_notretrieved_reports", "other_assessed")),
                            (("other_assessed",), ("other_excluded",)),
                            (("dbr_sought_reports",), ("dbr_notretrieved_reports", "dbr_assessed")),
                            (("dbr_assessed",), ("dbr_excluded",)),
                            (("records_screened",), ("records_excluded",))):
            if all(getattr(self, h) == 0 for h in head):
                for name in after:
                    reasons = name + "_reasons"
                    if getattr(self, name) is None and not getattr(self, reasons, None):
                        setattr(self, name, 0)

    # ---- conversion --------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """A JSON-ready dict: given counts only, lists as ``{name: n}`` objects, then the metadata."""
        out: dict[str, Any] = {"format": FORMAT_NAME}
        if self.template:
            out["template"] = self.template
        if self.title:
            out["title"] = self.title
        for name in NUMBER_FIELDS + LIST_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            out[name] = [[label, n] for label, n in value] if name in LIST_FIELDS else value
        if self.labels:
            out["labels"] = dict(self.labels)
        if self.stated:
            out["stated"] = [dict(s) for s in self.stated]
        if self.notes:
            out["notes"] = list(self.notes)
        if self.pending:
            out["pending"] = dict(self.pending)
        if notes := self.waiting_notes():  # the JSON said which boxes wait, not in words that these are a draft
            out["draft"] = list(notes.values())
        for name in CHECK_LINES:
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        return out

    @classmethod
    def from_dict(cls, data: Mapping, where: str = "") -> "PrismaCounts":
        """Build counts from a dict such as :meth:`to_dict` gives; unknown keys are an error.

        ``where`` (a file name) prefixes every error message.
        """
        prefix = f"{where}: " if where else ""
        if not isinstance(data, Mapping):
            raise PrismaInputError(f"{prefix}expected an object of counts, got {type(data).__name__}")
        known = set(NUMBER_FIELDS) | set(LIST_FIELDS) | set(META_KEYS) | set(DERIVED_KEYS)
        unknown = [k for k in data if k not in known and not str(k).startswith("_")]
        if unknown:
            raise PrismaInputError(f"{prefix}unknown field name(s) {', '.join(map(repr, unknown))}"
                                   f"{suggest(unknown[0], known)}")
        fmt = data.get("format")
        if fmt not in (None, FORMAT_NAME):
            raise PrismaInputError(f"{prefix}format is {fmt!r}; this version reads {FORMAT_NAME!r}")
        kwargs: dict[str, Any] = {}
        try:
            data = dict(data)
            for total, reasons in (("dbr_excluded", "dbr_excluded_reasons"), ("other_excluded", "other_excluded_reasons")):
                # The R template (and the screening step) keep the reasons in the box's own field.
                value = data.get(total)
                if isinstance(value, (list, tuple, Mapping)) or (
                        isinstance(value, str) and "," in value and not THOUSANDS.fullmatch(value.strip())):
                    if data.get(reasons) is not None:
                        raise PrismaInputError(f"{total}: reasons given both here and in {reasons}")
                    pairs = to_pairs(value, total) or []
                    data[reasons] = pairs
                    data[total] = sum(n for _, n in pairs)
            for name in NUMBER_FIELDS:
                if name in data:
                    kwargs[name] = to_count(data[name], name)
            for name in LIST_FIELDS:
                if name in data:
                    kwargs[name] = to_pairs(data[name], name)
            labels = data.get("labels") or {}
            if not isinstance(labels, Mapping):
                raise PrismaInputError("labels: expected an object of {box or field: text}")
            notes = data.get("notes") or []
            if isinstance(notes, str):
                notes = [notes]
            lines = {}
            for name in CHECK_LINES:
                value = data.get(name) or []
                if isinstance(value, str) or not isinstance(value, list):
                    raise PrismaInputError(f"{name}: expected a list of sentences")
                lines[name] = [str(v) for v in value]
            stated = data.get("stated") or []
            if not isinstance(stated, list):
                raise PrismaInputError("stated: expected a list of {field, value, quote, where}")
            template = data.get("template")
            if template is not None and template not in TEMPLATE_NAMES:
                raise PrismaInputError(f"template: unknown {template!r}; one of {', '.join(TEMPLATE_NAMES)}")
            return cls(
                **kwargs,
                template=template,
                title=str(data.get("title") or ""),
                labels={str(k): str(v) for k, v in labels.items()},
                notes=[str(n) for n in notes],
                stated=[dict(s) if isinstance(s, Mapping) else s for s in stated],
                source=str(data.get("source") or where or ""),
                pending=data.get("pending") or {},
                **lines,
            )
        except PrismaInputError as exc:
            if prefix and not str(exc).startswith(prefix):
                raise PrismaInputError(prefix + str(exc)) from None
            raise

    def table(self):
        """The given boxes as a table (``pandas.DataFrame``): box, field, n; listed sources and reasons
        on rows of their own under their box.

        >>> PrismaCounts(database_specific_results=[("MEDLINE", 200)], database_results=200).table()
                 box                      field    n
        0  databases           database_results  200
        1    MEDLINE  database_specific_results  200
        """
        import pandas as pd

        rows = []
        for name in NUMBER_FIELDS:
            value = getattr(self, name)
            if value is not None:
                rows.append((SHORT.get(name, name), name, value))
            for list_name, total in LIST_TOTAL.items():
                if total == name:
                    rows += [(label, list_name, n) for label, n in getattr(self, list_name) or []]
        return pd.DataFrame(rows, columns=["box", "field", "n"])

    def given(self) -> dict:
        """The given counts as ``{field: value}`` (lists included), for tables and tests."""
        return {n: getattr(self, n) for n in NUMBER_FIELDS + LIST_FIELDS if getattr(self, n) is not None}


def check_stated(item) -> None:
    """Validate one ``stated`` entry: a field name and a count."""
    if not isinstance(item, Mapping) or "field" not in item or "value" not in item:
        raise PrismaInputError(f"stated: each entry needs 'field' and 'value' (got {item!r})")
    name = item["field"]
    if name not in NUMBER_FIELDS and name not in STATED_EXTRA:
        raise PrismaInputError(f"stated: unknown field {name!r}{suggest(name, set(NUMBER_FIELDS) | set(STATED_EXTRA))}")
    if to_count(item["value"], f"stated {name}") is None:
        raise PrismaInputError(f"stated {name}: the value is missing")


def suggest(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for a close known name, else ``""``."""
    import difflib

    close = difflib.get_close_matches(str(name), sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# ---- building from the pipeline -------------------------------------------------------------------

def from_pipeline(
    identified: Mapping[str, int],
    duplicates: int,
    screening: Mapping[str, Any],
    *,
    registers: Mapping[str, int] | None = None,
    other_methods: Mapping[str, int] | None = None,
    excluded_automatic: int | None = 0,
    excluded_other: int | None = 0,
    previous: Mapping[str, int] | None = None,
    labels: Mapping[str, str] | None = None,
    title: str = "",
) -> PrismaCounts:
    """Counts of a review run in this workbench, from plain numbers each step reports.

    Parameters
    ----------
    identified : records imported per database, ``{"MEDLINE": 200, "Embase": 163}`` (the import report).
    duplicates : records marked as duplicates and removed before screening (deduplication).
    screening : the screening numbers by R-template field name: ``records_screened``,
        ``records_excluded``, ``dbr_sought_reports``, ``dbr_notretrieved_reports``, ``dbr_assessed``,
        ``dbr_excluded_reasons`` (``{reason: n}``), ``new_studies``, ``new_reports``, and for other
        methods ``other_sought_reports`` ... ``other_excluded_reasons``.
    registers : records per trial register, like ``identified``.
    other_methods : ``{"website_results": n, "organisation_results": n, "citations_results": n}``.
    excluded_automatic, excluded_other : records removed before screening by automation tools or
        for other reasons.
    previous : ``{"previous_studies": n, "previous_reports": n}`` for an updated review.

    Examples
    --------
    >>> c = from_pipeline({"MEDLINE": 200, "Embase": 163}, 200,
    ...                   {"records_screened": 163, "records_excluded": 120})
    >>> c.database_results, c.records_screened
    (363, 163)
    """
    data: dict[str, Any] = {}
    pairs = to_pairs(identified, "identified") or []
    data["database_specific_results"] = pairs
    data["database_results"] = sum(n for _, n in pairs)
    if registers:
        reg = to_pairs(registers, "registers") or []
        data["register_specific_results"] = reg
        data["register_results"] = sum(n for _, n in reg)
    data["duplicates"] = duplicates
    data["excluded_automatic"] = excluded_automatic
    data["excluded_other"] = excluded_other
    allowed = {
        "records_screened", "records_excluded", "records_excluded_reasons", "dbr_sought_reports",
        "dbr_notretrieved_reports", "dbr_assessed", "dbr_excluded", "dbr_excluded_reasons",
        "other_sought_reports", "other_notretrieved_reports", "other_assessed", "other_excluded",
        "other_excluded_reasons", "new_studies", "new_reports", "total_studies", "total_reports",
        "total_studies_ma", "total_reports_ma",
    }
    for source, keys in (("screening", allowed),
                         ("other_methods", {"website_results", "organisation_results", "citations_results",
                                            "other_results"}),
                         ("previous", {"previous_studies", "previous_reports"})):
        given = {"screening": screening, "other_methods": other_methods, "previous": previous}[source] or {}
        for key, value in given.items():
            if key not in keys:
                raise PrismaInputError(f"{source}: unknown field {key!r}{suggest(key, keys)}")
            data[key] = value
    data["labels"] = dict(labels or {})
    data["title"] = title
    data["source"] = "pipeline"
    counts = PrismaCounts.from_dict(data).completed()
    return counts


def sum_counts(rounds: Iterable[PrismaCounts]) -> PrismaCounts:
    """Add up the counts of several search rounds (a living review's base search and its updates).

    A box is the sum over the rounds that give it (``None`` when none does); listed sources and reasons
    are added by name, in order of first appearance. Previous studies and reports come from the first
    round only (later rounds' "previous" are the earlier rounds themselves), and totals are not summed
    (they are recomputed by :meth:`PrismaCounts.completed`).

    >>> a = PrismaCounts(database_results=90, dbr_excluded_reasons=[("Population", 2), ("Intervention", 1)])
    >>> b = PrismaCounts(database_results=35, dbr_excluded_reasons=[("Intervention", 2)])
    >>> c = sum_counts([a, b])
    >>> c.database_results, c.dbr_excluded_reasons
    (125, [('Population', 2), ('Intervention', 3)])
    """
    rounds = list(rounds)
    if not rounds:
        raise PrismaInputError("sum_counts: no rounds to add up")
    data: dict[str, Any] = {}
    skip = {"total_studies", "total_reports"}
    for name in NUMBER_FIELDS:
        if name in skip:
            continue
        if name in ("previous_studies", "previous_reports"):
            data[name] = getattr(rounds[0], name)
            continue
        values = [getattr(r, name) for r in rounds if getattr(r, name) is not None]
        data[name] = sum(values) if values else None
    for name in LIST_FIELDS:
        merged: dict[str, int] = {}
        for r in rounds:
            for label, n in getattr(r, name) or []:
                merged[label] = merged.get(label, 0) + n
        data[name] = list(merged.items()) or None
    labels: dict[str, str] = {}
    for r in rounds:
        labels.update(r.labels)
    return PrismaCounts(**data, labels=labels, source=" + ".join(r.source for r in rounds if r.source))


def previous_from(counts: PrismaCounts) -> dict[str, int]:
    """The ``previous`` counts of an update, from the counts of the review it updates.

    >>> previous_from(PrismaCounts(new_studies=49))
    {'previous_studies': 49}
    """
    studies = counts.total_studies if counts.total_studies is not None else counts.new_studies
    reports = counts.total_reports if counts.total_reports is not None else counts.new_reports
    out = {}
    if studies is not None:
        out["previous_studies"] = studies
    if reports is not None:
        out["previous_reports"] = reports
    return out


#: How the diagram names the records of an export that names no database.
UNKNOWN_DATABASE = "Unknown database"


def identified_per_database(records) -> dict[str, int]:
    """Records per ``source_database`` of a record table (the import step's count per database).

    >>> import pandas as pd
    >>> identified_per_database(pd.DataFrame({"source_database": ["PubMed", "Scopus", "PubMed"]}))
    {'PubMed': 2, 'Scopus': 1}
    """
    names = records["source_database"].fillna("").astype(str).str.strip().replace("", UNKNOWN_DATABASE)
    counts = names.value_counts(sort=False)
    return {str(k): int(v) for k, v in sorted(counts.items())}


def in_preferred_order(counts: dict, preferred) -> dict:
    """``counts`` by database with the review's ``preferred_databases`` first, in that order (any case), then the
    others as they came (alphabetical, from the build).

    The diagram listed the databases alphabetically, Google Scholar (a supplementary source) first. PRISMA 2020
    prescribes no order, and the PRISMA2020 R package draws ``database_specific_results`` in the order the
    authors wrote them; the review's own order of its databases is the one its settings give.

    >>> in_preferred_order({"Google Scholar": 14, "PubMed": 39, "Scopus": 48}, ["pubmed", "Scopus"])
    {'PubMed': 39, 'Scopus': 48, 'Google Scholar': 14}
    """
    rank = {str(name).casefold(): i for i, name in enumerate(preferred or [])}
    return dict(sorted(counts.items(), key=lambda item: rank.get(str(item[0]).casefold(), len(rank))))


__all__ = [
    "PrismaCounts", "PrismaInputError", "PrismaWarning", "NUMBER_FIELDS", "LIST_FIELDS", "from_pipeline",
    "previous_from", "sum_counts",
    "identified_per_database", "in_preferred_order", "TEMPLATE_NAMES",
]
