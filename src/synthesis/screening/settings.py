"""The screening settings of a review: team, exclusion reasons, keywords, dual/blind mode, pilot set.

They are the ``[screening]`` table of the review's one settings file, ``evidence/review.toml``, which the team
edits by hand (``syn.add_reviewer`` adds a person without touching the rest, comments included)::

    [screening]
    team = ["Alice Smith", "Bob Jones"]
    reasons = ["wrong population", "wrong intervention", "wrong study design"]
    include_keywords = ["co-production", "co-design"]
    exclude_keywords = ["mouse", "rat"]
    reviewers_per_record = 2
    blind = true
    pilot = ["g0001", "g0002"]
    blind_metadata = true
    target_recall = 0.95
    confidence = 0.95
    sample_after = 100

    [screening.criteria]
    title_abstract = ["Adults with type 2 diabetes", "Any digital intervention"]
    full_text = ["Reports outcomes of the co-design process"]

``criteria`` are the eligibility criteria per stage, shown beside the record (a list of lines, or one text).
``blind_metadata`` hides authors, journal, year and DOI at title/abstract, so a reviewer judges the record
by its title and abstract alone. ``target_recall`` and ``confidence`` are the stopping test's settings
(:mod:`synthesis.screening.stopping`); ``sample_after`` is how many records in a row a reviewer must have
excluded before the widget offers the test's random sample (drawn earlier, the test stops short of the target
more often: ``benchmarks/README.md``; 0 offers it from the start). A reviewer joins the team with :func:`add_reviewer`.

``reasons`` is the review's list of full-text exclusion reasons. ``"not retrieved"`` is always allowed at full
text besides them: it marks a report that was sought but could not be obtained (PRISMA's *reports not
retrieved*), so it is counted apart from the exclusions.

Where the file is: the functions here take the decision logs' folder (``evidence/screening``, whose settings
are in ``evidence/review.toml``), the ``evidence`` folder, the project folder or the ``review.toml`` itself.
A folder of logs not named ``screening`` (a scratch folder) keeps its own ``review.toml``.

Earlier versions kept these settings in ``evidence/screening/settings.json``. Such a file is moved into
``review.toml`` once, the first time the settings are read (:func:`migrate_screening_settings`): the
``[screening]`` table is added below the file's existing text and comments, and the JSON file is renamed
``settings.json.migrated`` so that nothing is lost and nothing is read twice.

Examples
--------
>>> s = ScreeningSettings(team=["Alice", "Bob"], reasons=["wrong population"])
>>> s.reviewer_name("alice")
'Alice'
>>> s.exclusion_reason("Wrong Population")
'wrong population'
"""
from __future__ import annotations

import json
import os
import re
import tomllib
import unicodedata
import warnings
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..errors import SynthesisError, did_you_mean, settings_toml, toml_message, undecodable_line

STAGES = ("title_abstract", "full_text")
#: How a stage is written for people ("full/text" was its name with the underscore made a slash).
STAGE_LABELS = {"title_abstract": "title/abstract", "full_text": "full text"}
DECISIONS = ("include", "exclude", "maybe")
#: The full-text "reason" that means the report could not be obtained (PRISMA: reports not retrieved).
NOT_RETRIEVED = "not retrieved"
#: Why it could not be obtained rides in a label of that decision: ``retrieval:paywall``.
RETRIEVAL_LABEL_PREFIX = "retrieval:"


def retrieval_reason(labels) -> str:
    """The retrieval reason among a decision's labels ("" when none); the reasons of several reviewers who agree
    the report was not retrieved, each once, joined by "; " (the first alone lost the others).

    >>> retrieval_reason(["retrieval:paywall"]), retrieval_reason(["keyword hit"])
    ('paywall', '')
    >>> retrieval_reason(["retrieval:not found", "retrieval:paywall", "retrieval:paywall"])
    'not found; paywall'
    """
    found = [str(lab)[len(RETRIEVAL_LABEL_PREFIX):].strip() for lab in labels or ()
             if str(lab).startswith(RETRIEVAL_LABEL_PREFIX)]
    return "; ".join(dict.fromkeys(r for r in found if r))
#: The review's settings file; the screening settings are its ``[screening]`` table.
SETTINGS_FILE = "review.toml"
TABLE = "screening"
#: Where earlier versions kept the screening settings (beside the decision logs); migrated on first read.
LEGACY_FILE = "settings.json"


class ScreeningError(SynthesisError, ValueError):
    """A screening action or file that cannot be accepted; the message says what and where."""


class ReviewerError(ScreeningError):
    """An unknown reviewer, or two reviewers who cannot be told apart."""


def reviewer_slug(name: str) -> str:
    """The file-name form of a reviewer's name: lower case ASCII letters, digits and ``-``.

    Two names with the same slug would share one log file, so the team list must not contain them.

    >>> reviewer_slug("  Émilie  O'Brien ")
    'emilie-o-brien'

    A name with no Latin letters (张伟) or a very long one keeps what it has plus a short checksum of the
    whole name, so that such names neither share one hidden ``.jsonl`` nor exceed a file name's length.

    >>> reviewer_slug("张伟") != reviewer_slug("李娜")
    True
    """
    name = " ".join(str(name).split())
    decomposed = unicodedata.normalize("NFKD", name)
    text = decomposed.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    # Mostly letters with no ASCII form (Chinese, Greek...): the slug alone would lose the name.
    dropped = sum(not c.isascii() and c.isalnum() for c in decomposed)
    if dropped > sum(c.isalnum() for c in text) or len(slug) > 64:
        import hashlib

        digest = hashlib.sha256(unicodedata.normalize("NFC", name).casefold().encode("utf-8")).hexdigest()[:10]
        slug = "-".join(x for x in (slug[:40].strip("-"), digest) if x)
    return slug


@dataclass
class ScreeningSettings:
    """What the screening steps need to know about the review (see the module docstring)."""

    team: list = field(default_factory=list)
    reasons: list = field(default_factory=list)
    include_keywords: list = field(default_factory=list)
    exclude_keywords: list = field(default_factory=list)
    reviewers_per_record: int = 1
    blind: bool = False
    pilot: list = field(default_factory=list)
    criteria: dict = field(default_factory=dict)
    blind_metadata: bool = False
    target_recall: float = 0.95
    confidence: float = 0.95
    sample_after: int = 100
    source: str = ""  # the file these settings came from, for messages

    def __post_init__(self):
        seen = {}
        for name in self.team:
            if not str(name).strip() or not reviewer_slug(name):
                raise ReviewerError(f"{self._where()}: the team list has an empty or unusable name {name!r}")
            slug = reviewer_slug(name)
            if slug in seen:
                raise ReviewerError(
                    f"{self._where()}: two reviewers in the team list have the same name ({seen[slug]!r} and "
                    f"{name!r}); their decisions would be indistinguishable. Give each person a distinct name, "
                    f"e.g. with an initial.")
            seen[slug] = name
        if int(self.reviewers_per_record) < 1:
            raise ScreeningError(f"{self._where()}: reviewers_per_record must be 1 or more")
        if isinstance(self.sample_after, bool) or not isinstance(self.sample_after, int) or self.sample_after < 0:
            raise ScreeningError(f"{self._where()}: sample_after must be a whole number, 0 or more (records in a row "
                                 f"excluded before the stopping test's random sample is offered), not "
                                 f"{self.sample_after!r}")
        self.reviewers_per_record = int(self.reviewers_per_record)
        if not isinstance(self.criteria, dict) or set(self.criteria) - set(STAGES):
            raise ScreeningError(f"{self._where()}: criteria must map a stage ({', '.join(STAGES)}) to a list of "
                                 "criteria")
        for name in ("target_recall", "confidence"):
            value = getattr(self, name)
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 1
            if not ok or (name == "confidence" and value == 1):
                raise ScreeningError(f"{self._where()}: {name} must be a share between 0 and 1 (e.g. 0.95), "
                                     f"not {value!r}")

    def criteria_for(self, stage: str) -> list:
        """The eligibility criteria of a stage as a list of lines."""
        value = self.criteria.get(stage) or []
        return [line for line in (value.splitlines() if isinstance(value, str) else map(str, value)) if line.strip()]

    def _where(self) -> str:
        return self.source or "screening settings"

    def reviewer_name(self, name: str) -> str:
        """The team's spelling of ``name``; raises :class:`ReviewerError` for someone not in the team.

        With an empty team list every name is accepted as written.
        """
        if not str(name or "").strip():
            raise ReviewerError("no reviewer name given: say who you are (a name from the team list)")
        if not self.team:
            return str(name).strip()
        slug = reviewer_slug(name)
        for member in self.team:
            if reviewer_slug(member) == slug:
                return member
        # a typo ("Anna" for "Ana") joined as one more reviewer would turn the team's agreements into conflicts
        import difflib

        close = difflib.get_close_matches(slug, {reviewer_slug(m): m for m in self.team}, n=1, cutoff=0.6)
        typo = (f"; did you mean {dict((reviewer_slug(m), m) for m in self.team)[close[0]]!r}? Type"
                if close else "; type")
        raise ReviewerError(
            f"unknown reviewer {name!r}: not in the team list of {self._where()} "
            f"({', '.join(map(repr, self.team))}){typo} your own name as the team list spells it, or join "
            # PROJECT, not EVIDENCE: notebooks 1 and 3 name only the project folder, and it works in all of them
            f"with syn.add_reviewer(PROJECT, {str(name).strip()!r})")

    def exclusion_reason(self, reason: str) -> str:
        """The review's spelling of a full-text exclusion reason; raises :class:`ScreeningError` if unknown.

        With an empty reasons list any non-empty reason is accepted as written.
        """
        text = " ".join(str(reason or "").split())
        if not text:
            raise ScreeningError("a full-text exclusion needs a reason")
        if text.casefold() == NOT_RETRIEVED:
            return NOT_RETRIEVED
        if not self.reasons:
            return text
        for r in self.reasons:
            if r.casefold() == text.casefold():
                return r
        raise ScreeningError(
            f"{text!r} is not one of the review's exclusion reasons ({', '.join(map(repr, self.reasons))}, "
            f"or {NOT_RETRIEVED!r}); add it to the reasons in {self._where()} first")

    @property
    def all_reasons(self) -> list:
        """The pick-list at full text: the review's reasons, then ``not retrieved``."""
        return list(self.reasons) + ([NOT_RETRIEVED] if NOT_RETRIEVED not in self.reasons else [])

    @classmethod
    def from_table(cls, table: dict, source: str = "") -> "ScreeningSettings":
        """Settings from a mapping (the ``[screening]`` table, or an old settings.json's object), checked:
        unknown names and values of the wrong kind are refused with the file and the setting named."""
        where = source or "screening settings"
        if not isinstance(table, dict):
            raise ScreeningError(f"{where}: expected a table of settings (team, reasons, ...), not {table!r}")
        known = {f.name for f in fields(cls)} - {"source"}
        unknown = sorted(set(table) - known)
        if unknown:
            raise ScreeningError(f"{where}: unknown setting(s) {', '.join(unknown)}{did_you_mean(unknown, known)}; "
                                 f"known: {', '.join(sorted(known))}")
        defaults = cls()
        for name, value in table.items():
            if getattr(defaults, name) is None:  # a setting with no default value has no one kind
                continue
            want = type(getattr(defaults, name))
            ok = (isinstance(value, want) and not (want is int and isinstance(value, bool))
                  or (want is float and isinstance(value, int) and not isinstance(value, bool)))
            if want is list and ok:
                ok = all(isinstance(v, str) for v in value)
            if not ok:
                kind = {list: "a list of texts in quotes", bool: "true or false", int: "a whole number",
                        float: "a number", dict: "a table"}.get(want, want.__name__)
                raise ScreeningError(f"{where}: {name} must be {kind}, not {value!r}")
        return cls(**table, source=source)

    @classmethod
    def load(cls, path, ids=None) -> "ScreeningSettings":
        """Read the settings of ``path`` (a ``review.toml``, or a folder: see the module docstring).

        Raises :class:`ScreeningError` when there are none; :func:`load_screening_settings` gives defaults.
        """
        return load_screening_settings(path, required=True, ids=ids)

    def save(self, path) -> Path:
        """Write the settings into the ``[screening]`` table of ``path``'s ``review.toml`` (the rest of the
        file, comments included, stays as it was); returns the file written."""
        target = settings_path(path)
        doc = _read_document(target)
        table = doc.get(TABLE)
        values = {k: v for k, v in asdict(self).items() if k != "source"}
        if table is None:
            doc.add(_tomlkit().nl())
            doc.add(TABLE, _new_table(values))
        else:
            defaults = asdict(ScreeningSettings())
            for name, value in values.items():
                if name in table or value != defaults[name]:  # a default the file leaves out stays out
                    _set(table, name, value)
        _write_document(target, doc)
        return target


def __getattr__(name: str):
    # The old name, from when the project's and the screening's settings were two classes of one name.
    if name == "ReviewSettings":
        warnings.warn(f"{__name__}.ReviewSettings is now ScreeningSettings; the old name goes in the next release",
                      DeprecationWarning, stacklevel=2)
        return ScreeningSettings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: How someone new joins the team, in a notebook (each notebook names the project's folder PROJECT).
JOIN_CALL = 'syn.add_reviewer(PROJECT, "Your Name")'

#: What each setting means, written above it when a setting is added to review.toml.
_COMMENTS = {
    "team": "The screening team: each person's decisions go to evidence/screening/<name>.jsonl. "
            f"Someone new joins with {JOIN_CALL} in a notebook (PROJECT: this project's folder).",
    "reasons": 'Full-text exclusion reasons ("not retrieved" is always allowed besides them).',
    "include_keywords": "Words marked green in the record (a * at the end matches any ending).",
    "exclude_keywords": "Words marked red in the record.",
    "reviewers_per_record": "How many people screen each record (2: dual screening).",
    "blind": "Each reviewer sees only their own decisions (the conflicts queue shows both sides).",
    "pilot": "A calibration set of duplicate groups: their agreement is reported apart (output/screening_agreement.csv).",
    "criteria": "The eligibility criteria of each stage, shown beside the record.",
    "blind_metadata": "Hide authors, journal, year and DOI at title/abstract.",
    "target_recall": "The stopping test: screening may stop once a random sample of the rest shows, with this "
                     "confidence, that at least this share of the relevant records was found.",
    "sample_after": "The stopping test's random sample is offered once this many records in a row were excluded "
                    "(drawn earlier, the test stops short of the target more often).",
}


def settings_path(where) -> Path:
    """The ``review.toml`` that holds the screening settings of ``where``.

    ``where`` is a project (anything with an ``evidence`` attribute), a project folder, the ``evidence`` folder,
    the decision logs' folder ``evidence/screening``, another folder of logs (its own ``review.toml``), or a
    settings file (a ``.json`` one means the ``review.toml`` it migrates into).

    >>> settings_path("review/evidence/screening").as_posix()
    'review/evidence/review.toml'
    >>> settings_path("review/evidence/review.toml").as_posix()
    'review/evidence/review.toml'
    """
    if hasattr(where, "evidence"):  # a synthesis.Project
        return Path(where.evidence) / SETTINGS_FILE
    path = Path(where)
    suffix = path.suffix.lower()
    if suffix == ".toml":
        return path
    if suffix == ".json":
        path = path.parent
    if path.name == "screening":
        return path.parent / SETTINGS_FILE
    if not (path / SETTINGS_FILE).exists() and (path / "evidence").is_dir():  # a project folder
        return path / "evidence" / SETTINGS_FILE
    return path / SETTINGS_FILE


def _legacy_file(target: Path):
    """The old settings.json that belongs to ``target`` (a review.toml), if there is one."""
    # Beside the decision logs: evidence/screening/, or the scratch folder of logs that holds the review.toml.
    logs = target.parent / "screening" if (target.parent / "screening").is_dir() else target.parent
    candidate = logs / LEGACY_FILE
    return candidate if candidate.is_file() else None


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ScreeningError(f"{path}, line {e.lineno}: not valid JSON ({e.msg})") from None
    except UnicodeDecodeError:
        raise ScreeningError(f"{path}: not UTF-8 text; save the file again as UTF-8") from None
    if not isinstance(data, dict):
        raise ScreeningError(f"{path}: expected a JSON object with 'team', 'reasons', ...")
    return data


#: The tables of review.toml (``eligibility``: the criteria's table before ``[screening.criteria]``, still read).
#: Anything else in the file is read by nothing: a misspelt ``[screenig]`` took the team, dual and blind screening
#: with it, silently, so it is refused.
REVIEW_TABLES = ("review", "screening", "fulltext", "eligibility")


def check_review_tables(target, raw: dict) -> None:
    """Refuse a table of ``review.toml`` that nothing reads, and a setting above every table (typed before the
    first ``[review]``), naming the table it belongs in."""
    shown = ", ".join(f"[{t}]" for t in REVIEW_TABLES[:3])
    for name, value in raw.items():
        if name in REVIEW_TABLES:
            continue
        if isinstance(value, dict):
            raise ScreeningError(f"{target}: unknown table [{name}]{did_you_mean([name], REVIEW_TABLES[:3], '[{}]')}, "
                                 f"whose settings would be read by nothing; the tables are {shown}")
        from ..fulltext.config import FULLTEXT_SETTINGS
        from ..project import REVIEW_SETTINGS

        home = ("screening" if name in {f.name for f in fields(ScreeningSettings)} else
                "review" if name in REVIEW_SETTINGS else "fulltext" if name in FULLTEXT_SETTINGS else "")
        raise ScreeningError(f"{target}: {name} stands above every table; put it under "
                             f"{f'[{home}]' if home else f'its table ({shown})'}, where it is read")


def _read_table(target: Path):
    """The ``[screening]`` table of ``target`` as plain values (``None`` when the file or table is absent)."""
    try:  # utf-8-sig: Windows editors put a byte-order mark first, which TOML does not allow
        text = target.read_text(encoding="utf-8-sig")
        raw = settings_toml(text)
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise ScreeningError(f"{target}, line {undecodable_line(target)}: not UTF-8 text; save the file again as "
                             "UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScreeningError(toml_message(target, text, exc)) from None
    check_review_tables(target, raw)
    return raw.get(TABLE)


def load_screening_settings(where, required: bool = False, ids=None) -> ScreeningSettings:
    """The screening settings of ``where`` (see :func:`settings_path`); defaults when there are none, or
    :class:`ScreeningError` when ``required``. An old ``settings.json`` is migrated first.

    Group ids of earlier versions in the pilot list are read as today's through ``ids`` (default: the
    project's ``evidence/id_map.csv``, see :class:`synthesis.ids.IdMap`).

    >>> import tempfile
    >>> load_screening_settings(tempfile.mkdtemp()).team
    []
    """
    target = settings_path(where)
    legacy = _legacy_file(target)
    settings = None
    if legacy is not None:
        try:
            migrate_screening_settings(target)
        except OSError as exc:  # a read-only copy of the project: use the old file as it is
            warnings.warn(f"{legacy}: could not move the screening settings into {target} ({exc}); "
                          f"they are read from {legacy.name} this time", stacklevel=2)
            settings = ScreeningSettings.from_table(_read_json(legacy), source=str(legacy))
    if settings is None:
        table = _read_table(target)
        if table is None:
            if required:
                raise ScreeningError(f"{target}: no [screening] settings (add a [screening] table with the team "
                                     f"list, or join with add_reviewer)")
            return ScreeningSettings(source=str(target))
        settings = ScreeningSettings.from_table(table, source=f"{target} [{TABLE}]")
    if settings.pilot:
        from ..ids import IdMap

        ids = IdMap.load(target.parent) if ids is None else ids
        if ids:
            settings.pilot = [ids(k) for k in settings.pilot]
    return settings


def migrate_screening_settings(where):
    """Move an old ``settings.json`` into the ``[screening]`` table of ``review.toml`` (once).

    The table is added below what the file already holds, which stays as it was, comments included. When
    ``review.toml`` already has a ``[screening]`` table (the file was migrated on another copy of the project,
    say), the JSON's reviewers missing from it are added and any other difference is an error that names
    both files, so that no reviewer and no setting is lost silently. The JSON file is then renamed
    ``settings.json.migrated``. Returns the ``review.toml`` written, or ``None`` when there was nothing to move.
    """
    target = settings_path(where)
    legacy = _legacy_file(target)
    if legacy is None:
        return None
    data = _read_json(legacy)
    old = ScreeningSettings.from_table(data, source=str(legacy))  # never move settings that do not load
    doc = _read_document(target)
    table = doc.get(TABLE)
    if table is None:
        doc.add(_tomlkit().nl())
        doc.add(TABLE, _new_table(data, note=f"Moved here from {legacy.parent.name}/{legacy.name}."))
    else:
        current = ScreeningSettings.from_table(table.unwrap(), source=f"{target} [{TABLE}]")
        differ = [f.name for f in fields(ScreeningSettings) if f.name not in ("team", "source") and f.name in data
                  and getattr(old, f.name) != getattr(current, f.name)]
        if differ:
            raise ScreeningError(
                f"{legacy} and the [{TABLE}] table of {target} both hold screening settings and they differ in "
                f"{', '.join(differ)}: keep the right values in {target} and delete {legacy}")
        slugs = {reviewer_slug(m) for m in current.team}
        joining = [m for m in old.team if reviewer_slug(m) not in slugs]
        if joining:
            _set(table, "team", list(current.team) + joining)
    _write_document(target, doc)
    done = legacy.with_name(legacy.name + ".migrated")
    n = 1
    while done.exists():
        n += 1
        done = legacy.with_name(f"{legacy.name}.migrated-{n}")
    try:
        legacy.rename(done)
    except FileNotFoundError:  # another session moved it at the same moment
        pass
    warnings.warn(f"the screening settings moved from {legacy} into the [{TABLE}] table of {target}; the old "
                  f"file is kept as {done.name}", UserWarning, stacklevel=2)
    return target


def _tomlkit():
    import tomlkit  # edits review.toml keeping its comments; only loaded when something is written

    return tomlkit


def _read_document(target: Path):
    tomlkit = _tomlkit()
    try:
        text = target.read_text(encoding="utf-8-sig")  # a byte-order mark is not kept
    except FileNotFoundError:
        doc = tomlkit.document()
        doc.add(tomlkit.comment("The review's settings. Everything under evidence/ is what people decided."))
        return doc
    try:
        return tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ScreeningError(toml_message(target, text, exc)) from None


def _write_document(target: Path, doc) -> None:
    """Write ``doc`` to ``target`` through a temporary file, so that a crash never leaves half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    text = _tomlkit().dumps(doc)
    temporary.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    os.replace(temporary, target)


def _value(name: str, value):
    tomlkit = _tomlkit()
    if isinstance(value, list):
        array = tomlkit.array()
        array.extend(value)
        if len(value) > 3 or sum(len(str(v)) for v in value) > 60:
            array.multiline(True)
        return array
    if isinstance(value, dict):
        table = tomlkit.table()
        for key, item in value.items():
            table.add(key, _value(key, item))
        return table
    return value


def _new_table(values: dict, note: str = ""):
    tomlkit = _tomlkit()
    table = tomlkit.table()
    if note:
        table.add(tomlkit.comment(note))
    known = [f.name for f in fields(ScreeningSettings)]
    order = [name for name in known if name in values] + [name for name in values if name not in known]
    for name in order:  # plain values first: a sub-table must come after them in TOML
        if not isinstance(values[name], dict):
            _set(table, name, values[name])
    for name in order:
        if isinstance(values[name], dict) and values[name]:
            _set(table, name, values[name])
    return table


def _set(table, name: str, value) -> None:
    """Set one setting in a tomlkit table: in place when it is there (its comment and layout stay; nothing
    is written when the value is the same), else added with a comment that says what it means."""
    import textwrap

    tomlkit = _tomlkit()
    if name in table:
        current = table[name]
        if (current.unwrap() if hasattr(current, "unwrap") else current) == value:
            return
        if isinstance(value, dict) and hasattr(current, "unwrap") and isinstance(current.unwrap(), dict):
            for key in [k for k in current if k not in value]:  # a sub-table: key by key, its comments stay
                del current[key]
            for key, sub in value.items():
                _set(current, key, sub)
            return
        table[name] = _value(name, value)
        return
    if isinstance(value, dict) and not value:
        return
    lines = textwrap.wrap(_COMMENTS.get(name, ""), 100)
    if isinstance(value, dict):  # a sub-table's comment goes inside it: above its [header] it would
        item = tomlkit.table()  # belong to the table before
        for line in lines:
            item.add(tomlkit.comment(line))
        for key, sub in value.items():
            item.add(key, _value(key, sub))
    elif any(isinstance(v, dict) for v in table.unwrap().values()):
        # A key is put before the table's sub-tables, a comment line after them: say it on the key's line.
        item = tomlkit.item(_value(name, value))
        if len(lines) == 1 and len(lines[0]) <= 70:
            item.comment(lines[0])
            item.trivia.comment_ws = "  "
    else:
        for line in lines:
            table.add(tomlkit.comment(line))
        item = _value(name, value)
    table.add(name, item)


def add_exclusion_reasons(where, *reasons: str) -> ScreeningSettings:
    """Add full-text exclusion reasons to the ``[screening]`` table of the review's settings; returns them.

    Like :func:`add_reviewer`: ``where`` is the project, ``evidence`` or ``evidence/screening``; only the
    reasons list changes, the rest of ``review.toml`` stays as it was. A reason already there (in any case) is
    not added twice; ``"not retrieved"`` is always allowed and never needs adding.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> add_exclusion_reasons(folder, "wrong population", "wrong study design").reasons
    ['wrong population', 'wrong study design']
    >>> add_exclusion_reasons(folder, "Wrong population", "not retrieved", "no full text in English").reasons
    ['wrong population', 'wrong study design', 'no full text in English']
    """
    settings = load_screening_settings(where)
    have = {r.casefold() for r in settings.reasons} | {NOT_RETRIEVED}
    added = []
    for reason in reasons:
        text = " ".join(str(reason or "").split())
        if not text:
            raise ScreeningError(f"{reason!r} is not a usable exclusion reason: give a few words")
        if text.casefold() not in have:
            have.add(text.casefold())
            added.append(text)
    if not added:
        return settings
    settings.reasons = list(settings.reasons) + added
    return _save_one_setting(where, settings, "reasons")


class NoReviewerName(ReviewerError):
    """No name typed yet (``REVIEWER = ""``): not a mistake but the step before the first, so the screening
    widget shows it as a note rather than an error, and a notebook cell shows the sentence alone."""

    def _render_traceback_(self) -> list:
        return [str(self)]


def team_member(where, name: str, variable: str = "REVIEWER", settings: ScreeningSettings | None = None,
                say=print) -> str:
    """``name`` as the team list of the review at ``where`` spells it (``where`` as for :func:`settings_path`):
    the one check of a reviewer's name, in every notebook that takes one (1: the duplicate verdicts, 2: the
    screening widget, 3: coding) and in the widgets and calls that sign with it.

    An empty ``name`` raises :class:`NoReviewerName`, saying what to type in ``variable`` (``CODER`` in notebook
    3); a name outside the team raises :class:`ReviewerError` with "did you mean" for a close one, offering
    ``syn.add_reviewer(PROJECT, name)``. An empty team list is a team not set up yet: the name joins it, after
    the names that already sign decisions, verdicts or codes in the review's ``evidence`` folder, and ``say``
    gets the one line that says so (``print`` by default: the notebook cell's output). From then on a name is
    checked against the team. ``settings``: the screening settings already read, else read from ``where``.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> team_member(folder, "Zed")  # doctest: +ELLIPSIS
    Zed joined the team: the team list in .../review.toml was empty, and now reads Zed. Someone new joins with syn.add_reviewer(PROJECT, "Your Name").
    'Zed'
    >>> team_member(folder, "zed ")
    'Zed'
    >>> team_member(folder, "Zad")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    synthesis.screening.settings.ReviewerError: unknown reviewer 'Zad': not in the team list of ...
    """
    if settings is None:
        settings = load_screening_settings(where)
    if not str(name or "").strip():
        team = (f"the team: {', '.join(settings.team)}; someone new joins with {JOIN_CALL}" if settings.team
                else "the team list is empty: the name you type joins it")
        raise NoReviewerName(f'Type your name between the quotes of {variable} = "" in the first cell and run the '
                             f"cells again ({team}).")
    if settings.team:
        return settings.reviewer_name(name)
    # With team = [] every name used to be taken as written and no one added, so "Anna" one day and "Ana" the
    # next were two reviewers (w42); the first name typed sets the team up instead.
    name = " ".join(str(name).split())
    target = settings_path(where)
    before = [n for n in _names_signing(target.parent, settings) if reviewer_slug(n) != reviewer_slug(name)]
    for n in before + [name]:
        team = add_reviewer(target, n).team
    also = f" ({', '.join(before)}, who signed decisions before, too)" if before else ""
    say(f"{name} joined the team: the team list in {target.parent.name}/{target.name} was empty, and now reads "
        f"{', '.join(team)}{also}. "
        f"Someone new joins with {JOIN_CALL}.")
    return name


def _names_signing(evidence: Path, settings: ScreeningSettings) -> list:
    """The names that sign something in ``evidence`` (screening decisions, duplicate verdicts, codes), sorted:
    a review worked on before it had a team list."""
    from ..coding.log import read_coding_logs
    from ..dedup.verdicts import read_verdicts
    from .log import read_logs

    logs = evidence / "screening" if (evidence / "screening").is_dir() else evidence  # or a scratch folder
    names = {e.reviewer for e in read_logs(logs, settings, warn=False).entries}
    names |= {e.coder for e in read_coding_logs(evidence / "coding", warn=False).entries}
    verdicts = evidence / "duplicate_verdicts.tsv"
    if verdicts.is_file():
        names |= set(read_verdicts(verdicts)["reviewer"].astype(str))
    return sorted({n.strip() for n in names if str(n).strip() and reviewer_slug(n)}, key=str.casefold)


def add_reviewer(where, name: str) -> ScreeningSettings:
    """Add a reviewer to the team in the ``[screening]`` table of the review's settings; returns the settings.

    ``where`` is the project, its folder, ``evidence``, ``evidence/screening`` or a scratch folder of logs
    (see :func:`settings_path`). Only the team list changes: the rest of ``review.toml`` stays as it was,
    comments included. Adding a name already in the team (in any spelling that gives the same file name)
    changes nothing.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> add_reviewer(folder, "Alice").team
    ['Alice']
    >>> add_reviewer(folder, "Carol Diaz").team
    ['Alice', 'Carol Diaz']
    >>> add_reviewer(folder, "alice").team
    ['Alice', 'Carol Diaz']
    """
    text = " ".join(str(name or "").split())
    if not text or not reviewer_slug(text):
        raise ReviewerError(f"{name!r} is not a usable reviewer name: give a name with letters or digits")
    settings = load_screening_settings(where)
    if any(reviewer_slug(m) == reviewer_slug(text) for m in settings.team):
        return settings
    settings.team = list(settings.team) + [text]
    return _save_one_setting(where, settings, "team")


def _save_one_setting(where, settings: ScreeningSettings, key: str) -> ScreeningSettings:
    """Write one changed setting into the ``[screening]`` table, the rest of ``review.toml`` as it was."""
    settings.__post_init__()
    target = settings_path(where)
    doc = _read_document(target)
    table = doc.get(TABLE)
    if table is None:
        doc.add(_tomlkit().nl())
        doc.add(TABLE, _new_table({key: getattr(settings, key)}))
    else:
        _set(table, key, getattr(settings, key))
    _write_document(target, doc)
    settings.source = f"{target} [{TABLE}]"
    return settings
