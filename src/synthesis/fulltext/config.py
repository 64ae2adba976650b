"""Where a project keeps its PDFs and what the full-text step needs from ``evidence/review.toml``.

::

    [fulltext]
    folder = "data/fulltext"            # the team's PDFs (relative to the project folder); any folder works
    retrieval_reasons = ["paywall", "not found", "requested from authors"]

    [screening.criteria]                # shown beside the record at each stage
    full_text = ["Population: ...", "Exclude: conference abstracts without a full report"]
    title_abstract = ["..."]

The criteria are the screening settings' (:mod:`synthesis.screening.settings`); an ``[eligibility]`` table,
where earlier versions kept them for the full-text widget, is still read (``[screening.criteria]`` wins).

Examples
--------
>>> s = FulltextSettings.from_toml({"fulltext": {"folder": "pdfs"}, "eligibility": {"full_text": ["Adults"]}}, ".")
>>> s.folder.name, s.criteria["full_text"], s.retrieval_reasons[0]
('pdfs', ['Adults'], 'paywall')
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import settings_toml, toml_message
from .retrieval import RETRIEVAL_REASONS
from .store import FulltextError

DEFAULT_FOLDER = "data/fulltext"
EVIDENCE_FILE = "fulltext.tsv"
MATCHES_FILE = "fulltext_matches.csv"
#: The settings of review.toml's ``[fulltext]`` table.
FULLTEXT_SETTINGS = ("folder", "retrieval_reasons")


@dataclass
class FulltextSettings:
    folder: Path
    evidence: Path
    retrieval_reasons: list = field(default_factory=lambda: list(RETRIEVAL_REASONS))
    criteria: dict = field(default_factory=dict)  # stage -> list of lines
    folder_set: bool = False  # the folder was named in review.toml (not the default)

    @classmethod
    def from_toml(cls, raw: dict, root) -> "FulltextSettings":
        root = Path(root)
        ft = raw.get("fulltext", {}) or {}
        unknown = sorted(set(ft) - set(FULLTEXT_SETTINGS))
        if unknown:
            raise FulltextError(f"[fulltext]: unknown setting(s) {', '.join(unknown)}; known: "
                                f"{', '.join(FULLTEXT_SETTINGS)}")
        folder = Path(str(ft.get("folder") or DEFAULT_FOLDER)).expanduser()
        reasons = ft.get("retrieval_reasons") or list(RETRIEVAL_REASONS)
        if not isinstance(reasons, list) or not all(isinstance(r, str) and r.strip() for r in reasons):
            raise FulltextError("[fulltext]: retrieval_reasons must be a list of text")
        screening = raw.get("screening") if isinstance(raw.get("screening"), dict) else {}
        crit = {**(raw.get("eligibility", {}) or {}), **(screening.get("criteria") or {})}
        criteria = {}
        for stage, lines in crit.items():
            if isinstance(lines, str):
                lines = [ln for ln in lines.splitlines() if ln.strip()]
            if not isinstance(lines, list):
                raise FulltextError(f"[screening.criteria]: the criteria of {stage} must be a list of text")
            criteria[stage] = [str(x) for x in lines]
        return cls(folder=folder if folder.is_absolute() else root / folder,
                   evidence=root / "evidence" / EVIDENCE_FILE, retrieval_reasons=list(reasons), criteria=criteria,
                   folder_set=bool(ft.get("folder")))

    @classmethod
    def load(cls, root=".") -> "FulltextSettings":
        """The settings of the project at ``root`` (defaults when ``evidence/review.toml`` is absent)."""
        root = Path(root)
        path = root / "evidence" / "review.toml"
        raw = {}
        if path.exists():
            text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is not part of the settings
            try:
                raw = settings_toml(text)
            except tomllib.TOMLDecodeError as e:
                raise FulltextError(toml_message(path, text, e)) from None
        try:
            return cls.from_toml(raw, root)
        except FulltextError as e:
            raise FulltextError(f"{path} {e}") from None  # "evidence/review.toml [fulltext]: ..."
