"""The search log, ``evidence/searches.toml``: one entry per search, as PRISMA-S asks for it.

Each ``[[search]]`` says where and how a search was run and what it produced::

    [[search]]
    id = "scopus"                       # short, unique
    database = "Scopus"                 # PRISMA-S item 1
    platform = "scopus.com"             # the interface or host
    date = 2026-11-04                   # the day it was run (item 13)
    search_string = '''
    TITLE-ABS-KEY ( "co-design" OR "co-production" ) AND TITLE-ABS-KEY ( digital W/2 health )
    '''                                 # exactly as run (item 8)
    limits = "2015-2026; English"       # or "none" (item 9)
    filters = ""                        # published search filters used, cited (item 10)
    records_reported = 48               # what the database said it found (item 15)
    files = ["data/searches/2026-11/scopus.ris"]   # the export(s) it produced

Optional: ``round`` (default: the round folder of its files), ``kind`` (``database``, the default, or
``register``, ``website``, ``organisation``, ``citation``: where the PRISMA diagram counts its records), ``label`` (the name in the PRISMA diagram; default the
database), ``notes``. A ``[prisma_s]`` table holds the PRISMA-S answers only people can give (peer review,
prior work, contacts...); see :mod:`synthesis.prisma.prisma_s`.

The file is yours to edit by hand; :func:`add_search` appends an entry from a notebook cell and leaves
everything above it, comments included, as it was. :func:`reconcile` sets each search's reported count
against what its export files hold and what is left after deduplication.

Examples
--------
>>> import datetime, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "searches.toml"
>>> _ = add_search(path, id="pubmed", database="PubMed", platform="NLM", date=datetime.date(2026, 11, 3),
...                search_string="co-design[tiab] AND digital health[tiab]", records_reported=38,
...                files=["data/searches/2026-11/pubmed.nbib"])
>>> log = read_search_log(path)
>>> [(s.id, s.database, s.records_reported) for s in log.searches]
[('pubmed', 'PubMed', 38)]
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .counts import suggest
from ..errors import SynthesisError, settings_toml, toml_message, undecodable_line

#: Fields of one ``[[search]]`` entry, with what each holds (for error messages and the README).
SEARCH_FIELDS = {
    "id": "a short unique name for the search",
    "database": "the database (or register, website...) searched",
    "platform": "the interface or host it was searched on",
    "date": "the day the search was run (YYYY-MM-DD)",
    "search_string": "the full search strategy, exactly as run",
    "limits": "limits and restrictions (dates, languages, publication types), or 'none'",
    "filters": "published search filters used, cited",
    "records_reported": "the number of records the database reported",
    "files": "the export file(s) the search produced, relative to the project folder",
    "round": "the search round (default: the round folder of its files)",
    "kind": "database (default), register, website, organisation or citation (citation searching)",
    "label": "its name in the PRISMA diagram (default: the database)",
    "notes": "anything else worth reporting (e.g. an export limit)",
}
REQUIRED = ("id", "database", "date", "search_string")
KINDS = ("database", "register", "website", "organisation", "citation")
#: The PRISMA box each kind of search counts in.
KIND_FIELD = {"database": "database_results", "register": "register_results", "website": "website_results",
              "organisation": "organisation_results", "citation": "citations_results"}

#: PRISMA-S answers only people can give, in ``[prisma_s]`` (item number: key).
PRISMA_S_KEYS = {
    2: "multi_database", 3: "registries", 4: "online_resources", 5: "citation_searching", 6: "contacts",
    7: "other_methods", 10: "search_filters", 11: "prior_work", 12: "updates", 14: "peer_review",
    16: "deduplication",
}


class SearchLogError(SynthesisError, ValueError):
    """A search log that cannot be used: the message names the file, the entry (and its line) and the field."""


@dataclass
class Search:
    """One search as run: where, when, how, and what it produced."""

    id: str
    database: str
    date: _dt.date
    search_string: str
    platform: str = ""
    limits: str = ""
    filters: str = ""
    records_reported: int | None = None
    files: list[str] = field(default_factory=list)
    round: str = ""
    kind: str = "database"
    label: str = ""
    notes: str = ""
    line: int = 0  # where its [[search]] header is in the file

    @property
    def name(self) -> str:
        """The name in the PRISMA diagram."""
        return self.label or self.database

    @property
    def source(self) -> str:
        """Database and platform, the way PRISMA-S item 1 asks for them: "MEDLINE via Ovid"."""
        if self.platform and self.platform.strip().lower() != self.database.strip().lower():
            return f"{self.database} via {self.platform}"
        return self.database

    def as_toml(self) -> dict:
        out: dict[str, Any] = {"id": self.id, "database": self.database}
        for key in ("platform", "kind", "label", "round"):
            value = getattr(self, key)
            if value and not (key == "kind" and value == "database"):
                out[key] = value
        out["date"] = self.date
        out["search_string"] = self.search_string
        for key in ("limits", "filters"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.records_reported is not None:
            out["records_reported"] = self.records_reported
        out["files"] = list(self.files)
        if self.notes:
            out["notes"] = self.notes
        return out


@dataclass
class SearchLog:
    """Every search of the review, and the ``[prisma_s]`` answers."""

    searches: list[Search] = field(default_factory=list)
    prisma_s: dict[str, str] = field(default_factory=dict)
    path: str = ""

    def table(self):
        """One row per search (``pandas.DataFrame``), for a notebook cell."""
        import pandas as pd

        rows = [{"id": s.id, "round": s.round, "database": s.database, "platform": s.platform,
                 "date": s.date.isoformat(), "limits": s.limits, "filters": s.filters,
                 "records_reported": s.records_reported, "files": "; ".join(s.files)} for s in self.searches]
        return pd.DataFrame(rows, columns=["id", "round", "database", "platform", "date", "limits", "filters",
                                           "records_reported", "files"])

    def in_round(self, name: str) -> list[Search]:
        return [s for s in self.searches if s.round == name]

    def file_names(self) -> dict[str, str]:
        """Each export file the log names -> the name its search has in the PRISMA diagram (label or database).

        >>> log = SearchLog([Search("pop", "Crossref", _dt.date(2026, 11, 7), "ethics", files=["data/s/pop.csv"]),
        ...                  Search("wos", "Web of Science Core Collection", _dt.date(2026, 11, 4), "ethics",
        ...                         label="Web of Science", files=["data/s/wos.txt", "data/s/wos.ris"])])
        >>> log.file_names()["data/s/pop.csv"], log.file_names()["data/s/wos.ris"]
        ('Crossref', 'Web of Science')
        """
        return {f: s.name for s in self.searches for f in s.files}

    def __repr__(self) -> str:
        return f"<SearchLog {self.path or ''}: {len(self.searches)} searches>"

    def _repr_html_(self) -> str:  # the last line of a notebook cell shows the table
        return self.table()._repr_html_()


def _entry_lines(text: str) -> list[int]:
    """Line numbers of the ``[[search]]`` headers, in order."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if re.match(r"\s*\[\[\s*search\s*\]\]", line)]


def _as_date(value, at: str) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise SearchLogError(f"{at}: date: expected a day as YYYY-MM-DD (got {value!r})")


def _as_count(value, at: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise SearchLogError(f"{at}: records_reported: expected a whole number (got {value!r})")
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", value.strip()):
        value = int(value.strip().replace(",", ""))
    if not isinstance(value, int) or value < 0:
        raise SearchLogError(f"{at}: records_reported: expected a whole number, 0 or more (got {value!r})")
    return value


def make_search(data: dict, at: str = "search", line: int = 0) -> Search:
    """Validate one entry (a dict as in the TOML file) into a :class:`Search`; errors name ``at`` and the field."""
    if not isinstance(data, dict):
        raise SearchLogError(f"{at}: expected a table of fields, got {type(data).__name__}")
    unknown = [k for k in data if k not in SEARCH_FIELDS]
    if unknown:
        raise SearchLogError(f"{at}: unknown field {unknown[0]!r}{suggest(unknown[0], SEARCH_FIELDS)}; "
                             f"the fields are {', '.join(SEARCH_FIELDS)}")
    missing = [k for k in REQUIRED if data.get(k) in (None, "")]
    if missing:
        raise SearchLogError(f"{at}: {missing[0]} is missing ({SEARCH_FIELDS[missing[0]]})")
    text = {}
    for key in ("id", "database", "platform", "search_string", "limits", "filters", "round", "kind", "label",
                "notes"):
        value = data.get(key, "")
        if not isinstance(value, str):
            raise SearchLogError(f"{at}: {key}: expected text (got {value!r})")
        text[key] = value.strip() if key != "search_string" else value.strip("\n")
    kind = text["kind"] or "database"
    if kind not in KINDS:
        raise SearchLogError(f"{at}: kind: {kind!r} is not one of {', '.join(KINDS)}{suggest(kind, KINDS)}")
    files = data.get("files", [])
    if isinstance(files, str):
        files = [files]
    if not isinstance(files, list) or not all(isinstance(f, str) and f.strip() for f in files):
        raise SearchLogError(f"{at}: files: expected a list of file paths (got {files!r})")
    files = [PurePosixPath(f.strip().replace("\\", "/")).as_posix() for f in files]
    round_name = text["round"] or (_round_of(files[0]) if files else "")
    return Search(id=text["id"], database=text["database"], date=_as_date(data["date"], at),
                  search_string=text["search_string"], platform=text["platform"], limits=text["limits"],
                  filters=text["filters"], records_reported=_as_count(data.get("records_reported"), at),
                  files=files, round=round_name, kind=kind, label=text["label"], notes=text["notes"], line=line)


def _round_of(file: str) -> str:
    """The search round of an export path relative to the project, as :meth:`synthesis.project.Project.rounds`
    finds it: the folder right under ``data/searches/`` (or ``data/``) that holds it, however deep, and
    ``initial`` for a file directly under ``data/``.

    >>> _round_of("data/searches/2026-11/scopus/part 1.ris"), _round_of("data/x.ris"), _round_of("exports/a.ris")
    ('2026-11', 'initial', 'exports')
    """
    parts = PurePosixPath(file).parts
    if parts[:2] == ("data", "searches") and len(parts) > 3:
        return parts[2]
    if parts[:1] == ("data",) and len(parts) > 2 and parts[1] != "searches":
        return parts[1]
    if parts[:1] == ("data",) and len(parts) == 2:
        return "initial"
    return PurePosixPath(file).parent.name


def read_search_log(path) -> SearchLog:
    """Read ``evidence/searches.toml``; a clear :class:`SearchLogError` for anything that cannot be used."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SearchLogError(f"{path}: cannot read the search log ({exc.strerror or exc})") from None
    except UnicodeDecodeError:  # it named no file: "'utf-8' codec can't decode byte 0xff in position 0"
        raise SearchLogError(f"{path}, line {undecodable_line(path)}: not UTF-8 text; save the file again as "
                             "UTF-8") from None
    try:
        data = settings_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise SearchLogError(toml_message(path, text, exc)) from None
    unknown = [k for k in data if k not in ("search", "prisma_s")]
    if unknown:
        raise SearchLogError(f"{path}: unknown table {unknown[0]!r}; the log has [[search]] entries and one "
                             f"[prisma_s] table")
    entries = data.get("search", [])
    if not isinstance(entries, list):
        raise SearchLogError(f"{path}: write each search as [[search]] (an array of tables)")
    lines = _entry_lines(text)
    searches, seen_ids, seen_files = [], {}, {}
    for k, entry in enumerate(entries):
        line = lines[k] if k < len(lines) else 0
        name = entry.get("id") if isinstance(entry, dict) else None
        at = f"{path}, line {line} (search {k + 1}{', ' + repr(name) if name else ''})"
        search = make_search(entry, at, line)
        if search.id in seen_ids:
            raise SearchLogError(f"{at}: id {search.id!r} is also the id of the search at line {seen_ids[search.id]}")
        seen_ids[search.id] = line
        for f in search.files:
            if f in seen_files:
                raise SearchLogError(f"{at}: file {f} is also listed by search {seen_files[f]!r}; each export "
                                     f"belongs to one search")
            seen_files[f] = search.id
        searches.append(search)
    answers = data.get("prisma_s", {})
    if not isinstance(answers, dict):
        raise SearchLogError(f"{path}: [prisma_s] must be a table of answers")
    known = set(PRISMA_S_KEYS.values())
    for key, value in answers.items():
        if key not in known:
            raise SearchLogError(f"{path}: [prisma_s]: unknown item {key!r}{suggest(key, known)}; the items are "
                                 f"{', '.join(sorted(known))}")
        if not isinstance(value, str):
            raise SearchLogError(f"{path}: [prisma_s]: {key}: expected text (got {value!r})")
    return SearchLog(searches, {k: v.strip() for k, v in answers.items()}, str(path))


def add_search(path, **fields) -> Search:
    """Append one search to the log (created if absent) and return it; the rest of the file is untouched.

    Fields as in :data:`SEARCH_FIELDS`; ``date`` a :class:`datetime.date` or ``"YYYY-MM-DD"``. The entry is
    checked first (required fields, a new id, files no other search claims), so a bad call writes nothing.
    """
    import tomli_w

    path = Path(path)
    log = read_search_log(path) if path.exists() else SearchLog(path=str(path))
    search = make_search(dict(fields), f"{path}: new search {fields.get('id')!r}")
    if any(s.id == search.id for s in log.searches):
        raise SearchLogError(f"{path}: a search with id {search.id!r} is already in the log")
    claimed = {f: s.id for s in log.searches for f in s.files}
    for f in search.files:
        if f in claimed:
            raise SearchLogError(f"{path}: file {f} already belongs to search {claimed[f]!r}")
    block = tomli_w.dumps({"search": [search.as_toml()]}, multiline_strings=True)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    sep = "" if not old else ("\n" if old.endswith("\n") else "\n\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8", newline="\n") as fh:
        fh.write(sep + block)
        fh.flush()
    read_search_log(path)  # what was written reads back
    return search


# ---- reconciliation -----------------------------------------------------------------------------------

#: How far an export may stray from the count its database reported and still be the usual drift: a few
#: records, or a small share of a large search. Between the count and the export a database adds or withdraws a
#: few records, an export paged in batches can repeat one, and some formats leave out records without a title;
#: none of these moves a count by more than this. A larger gap is most often a wrong or partial file.
USUAL_DIFFERENCE = (5, 0.02)

#: The most records one export can hold, by database (as the databases' help pages give them), and whether the
#: limit is of what the database shows (nothing more can be fetched) or of one export (the rest come in batches).
EXPORT_LIMITS = (("googlescholar", 1_000, "shows", "Google Scholar shows only the first 1,000 results of a search"),
                 ("scopus", 2_000, "exports", "Scopus exports at most 2,000 records at a time with abstracts"),
                 ("webofscience", 1_000, "exports", "Web of Science exports at most 1,000 records at a time"),
                 ("pubmed", 10_000, "exports", "PubMed exports at most 10,000 records"),
                 ("ovid", 3_000, "exports", "Ovid exports at most 3,000 records at a time"))


def count_difference(reported: int, found: int, names=()) -> str:
    """What a gap between a search's reported count and the records its export(s) hold most likely means.

    A gap of a few records (at most 5, or 2 % of the reported count, and less than the count itself) is the usual
    drift between counting and exporting. A database that shows no more than a set number of results, or an export that holds exactly its
    database's export limit (or a multiple: batches with one left out), is said to be that. Any other gap is
    something to check: the wrong file, an export cut short or a batch left out, a mistyped count. ``names``: the
    search's database, label and platform and the database the import read its export as (for the limits).

    Examples
    --------
    >>> count_difference(106, 104)[:48]
    'a gap of 2 records (2 %), within the usual drift'
    >>> count_difference(250, 25)[:48]
    '225 records (90 %) are missing from the export, '
    >>> count_difference(3_400, 2_000, ["Scopus"])[:60]
    'Scopus exports at most 2,000 records at a time with abstract'
    """
    gap = found - reported
    share = abs(gap) / reported if reported else 1.0
    percent = f"{share:.0%}".replace("%", " %")
    squeezed = " ".join(_squeezed(n) for n in names if n)
    limits = [(n, kind, why) for key, n, kind, why in EXPORT_LIMITS if key in squeezed]
    for n, kind, why in limits:
        if kind == "shows" and found <= n < reported:
            return (f"{why}, and the export holds {found:,} of them: a limit of the database, not a fault of the "
                    f"export; report both numbers and say which results were exported (e.g. the first {found:,} "
                    f"in the database's order)")
        if kind == "exports" and 0 < found < reported and found % n == 0:
            return (f"{why}, and the export holds {found:,}: it most likely stopped at that limit, leaving "
                    f"{-gap:,} records out; export the rest in further batches (e.g. by publication year) and list "
                    f"every file in the search's files")
    # a gap as large as the count itself (3 reported, 6 exported) is no drift, however few the records
    if found and abs(gap) < reported and abs(gap) <= max(USUAL_DIFFERENCE[0], USUAL_DIFFERENCE[1] * reported):
        return (f"a gap of {abs(gap):,} record{'s' if abs(gap) != 1 else ''} ({percent}), within the usual drift: "
                f"databases' counts drift between searching and exporting, an export in batches can repeat a "
                f"record, and some exports leave out records without a title; say why in the report if you know")
    if not found:
        return ("its export holds no record: check that the file is this search's export and that it was "
                "saved whole")
    if gap < 0:
        limit = "; ".join(why for _, kind, why in limits if kind == "exports") or \
            "e.g. Scopus exports 2,000 records at a time, Web of Science 1,000"
        round_number = (f"; {found:,} is a round number, like an export stopped at a batch limit"
                        if found % 500 == 0 else "")
        return (f"{-gap:,} records ({percent}) are missing from the export, more than counts drift by; check that "
                f"the file is this search's export, that it was saved whole (a download cut short, or a batch "
                f"left out: {limit}) and that records_reported is typed right{round_number}")
    more = f" ({percent})" if reported and share <= 1 else ""
    return (f"the export holds {gap:,} records{more} more than the database reported, more than counts drift "
            f"by; check that the file is this search's export (not a wider search's, nor two exports saved as "
            f"one) and that records_reported is typed right")


@dataclass
class Reconciliation:
    """Each search's records: reported, in its exports, imported, distinct after deduplication."""

    table: Any  # pandas.DataFrame, one row per search
    warnings: list[str]
    log: SearchLog
    #: the warnings whose search's ``notes`` give the reason (a count the authors have explained)
    explained: list[str] = field(default_factory=list)
    #: searches whose entry lacks what a PRISMA-S item asks for (platform, limits, filters), each named
    incomplete: list[str] = field(default_factory=list)
    #: imported exports that no search names, with their records and database(s): ``{file: (n, "Scopus")}``
    unlogged: dict = field(default_factory=dict)

    @property
    def to_check(self) -> list[str]:
        """What is left for the authors to settle: the warnings but those the searches' notes explain, and the
        entries that lack what PRISMA-S asks for."""
        return [w for w in self.warnings if w not in self.explained] + self.incomplete

    def identified(self, round_name: str) -> tuple[dict[str, int], dict[str, int]]:
        """Records imported per database and per register of one round, named as the log names them."""
        databases: dict[str, int] = {}
        registers: dict[str, int] = {}
        rows = self.table[self.table["round"] == round_name]
        for row in rows.itertuples():
            if row.kind not in ("database", "register"):
                continue
            target = registers if row.kind == "register" else databases
            target[row.name] = target.get(row.name, 0) + int(row.imported)
        return databases, registers


def _squeezed(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _closest(path: str, candidates) -> list[str]:
    """The candidates a mistyped ``path`` most likely meant: the same but for case, or a close spelling."""
    same_case = [c for c in candidates if c.lower() == path.lower()]
    return same_case or difflib.get_close_matches(path, list(candidates), n=1, cutoff=0.85)


def _misspelt_database(search: Search, where: str, detected: set) -> list[str]:
    """A warning for a database name or label close to, but not, the database its export was read as.

    "Scoups" for a Scopus export would stand in the PRISMA diagram and PRISMA-S as written; a name that says
    more ("Web of Science Core Collection" for "Web of Science") or another name ("MEDLINE" for a PubMed export)
    is the author's choice and passes.
    """
    out = []
    for field_name, value in (("database", search.database), ("label", search.label)):
        if not value or not detected:
            continue
        mine = _squeezed(value)
        if any(mine == _squeezed(d) or mine in _squeezed(d) or _squeezed(d) in mine for d in detected):
            continue
        near = [d for d in sorted(detected)
                if difflib.SequenceMatcher(None, mine, _squeezed(d)).ratio() >= 0.8]
        if near:
            out.append(f"{where}: {field_name} {value!r} is spelt unlike its export's database, {near[0]!r}, and "
                       f"the PRISMA diagram and PRISMA-S report name it as written; correct the {field_name} in "
                       f"evidence/searches.toml if it is a typing error")
    return out


def reconcile(log: SearchLog, records, groups=None, import_reports=None) -> Reconciliation:
    """Set every search's reported count against its exports and the deduplicated library.

    Parameters
    ----------
    log : the search log.
    records : the record table (``source_file`` relative to the project folder, ``search_round``).
    groups : the deduplication's ``groups`` table, row for row with ``records`` (``group_id``).
    import_reports : the import reports (``path``, ``found``, ``imported``, ``rejected``), per file.

    Returns a :class:`Reconciliation`: per search ``reported``, ``found`` (records in its export files),
    ``imported``, ``rejected``, ``distinct`` (duplicate groups its records fall in: what the search found once
    duplicates within and across databases are merged), ``only_here`` (groups no other search found) and
    ``missing`` (the files it lists that are among no imported export: a mistyped path); and the warnings, each
    naming the search.
    """
    import pandas as pd

    files = records["source_file"].astype(str).to_numpy()
    group_ids = groups["group_id"].to_numpy() if groups is not None else records.index.to_numpy()
    reports = {str(r.path): r for r in (import_reports or [])}
    warnings: list[str] = []
    claimed = {f for s in log.searches for f in s.files}
    explained: list[str] = []
    by_search_groups: dict[str, set] = {}
    detected = {}  # the databases the import read each search's exports as
    if "source_database" in records:
        databases = records["source_database"].fillna("").astype(str).to_numpy()
        detected = {s.id: {d for d in databases[pd.Series(files).isin(s.files).to_numpy()] if d}
                    for s in log.searches}
    rows = []
    for s in log.searches:
        where = f"search {s.id!r} ({s.database}, {s.date.isoformat()})"
        mask = pd.Series(files).isin(s.files).to_numpy()
        imported = int(mask.sum())
        found = rejected = None
        if reports:
            mine = [reports[f] for f in s.files if f in reports]
            found = sum(r.found for r in mine)
            rejected = sum(len(r.rejected) for r in mine)
        missing = [f for f in s.files if f not in set(files) and f not in reports]
        if missing:
            unnamed = sorted(set(files) - claimed)
            guesses = [g for f in missing for g in _closest(f, unnamed)]
            hint = (f"did you mean {', '.join(dict.fromkeys(guesses))}? It is imported but no search names it"
                    if guesses else "a typing error in the path, or a file not copied into data/")
            warnings.append(f"{where}: export file(s) not found among the imported exports: {', '.join(missing)} "
                            f"({hint})")
        warnings += _misspelt_database(s, where, detected.get(s.id, set()) if detected else set())
        if not s.files and s.records_reported == 0:
            # a search that found nothing has nothing to export: it counts as 0 in its round (PRISMA asks for
            # every database's number), once the round is known
            if not s.round and s.kind != "citation":
                warnings.append(f"{where}: reported 0 records and lists no export, so its search round is not "
                                f"known: give it (round = \"...\", the folder's name under data/searches/) for the "
                                f"PRISMA diagram to list it with n = 0")
        elif not s.files:
            warnings.append(f"{where}: no export files listed, so its records cannot be counted")
        found_text = found if found is not None else imported
        if s.records_reported is None:
            warnings.append(f"{where}: the number of records the database reported is not recorded "
                            f"(records_reported); PRISMA-S item 15 asks for it")
        elif missing:
            # the count cannot be compared while a file is not found: saying the difference "can be normal"
            # would hide the typing error above
            warnings.append(f"{where}: the database reported {s.records_reported:,} records; they are compared with "
                            f"its export once {', '.join(missing)} is found")
        elif s.files and s.records_reported != found_text:
            names = (s.database, s.label, s.platform, *detected.get(s.id, ()))
            why = f"its notes say: {s.notes}" if s.notes else count_difference(s.records_reported, found_text, names)
            warnings.append(f"{where}: the database reported {s.records_reported:,} records but its export(s) hold "
                            f"{found_text:,}; {why}")
            if s.notes:
                explained.append(warnings[-1])
        if found is not None and imported != found:
            lost = found - imported
            warnings.append(f"{where}: {lost} of the {found} records in its export(s) {'was' if lost == 1 else 'were'} "
                            f"not imported (see import_report.csv for each one and why)")
        mine_groups = set(group_ids[mask])
        by_search_groups[s.id] = mine_groups
        rows.append({"id": s.id, "round": s.round, "kind": s.kind, "name": s.name, "database": s.database,
                     "platform": s.platform, "date": s.date.isoformat(), "reported": s.records_reported,
                     "found": found if found is not None else imported, "imported": imported,
                     "rejected": rejected if rejected is not None else 0, "distinct": len(mine_groups),
                     "duplicates_within": imported - len(mine_groups), "files": "; ".join(s.files),
                     "missing": "; ".join(missing)})
    for row in rows:
        others = set().union(*(g for k, g in by_search_groups.items() if k != row["id"])) if len(rows) > 1 else set()
        row["only_here"] = len(by_search_groups[row["id"]] - others)
    unlogged = {}
    for f in sorted(set(files) - claimed):
        n = int((files == f).sum())
        names = sorted({d for d in databases[files == f] if d}) if "source_database" in records else []
        unlogged[f] = (n, ", ".join(names))
        warnings.append(f"{f}: {n} records from an export that no search in the log names; add its search "
                        f"(database, date, search string) to evidence/searches.toml")
    columns = ["id", "round", "kind", "name", "database", "platform", "date", "reported", "found", "imported",
               "rejected", "distinct", "duplicates_within", "only_here", "files", "missing"]
    table = pd.DataFrame(rows, columns=columns)
    table["reported"] = table["reported"].astype("Int64")
    return Reconciliation(table, warnings, log, explained, incomplete_entries(log), unlogged)


#: What PRISMA-S asks of each search that the log may leave out: field, item, what to write when there was none.
ASKED = (("platform", 1, "the interface it was searched on"),
         ("limits", 9, 'write "none" when there were none'),
         ("filters", 10, 'write "none" when none was used'))


def incomplete_entries(log: SearchLog) -> list[str]:
    """One sentence per search whose entry lacks a field a PRISMA-S item asks for, naming the search and field.

    One search without its limits left the whole of item 9 "left for the authors", the others' limits dropped,
    with nothing saying which search lacked them.
    """
    out = []
    for s in log.searches:
        if s.kind == "citation":  # a citation search has no strategy, platform or limits of its own
            continue
        lacking = [(f, item, hint) for f, item, hint in ASKED if not getattr(s, f)]
        if lacking:
            out.append(f"search {s.id!r} ({s.database}, {s.date.isoformat()}), line {s.line} of the search log: no "
                       + "; no ".join(f"{f} (PRISMA-S item {item}: {hint})" for f, item, hint in lacking))
    return out


def logged_file_names(path) -> dict[str, str]:
    """Each export file the search log at ``path`` names -> the name its search has in the PRISMA diagram
    (:meth:`SearchLog.file_names`); ``{}`` where there is no log, or one that cannot be read: the build's PRISMA
    step reads it again and stops with the reason.

    >>> logged_file_names("no/such/searches.toml")
    {}
    """
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        return read_search_log(path).file_names()
    except (ValueError, OSError):
        return {}


__all__ = ["Search", "SearchLog", "SearchLogError", "SEARCH_FIELDS", "PRISMA_S_KEYS", "read_search_log",
           "logged_file_names", "add_search", "make_search", "reconcile", "Reconciliation", "count_difference",
           "EXPORT_LIMITS"]
