"""The engine of the tagged export formats: RIS, MEDLINE/nbib, Web of Science plain text, EndNote tagged,
Ovid's field labels and tagged export, the Cochrane Library's plain text, RefWorks tagged and ProQuest's plain
text.

All of them write a record as tag lines (a tag, then its value) and untagged lines that continue the tag
above. What differs is data, held by a :class:`TagFormat` (as rispy's ``config`` does for its parsers):
what a tag line looks like, which tag opens and which closes a record (or whether a blank line closes it),
which tags hold lists, how a wrapped line joins its value, and which tag feeds which column of the record
table (the tables of :mod:`synthesis.io.config`).

:func:`scan` reads a text into one tag dict per record, remembering where each starts, and never drops
anything silently: text outside the records is kept beside them (RIS) or named in a warning with its line;
a record the file ends inside is marked. :func:`finish` turns a :class:`Scan` into a
:class:`~synthesis.io.base.ParseResult`: one row per record (:func:`synthesis.io.sources.fields.build_row`),
records with no fields rejected, records without a title warned about.

A format's dialect rules (:class:`Rule`: a fix of the built row, for one database's quirk) each say what a record
must hold for them to change anything: a tag, a piece of text in a link. The records are built a few dozen at a
time, and a rule is tried only on a run of records whose :class:`Facts` hold what it needs: a rule for ProQuest's
names is not tried on each record of a Scopus file.

Examples
--------
>>> import re
>>> from synthesis.io import config
>>> fmt = TagFormat("EndNote tagged", re.compile(r"\\n(%[^\\n])(?: |(?=\\n)|$)"), config.ENDNOTE_COLUMNS,
...                 list_tags=config.ENDNOTE_LIST_TAGS, start="%0", blank_ends=True, join="\\n")
>>> found = scan("%0 Journal Article\\n%T A trial\\n%A Smith, John\\n%A Doe, Jane\\n\\n%T Another\\n", fmt)
>>> found.records, found.lines
([{'%0': 'Journal Article', '%T': 'A trial', '%A': ['Smith, John', 'Doe, Jane']}, {'%T': 'Another'}], [1, 6])
>>> [row["authors"] for row in finish(found, fmt).records]
[['Smith, J.', 'Doe, J.'], []]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate, count, repeat
from operator import itemgetter, methodcaller
from typing import Callable, Mapping

from ..base import ParseResult, Rejected
from .fields import Columns, build_row

#: Tags that mark a record (its type, its number, the text around it) without being content.
MARKERS = ("TY", "PT", "%0", "_number", "_before", "_after")
#: A record number between records: Ovid's "3001." or Cochrane's "Record #3 of 20".
_RECORD_NUMBER = re.compile(r"(?:Record #)?(\d+)\.?(?: of \d+)?\s*$")
_OUTSIDE = "line {line}: text outside any record ignored: {text!r}"
_CUT_OFF = "the file ends inside this record (no {end} line): truncated export?"


@dataclass(frozen=True)
class TagFormat:
    """How one tagged format writes its records, as data.

    Parameters
    ----------
    label : str
        The format's name in messages (``"RIS"``).
    tag_line : re.Pattern
        A tag line, matched from the newline before it; group 1 is the tag, the value follows the match.
    columns : mapping
        Record-table column -> tags, best first (see :mod:`synthesis.io.config`).
    list_tags : frozenset
        Tags whose every line is one item of a list (authors, keywords); ``all_lists`` makes every tag one.
    start, end : str
        The tag that opens a record and the one that closes it (``end=""``: none).
    start_pattern : re.Pattern, optional
        Tags that open a record and carry its number (Ovid's ``<12>``), kept as ``_number``.
    inner_start : tuple, optional
        ``(codes, tag)``: inside a record opened with a value that ``codes`` (a pattern) matches, the start
        tag with a value it does not match is that record's field ``tag``, not the next record's start
        (Scopus's older RIS writes the document type as a second ``TY  - Review`` line).
    blank_ends : bool
        A blank line closes a record, and any tag after it opens the next (MEDLINE, EndNote).
    items_on_lines : bool
        An untagged line below a list tag is one more item (else it continues the last item).
    join : str
        How an untagged line below a text tag joins its value.
    keep_outside : bool
        Text outside the records is kept in the neighbouring record's raw tags (RIS: a record number as
        the next record's ``_number``, other lines as ``_after`` of the one before, or ``_before`` of the
        first), and a tag line right after a record's end still belongs to it (Ovid's ``NL`` after ``ER``).
        Otherwise such text is named in a warning with its line.
    header_tags : frozenset
        Tags of a file header, outside the records (Web of Science ``FN``, ``VR``, ``EF``).
    build : callable
        ``build(tags, index, columns) -> row``, by default :func:`~synthesis.io.sources.fields.build_row`
        (``columns``: the column table as :class:`~synthesis.io.sources.fields.Columns`).
    empty : str
        Why a record with no fields is rejected.
    cut_off : callable, optional
        ``cut_off(scan, text)`` marks the last record as cut off by the end of the file, for formats
        without an end tag (see :mod:`.cutoff`); with an end tag, a record without one is cut off.
    markers : tuple
        Tags that mark a record without being content (its type, its number): a record with nothing else
        is rejected as empty.
    rules : tuple of Rule
        The dialect rules applied, in order, to each row ``build`` made (each only where its needs are met).
    fact_tags : tuple of str
        The tags whose values the rules' ``marks`` are looked for in (a record's links, say).
    """

    label: str
    tag_line: re.Pattern
    columns: Mapping = field(default_factory=dict)
    list_tags: frozenset = frozenset()
    start: str = ""
    end: str = ""
    start_pattern: re.Pattern | None = None
    inner_start: tuple | None = None
    blank_ends: bool = False
    all_lists: bool = False
    items_on_lines: bool = True
    join: str = " "
    keep_outside: bool = False
    header_tags: frozenset = frozenset()
    build: Callable = build_row
    empty: str = "no fields besides its type"
    cut_off: Callable | None = None
    markers: tuple = MARKERS
    rules: tuple = ()
    fact_tags: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "column_table", Columns(self.columns))
        if not self.tag_line.pattern.startswith("\\n"):
            raise ValueError(f"{self.label}: a tag line pattern starts with the newline before the line")
        # The same, for the text's first line (which has no newline before it).
        object.__setattr__(self, "first_line", re.compile(self.tag_line.pattern[2:], self.tag_line.flags))


@dataclass(frozen=True)
class Facts:
    """What a run of records built together holds, found once for them all: the tags any of them uses, and the
    values of the format's ``fact_tags`` (one a line)."""

    tags: frozenset
    text: str = ""


@dataclass(frozen=True)
class Rule:
    """A dialect rule: a fix of the row built from a record's tags, and what the record must hold for the fix to
    change anything.

    Parameters
    ----------
    fix : callable
        ``fix(tags, row)``: changes ``row``, built from the record's ``tags``, in place.
    needs : tuple of str
        Tags the record must have for ``fix`` to change its row: each item a tag, or tags of which one is
        enough, joined with ``|`` (``("AU|A1", "UR")``: an author tag and a link).
    marks : tuple of str
        Pieces of text of which one must occur in a value of the format's ``fact_tags`` (``"proquest.com/"``).
        None holds white space: a fix that looks in several values joined with a space finds a piece within one
        of them, and so does :class:`Facts`, which joins them with line ends.

    Examples
    --------
    >>> rule = Rule(print, needs=("AU|A1", "UR"), marks=("proquest.com/",))
    >>> rule.applies(Facts(frozenset({"A1", "UR"}), "https://search.proquest.com/docview/1")), rule.applies(
    ...     Facts(frozenset({"A1", "UR"}), "https://doi.org/10.1/x")), rule.applies(Facts(frozenset({"A1"})))
    (True, False, False)
    """

    fix: Callable
    needs: tuple = ()
    marks: tuple = ()

    def __post_init__(self):
        if any(piece.split() != [piece] for piece in self.marks):
            raise ValueError(f"a rule's marks hold no white space: {self.marks}")
        object.__setattr__(self, "_needs", tuple(frozenset(item.split("|")) for item in self.needs))

    def applies(self, facts: Facts) -> bool:
        """Whether ``fix`` may change a row of the records ``facts`` describes."""
        return all(not tags.isdisjoint(facts.tags) for tags in self._needs) and (
            not self.marks or any(piece in facts.text for piece in self.marks))


@dataclass
class Scan:
    """What :func:`scan` found: one tag dict per record, where each starts, and what was odd."""

    parts: tuple = field(default=(), repr=False)  # the text cut at its tag lines (see scan)
    records: list[dict] = field(default_factory=list)  # tag -> str or list of str
    #: For each record, the index in ``parts`` of its first tag (or minus its line, for a record cut off
    #: inside its first line).
    starts: list[int] = field(default_factory=list)
    unterminated: dict[int, str] = field(default_factory=dict)  # record position (0-based) -> reason
    #: The rows of the first records, built while scanning (``scan(..., build=True)``); :func:`finish` builds
    #: the others.
    rows: list[dict] = field(default_factory=list, repr=False)
    #: The tags of the records that have rows (what their column table was narrowed to): once :func:`finish` has
    #: built them all, every tag of the file.
    tags_seen: frozenset = field(default=frozenset(), repr=False)
    warnings: list[str] = field(default_factory=list)
    _line_of: list[int] | None = field(default=None, repr=False)  # see line_of

    def line_of(self, part: int) -> int:
        """1-based line of the tag line at ``parts[part]`` (0 for the text before the first tag line).

        Counted on first use (only messages need lines): each tag line up to it took one newline, and the
        values before it (the even parts) hold the rest, summed once for the file in C (``accumulate``).
        """
        if self._line_of is None or len(self._line_of) != (len(self.parts) + 1) // 2 + 1:
            # the newlines of the first n values, for each n
            self._line_of = [0, *accumulate(map(str.count, self.parts[0::2], repeat("\n")))]
        before = (part + 1) // 2  # the values before the part, and the tags up to it
        return before + self._line_of[before]

    @property
    def lines(self) -> list[int]:
        """1-based line where each record starts."""
        return [self.line_of(k) if k >= 0 else -k for k in self.starts]

    def last_tags(self) -> list:
        """The last tag of each record (its opening tag when it has no other)."""
        starts = [k for k in self.starts if k >= 0]
        stops = starts[1:] + [len(self.parts)]
        return [self.parts[stop - 2] for stop in stops]

    def add_cut_record(self, text: str, fragment: str) -> None:
        """A last record of which the file holds only the first characters (``fragment``, its last line,
        which was warned about as text outside any record)."""
        line = text.count("\n") + 1
        if self.warnings and self.warnings[-1].startswith(f"line {line}: "):
            self.warnings.pop()
        self.records.append({"_cut": fragment})
        self.starts.append(-line)


def scan(text: str, fmt: TagFormat, build: bool = False) -> Scan:
    """Read ``text`` into one tag dict per record (see :class:`TagFormat` for what the format decides).

    A tag repeated in a record holds a list; a list tag is a list from its first line on (without empty
    items). The text of untagged lines below a record's opening tag is kept as ``_text``.

    With ``build``, the rows of the records are built as the scan goes, a few dozen records at a time
    (:attr:`Scan.rows`), while their text is still in the processor's cache; leave it off when the
    records are changed between :func:`scan` and :func:`finish`.
    """
    # One cut at every tag line (which the regular-expression engine finds from the newline before it):
    # [text before the first tag line, tag, value, tag, value...], each value with the untagged lines below.
    # The first part is the text before the first tag line with a newline put in front (the newline a cut
    # takes), or "" when the text opens with a tag line. A tuple: once the collector has seen that it holds
    # only strings, it no longer scans it.
    parts = fmt.tag_line.split(text)
    head = fmt.first_line.match(parts[0])
    if head:
        parts[0:1] = ("", head.group(1), parts[0][head.end():])
    else:
        parts[0] = "\n" + parts[0]
    parts = tuple(parts)
    out = Scan(parts)
    records, starts = out.records, out.starts
    list_tags, start, end, number = fmt.list_tags, fmt.start, fmt.end, fmt.start_pattern
    blank_ends, all_lists, keep_outside = fmt.blank_ends, fmt.all_lists, fmt.keep_outside
    special = frozenset((start, end))  # tags that open or close a record
    rec = None  # the record being read, or the last one read
    is_open = False  # ``rec`` has not been closed (by the end tag or a blank line)
    last = None  # the tag that untagged lines continue
    outside: list[str] = []  # text outside the records, waiting for the next record (keep_outside)
    no_end = []  # records that the next record's start closed instead of an end tag
    run_end, orphan = -1, False  # the run of tag lines after a record's end, and whether it is a record itself
    if parts[0]:  # text before the first tag line (its first line is the newline put in front)
        lines = parts[0].split("\n")[1:]
        if keep_outside:
            outside.extend(filter(None, map(str.strip, lines)))
        else:
            _warn_outside(out, lines, 1)
    fields = iter(parts)
    next(fields)
    for k, tag, value in zip(count(1, 2), fields, fields):  # k: the tag's index in ``parts``
        more = None  # the untagged lines below the tag line
        if "\n" in value:
            value, _, more = value.partition("\n")
        value = value.strip()
        if is_open and number is None and tag not in special:  # the usual line: one more field
            old = rec.get(tag)
            if old is None:
                rec[tag] = ([value] if value else []) if all_lists or tag in list_tags else value
            elif old.__class__ is list:
                if value or not (all_lists or tag in list_tags):
                    old.append(value)
            else:
                rec[tag] = [old, value]
            last = tag
        else:
            opens = tag == start or (number is not None and number.fullmatch(tag) is not None)
            if opens and is_open and fmt.inner_start is not None and _is_inner_start(rec, start, value, fmt):
                tag = fmt.inner_start[1]
                _add(rec, tag, value, all_lists or tag in list_tags)
                last = tag
            elif opens and not (blank_ends and is_open and tag not in rec):
                if is_open and end:
                    no_end.append(len(records))
                rec = {tag: value} if number is None else {"_number": number.fullmatch(tag).group(1)}
                if outside:
                    _place_outside(records, rec, outside)
                    outside = []
                if build and len(records) - len(out.rows) >= _BATCH:  # (the records so far are complete)
                    _build_rows(out, fmt)
                records.append(rec)
                starts.append(k)
                is_open, last = True, "_text"
            elif tag == end and end:
                is_open, last = False, None
            elif is_open or blank_ends:
                if not is_open:  # a tag after a blank line opens the next record
                    if build and len(records) - len(out.rows) >= _BATCH:
                        _build_rows(out, fmt)
                    rec = {}
                    records.append(rec)
                    starts.append(k)
                    is_open = True
                _add(rec, tag, value, all_lists or tag in list_tags)
                last = tag
            elif keep_outside:
                if k > run_end:
                    run_end, orphan = _run_after_end(parts, k, fmt)
                if orphan:  # a record whose opening line is missing or malformed: a record of its own
                    rec = {}
                    if outside:
                        _place_outside(records, rec, outside)
                        outside = []
                    records.append(rec)
                    starts.append(k)
                    is_open = True
                    _add(rec, tag, value, tag in list_tags)
                    last = tag
                    out.warnings.append(f"line {out.line_of(k)}: a record's fields without its {start} line "
                                        f"(missing or malformed above it); read as a record of its own")
                elif rec is not None and not outside:
                    _add(rec, tag, value, tag in list_tags)  # a tag line right after the end (Ovid's NL)
                else:
                    outside.append(f"{tag}  - {value}")
            elif tag not in fmt.header_tags:
                out.warnings.append(_OUTSIDE.format(line=out.line_of(k), text=f"{tag} {value}".strip()[:60]))
        if more is None:
            continue
        below = more.split("\n")
        after = None  # with blank_ends, the lines after a blank line (outside any record)
        if blank_ends:
            for j, line in enumerate(below):
                if not line.strip():
                    below, after, is_open = below[:j], below[j:], False
                    break
        lines = list(filter(None, map(str.strip, below)))
        if lines:
            if is_open or (rec is not None and after is not None):
                _continue(rec, last, lines, fmt)
            elif keep_outside:
                outside.extend(lines)
            else:
                _warn_outside(out, below, out.line_of(k) + 1)
        if after is not None:
            _warn_outside(out, after, out.line_of(k) + 1 + len(below))
    if outside and records:
        records[-1].setdefault("_after", []).extend(outside)
    # A file in which no record has an end line comes from a writer that leaves it out: its last record ends
    # with the file (when the file ends with a line end), and one warning says so.
    none_ends = is_open and end and len(records) > 1 and len(no_end) == len(records) - 1 \
        and text.endswith(("\n", "\r"))
    if none_ends:
        out.warnings.append(f"no record in this file has an {end} line: each was read as ending where the next "
                            f"starts, the last (record {len(records)}, line {out.lines[-1]}) with the file")
    elif is_open and end:
        out.unterminated[len(records) - 1] = _CUT_OFF.format(end=end)
    elif fmt.cut_off is not None:
        fmt.cut_off(out, text)
    if no_end and not none_ends:
        lines = out.lines
        for n in no_end:
            out.warnings.append(f"record {n} (line {lines[n - 1]}) has no {end} line; it ends where the next "
                                f"record starts (line {lines[n]})")
    return out


def _run_after_end(parts: tuple, k: int, fmt: TagFormat) -> tuple[int, bool]:
    """The tag lines from ``parts[k]``, outside any record, up to the next opening or closing tag: the index of
    that tag, and whether the run holds a title (the fields of a record whose opening line is missing or
    malformed) rather than a trailing field of the record above, such as Ovid's ``NL`` after ``ER``."""
    titles = fmt.column_table.title
    found = False
    j = k
    while j < len(parts) and parts[j] != fmt.start and parts[j] != fmt.end:
        found = found or parts[j] in titles
        j += 2
    return j, found


def _is_inner_start(rec: dict, start: str, value: str, fmt: TagFormat) -> bool:
    """Whether a start tag line inside ``rec`` is one of its fields (see ``TagFormat.inner_start``): the record
    opened with one of the start values, and this line's value is not one."""
    codes = fmt.inner_start[0]
    opened = rec.get(start)
    return opened.__class__ is str and codes.fullmatch(opened) is not None and codes.fullmatch(value) is None


def _add(rec: dict, tag: str, value: str, is_list: bool) -> None:
    """One tag line's value: list tags collect items (empty ones left out), a repeated tag becomes a list."""
    old = rec.get(tag)
    if old is None:
        rec[tag] = ([value] if value else []) if is_list else value
    elif old.__class__ is list:
        if value or not is_list:
            old.append(value)
    else:
        rec[tag] = [old, value]


def _continue(rec: dict, tag: str, lines: list[str], fmt: TagFormat) -> None:
    """Untagged lines below ``tag``: more items of a list tag, or more text of the value (its last item)."""
    cur = rec.get(tag)
    if fmt.items_on_lines and (fmt.all_lists or tag in fmt.list_tags):
        if cur.__class__ is str:
            cur = rec[tag] = [cur] if cur else []
        if cur is None:
            rec[tag] = lines
        else:
            cur.extend(lines)
        return
    joined = _joined(lines, fmt.join)
    if cur.__class__ is list:
        if cur:
            cur[-1] = _joined([cur[-1], joined], fmt.join) if cur[-1] else joined
        else:
            cur.append(joined)
    else:
        rec[tag] = _joined([cur, joined], fmt.join) if cur else joined


def _wide(ch: str) -> bool:
    """Chinese or Japanese script or their punctuation, which put no space between words (Korean does)."""
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"


def _joined(lines: list, sep: str) -> str:
    """Lines of one value joined: a line broken inside Chinese or Japanese text (CNKI's abstracts) takes no
    space where it was broken.

    >>> _joined(["方法收集影像资料，", "采用卷积神经网络。", "Results"], " ")
    '方法收集影像资料，采用卷积神经网络。 Results'
    """
    if sep != " " or len(lines) < 2 or all(line.isascii() for line in lines):
        return sep.join(lines)
    out = lines[0]
    for line in lines[1:]:
        out += line if out and line and _wide(out[-1]) and _wide(line[0]) else sep + line
    return out


def _place_outside(records: list[dict], rec: dict, outside: list[str]) -> None:
    """Text between two records: a bare record number (Ovid) is the next record's, the rest the last one's."""
    for text in outside:
        m = _RECORD_NUMBER.match(text)
        if m:
            rec["_number"] = m.group(1)
        elif records:
            records[-1].setdefault("_after", []).append(text)
        else:
            rec.setdefault("_before", []).append(text)


def _warn_outside(out: Scan, lines: list[str], first: int) -> None:
    """A warning for each non-blank line of ``lines`` (the first is line ``first``): text outside any record."""
    for j, line in enumerate(lines):
        if line.strip():
            out.warnings.append(_OUTSIDE.format(line=first + j, text=line.strip()[:60]))


def has_content(tags: dict, ignore=MARKERS) -> bool:
    """Whether a record has any field besides its type marker and the text around it."""
    return sum(map(bool, tags.values())) > sum(map(bool, map(tags.get, ignore)))


def finish(found: Scan, fmt: TagFormat) -> ParseResult:
    """The :class:`ParseResult` of a :class:`Scan`: a row for each record (the format's ``build``), but a
    record the file ends inside, or one with no fields, is rejected with its line; a warning for each
    imported record without a title."""
    records, cut = found.records, found.unterminated
    _build_rows(found, fmt)
    rows = found.rows
    rejected = []
    if cut or not all(map(_TITLE, rows)):  # only then can a row be wrong (a title is content)
        kept = []
        for row in rows:
            pos = row["source_index"] - 1
            if pos in cut:
                rejected.append(Rejected(pos + 1, cut[pos], found.lines[pos]))
            elif row["title"] or has_content(row["raw"], fmt.markers):
                kept.append(row)
            else:
                rejected.append(Rejected(pos + 1, f"empty {fmt.label} record: {fmt.empty}", found.lines[pos]))
        rows = kept
    out = ParseResult(records=rows, found=len(records), rejected=rejected, warnings=list(found.warnings))
    if not all(map(_TITLE, rows)):
        lines = found.lines
        for row in rows:
            if not row["title"]:
                index = row["source_index"]
                out.warnings.append(f"record {index} (line {lines[index - 1]}) has no title; imported anyway")
    return out


_TITLE = itemgetter("title")
#: Records built at a time while scanning (see :func:`scan`).
_BATCH = 64


def _build_rows(found: Scan, fmt: TagFormat) -> None:
    """The rows of the records that have none yet (all of them complete).

    The column table is narrowed to the tags these records use (and those before), so that they are
    not searched for tags that none of them has; their tags' hashes are known, as keys of their dicts.
    Likewise, only the format's rules whose needs these records meet are tried on them (see :class:`Rule`).
    """
    done, records = len(found.rows), found.records
    batch = records[done:]
    tags = frozenset().union(*batch)
    if not tags <= found.tags_seen:
        found.tags_seen |= tags
    columns = fmt.column_table.narrowed(found.tags_seen)
    rows = list(map(fmt.build, batch, range(done + 1, len(records) + 1), repeat(columns)))
    if fmt.rules:
        facts = Facts(tags, _fact_text(batch, fmt.fact_tags, tags))
        for rule in fmt.rules:
            if rule.applies(facts):  # (a rule at a time: each changes only its own record's row)
                fix = rule.fix
                for rec, row in zip(batch, rows):
                    fix(rec, row)
    found.rows.extend(rows)


def _fact_text(records: list[dict], fact_tags: tuple, present: frozenset) -> str:
    """The values of ``fact_tags`` in ``records`` (tags in ``present``, the tags they use), one a line."""
    found = []
    for tag in fact_tags:
        if tag in present:
            for value in filter(None, map(methodcaller("get", tag), records)):
                if value.__class__ is list:
                    found.extend(value)
                else:
                    found.append(value)
    return "\n".join(found)


def mostly_tag_lines(head: str, tag_line, least: int) -> bool:
    """Whether most of the first 200 non-empty lines of ``head``, and at least ``least`` of them, are tag lines
    (``tag_line`` matches at their start): how the sniffers of the tagged formats tell a file of theirs."""
    lines = [ln for ln in head.split("\n")[:200] if ln.strip()]
    tagged = sum(1 for ln in lines if tag_line.match(ln))
    return tagged >= least and tagged >= len(lines) * 0.5


def name_file_database(result: ParseResult) -> ParseResult:
    """Name the file after its records' database when every record names the same one (a Cochrane Library
    file of CENTRAL trials only, a RefWorks file of CNKI records); ``result`` itself is returned."""
    databases = {rec.get("source_database", "") for rec in result.records}
    if len(databases) == 1 and "" not in databases:
        result.database = databases.pop()
    return result


def read(text: str, fmt: TagFormat) -> ParseResult:
    """Scan ``text`` and build its rows: :func:`finish` of :func:`scan`."""
    return finish(scan(text, fmt, build=True), fmt)
