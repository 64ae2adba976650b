"""The screening settings of a review: team, exclusion reasons, keywords, dual/blind mode, pilot set.

They live in ``evidence/screening/settings.json``, a small plain-text file the team edits by hand::

    {
      "team": ["Alice Smith", "Bob Jones"],
      "reasons": ["wrong population", "wrong intervention", "wrong study design"],
      "include_keywords": ["co-production", "co-design"],
      "exclude_keywords": ["mouse", "rat"],
      "reviewers_per_record": 2,
      "blind": true,
      "pilot": ["g0001", "g0002"],
      "criteria": {"title_abstract": ["Adults with type 2 diabetes", "Any digital intervention"],
                   "full_text": ["Reports outcomes of the co-design process"]},
      "blind_metadata": true,
      "target_recall": 0.95,
      "confidence": 0.95
    }

``criteria`` are the eligibility criteria per stage, shown beside the record (a list of lines, or one text).
``blind_metadata`` hides authors, journal, year and DOI at title/abstract, so a reviewer judges the record
by its title and abstract alone. ``target_recall`` and ``confidence`` are the stopping test's settings
(:mod:`synthesis.screening.stopping`). A reviewer joins the team with :func:`add_reviewer`.

``reasons`` is the review's list of full-text exclusion reasons. ``"not retrieved"`` is always allowed at full
text besides them: it marks a report that was sought but could not be obtained (PRISMA's *reports not
retrieved*), so it is counted apart from the exclusions.

Examples
--------
>>> s = ReviewSettings(team=["Alice", "Bob"], reasons=["wrong population"])
>>> s.reviewer_name("alice")
'Alice'
>>> s.exclusion_reason("Wrong Population")
'wrong population'
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

STAGES = ("title_abstract", "full_text")
DECISIONS = ("include", "exclude", "maybe")
#: The full-text "reason" that means the report could not be obtained (PRISMA: reports not retrieved).
NOT_RETRIEVED = "not retrieved"
SETTINGS_FILE = "settings.json"


class ScreeningError(ValueError):
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
class ReviewSettings:
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
            raise ReviewerError("no reviewer name given: say who is screening (a name from the team list)")
        if not self.team:
            return str(name).strip()
        slug = reviewer_slug(name)
        for member in self.team:
            if reviewer_slug(member) == slug:
                return member
        raise ReviewerError(
            f"unknown reviewer {name!r}: not in the team list of {self._where()} "
            f"({', '.join(map(repr, self.team))}); check the spelling, or join with "
            f"add_reviewer(EVIDENCE, {str(name).strip()!r})")

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
    def load(cls, path, ids=None) -> "ReviewSettings":
        """Read settings from a JSON file (a folder means ``<folder>/settings.json``).

        Group ids of earlier versions in the pilot list are read as today's through ``ids`` (default: the
        project's ``evidence/id_map.csv``, see :class:`synthesis.ids.IdMap`).
        """
        from ..ids import IdMap

        path = Path(path)
        if path.is_dir():
            path = path / SETTINGS_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ScreeningError(f"{path}: screening settings not found (create it with the team list)") from None
        except json.JSONDecodeError as e:
            raise ScreeningError(f"{path}, line {e.lineno}: not valid JSON ({e.msg})") from None
        if not isinstance(data, dict):
            raise ScreeningError(f"{path}: expected a JSON object with 'team', 'reasons', ...")
        known = {f for f in cls.__dataclass_fields__ if f != "source"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ScreeningError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        ids = IdMap.beside(path, 2) if ids is None else ids
        if ids and isinstance(data.get("pilot"), list):
            data["pilot"] = [ids(k) if isinstance(k, str) else k for k in data["pilot"]]
        return cls(**data, source=str(path))

    def save(self, path) -> Path:
        """Write the settings as readable JSON (a folder, or any path not ending in ``.json``, means
        ``<folder>/settings.json``); returns the file written."""
        path = Path(path)
        if path.is_dir() or path.suffix.lower() != ".json":
            path = path / SETTINGS_FILE
        data = {k: v for k, v in asdict(self).items() if k != "source"}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path


def add_reviewer(folder, name: str) -> "ReviewSettings":
    """Add a reviewer to the team in ``<folder>/settings.json`` (created if missing); returns the settings.

    Adding a name already in the team (in any spelling that gives the same file name) changes nothing.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> add_reviewer(folder, "Alice").team
    ['Alice']
    >>> add_reviewer(folder, "Carol Diaz").team
    ['Alice', 'Carol Diaz']
    >>> add_reviewer(folder, "alice").team
    ['Alice', 'Carol Diaz']
    """
    folder = Path(folder)
    text = " ".join(str(name or "").split())
    if not text or not reviewer_slug(text):
        raise ReviewerError(f"{name!r} is not a usable reviewer name: give a name with letters or digits")
    settings = ReviewSettings.load(folder) if (folder / SETTINGS_FILE).exists() else ReviewSettings()
    if any(reviewer_slug(m) == reviewer_slug(text) for m in settings.team):
        return settings
    settings.team = list(settings.team) + [text]
    settings.__post_init__()
    settings.source = str(settings.save(folder))
    return settings
