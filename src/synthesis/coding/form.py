"""The extraction form: the data fields coded for each study, defined once in ``evidence/coding_form.toml``.

Each ``[[field]]`` table has an ``id`` (the column it fills in the study table), a ``label`` and a ``type``:

``text`` / ``long_text``
    free text (``long_text`` shows a larger box); ``max_length`` optional.
``year``
    a four-digit year between ``min`` (default 1900) and ``max`` (default next year).
``number`` / ``integer``
    with optional ``min`` and ``max``.
``choice`` / ``multi_choice``
    one (or several, separated by ``;``) of ``choices``; ``other = true`` also accepts values not listed.

``required = true`` makes a field mandatory; ``help`` is shown beside it. A ``[coding]`` table holds the
settings: ``dual = true`` makes coding dual and blind (each study coded by two people who do not see each
other's answers, then reconciled).

Examples
--------
>>> form = parse_form('''
... [[field]]
... id = "year"
... label = "Year"
... type = "year"
... [[field]]
... id = "design"
... type = "choice"
... choices = ["Qualitative", "Mixed methods"]
... ''')
>>> form.validate({"year": "20x1", "design": "Survey"})
{'year': "'20x1' is not a four-digit year", 'design': "'Survey' is not one of: Qualitative, Mixed methods"}
>>> form.clean({"year": " 2021 ", "design": "qualitative"})
{'year': '2021', 'design': 'Qualitative'}
"""
from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SynthesisError, settings_toml, toml_message, undecodable_line

try:
    import tomllib
except ImportError:  # pragma: no cover - Python < 3.11
    import tomli as tomllib  # type: ignore

__all__ = ["FormField", "CodingForm", "FormError", "load_form", "parse_form", "FIELD_TYPES", "DEFAULT_FORM"]

FIELD_TYPES = ("text", "long_text", "year", "number", "integer", "choice", "multi_choice")


class FormError(SynthesisError, ValueError):
    """A form file that cannot be read; the message names the file and field."""


@dataclass
class FormField:
    id: str
    label: str
    type: str = "text"
    choices: list = field(default_factory=list)
    other: bool = False
    required: bool = False
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    help: str = ""

    def as_json(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "", [])}

    def check(self, value) -> tuple[str, str | None]:
        """``(cleaned value, error or None)``; an empty value is ``""``."""
        text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()
        if self.type == "multi_choice" and isinstance(value, (list, tuple)):
            text = "; ".join(str(v).strip() for v in value if str(v).strip())
        if not text:
            return "", ("required" if self.required else None)
        if self.max_length and len(text) > self.max_length:
            return text, f"longer than {self.max_length} characters"
        if self.type == "year":
            lo = int(self.min) if self.min is not None else 1900
            hi = int(self.max) if self.max is not None else datetime.date.today().year + 1
            if not (len(text) == 4 and text.isdigit()):
                return text, f"{text!r} is not a four-digit year"
            if not lo <= int(text) <= hi:
                return text, f"{text} is outside {lo}-{hi}"
            return text, None
        if self.type in ("number", "integer"):
            try:
                num = float(text.replace(",", "")) if self.type == "number" else int(text.replace(",", ""))
            except ValueError:
                return text, f"{text!r} is not {'a number' if self.type == 'number' else 'a whole number'}"
            if self.min is not None and num < self.min or self.max is not None and num > self.max:
                return text, f"{text} is outside {_fmt(self.min)}-{_fmt(self.max)}"
            return (str(num) if self.type == "integer" else f"{num:g}"), None
        if self.type in ("choice", "multi_choice"):
            parts = [p.strip() for p in text.split(";") if p.strip()] if self.type == "multi_choice" else [text]
            by_lower = {c.lower(): c for c in self.choices}
            out = []
            for p in parts:
                known = by_lower.get(p.lower())
                if known is None and not self.other:
                    return text, f"{p!r} is not one of: {', '.join(self.choices)}"
                if (known or p) not in out:
                    out.append(known or p)
            return "; ".join(out), None
        return text, None


def _fmt(v):
    return "" if v is None else f"{v:g}"


@dataclass
class CodingForm:
    fields: list = field(default_factory=list)
    dual: bool = False
    path: str = "<form>"

    @property
    def ids(self) -> list:
        return [f.id for f in self.fields]

    def field(self, fid: str) -> FormField:
        for f in self.fields:
            if f.id == fid:
                return f
        raise KeyError(f"no field {fid!r} in the coding form {self.path} (fields: {', '.join(self.ids)})")

    def validate(self, values: dict) -> dict:
        """``{field id: error}`` for every value that does not fit (empty dict: all good)."""
        errors = {}
        for f in self.fields:
            _, err = f.check(values.get(f.id))
            if err:
                errors[f.id] = err
        unknown = [k for k in values if k not in self.ids and values[k] not in ("", None)]
        for k in unknown:
            errors[k] = f"not a field of the coding form {self.path}"
        return errors

    def clean(self, values: dict) -> dict:
        """The values cleaned (trimmed, choices spelled as in the form); raises FormError when invalid."""
        errors = self.validate(values)
        if errors:
            raise FormError("; ".join(f"{k}: {v}" for k, v in errors.items()))
        return {f.id: f.check(values.get(f.id))[0] for f in self.fields if f.check(values.get(f.id))[0] != ""}


#: What each key of the form holds: (test, what to say, an example). A value of another kind is refused, so that
#: ``dual = "yes"`` or ``choices = "A, B"`` cannot pass for true or for a list.
_NUMBER = (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number", "0")
_KINDS = {
    "dual": (lambda v: isinstance(v, bool), "true or false", "true"),
    "id": (lambda v: isinstance(v, str), "text in quotes", '"country"'),
    "label": (lambda v: isinstance(v, str), "text in quotes", '"Country"'),
    "type": (lambda v: isinstance(v, str), "text in quotes", '"choice"'),
    "help": (lambda v: isinstance(v, str), "text in quotes", '"Where the programme took place"'),
    "choices": (lambda v: isinstance(v, list) and all(isinstance(c, str) for c in v), "a list of texts in quotes",
                '["Qualitative", "Mixed methods"]'),
    "other": (lambda v: isinstance(v, bool), "true or false", "true"),
    "required": (lambda v: isinstance(v, bool), "true or false", "true"),
    "min": _NUMBER, "max": _NUMBER,
    "max_length": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0, "a whole number above 0",
                   "200"),
}


def _check_kinds(table: dict, where: str) -> None:
    for key, value in table.items():
        test, kind, example = _KINDS[key]
        if not test(value):
            raise FormError(f"{where}: {key} must be {kind}, like {key} = {example}, not {value!r}")


def parse_form(text: str, source: str = "<form>") -> CodingForm:
    """Parse the TOML text of a coding form (see the module docs)."""
    try:
        data = settings_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise FormError(toml_message(source, text, exc)) from None
    unknown = set(data) - {"coding", "field"}
    if unknown:
        raise FormError(f"{source}: unknown table(s) or key(s) {', '.join(sorted(unknown))}; the form holds a "
                        "[coding] table and [[field]] tables")
    settings = data.get("coding", {})
    if not isinstance(settings, dict) or set(settings) - {"dual"}:
        raise FormError(f"{source}: [coding] holds one setting, dual = true or false; found "
                        f"{', '.join(sorted(settings)) if isinstance(settings, dict) else repr(settings)}")
    _check_kinds(settings, f"{source} [coding]")
    if not isinstance(data.get("field", []), list):
        raise FormError(f"{source}: each field is a [[field]] table (two brackets), not [field]")
    form = CodingForm(path=source, dual=settings.get("dual", False))
    seen = set()
    for k, raw in enumerate(data.get("field", []), 1):
        where = f"{source}: field {k}"
        if not isinstance(raw, dict) or not raw.get("id"):
            raise FormError(f"{where}: every [[field]] needs an id")
        fid = str(raw["id"])
        where = f"{source}: field {fid!r}"
        if fid in seen:
            raise FormError(f"{where} is defined twice")
        seen.add(fid)
        unknown = set(raw) - {"id", "label", "type", "choices", "other", "required", "min", "max", "max_length", "help"}
        if unknown:
            raise FormError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        _check_kinds(raw, where)
        ftype = raw.get("type", "text")
        if ftype not in FIELD_TYPES:
            raise FormError(f"{where}: type {ftype!r} is not one of {', '.join(FIELD_TYPES)}")
        choices = [str(c) for c in raw.get("choices", [])]
        if ftype in ("choice", "multi_choice") and not choices and not raw.get("other"):
            raise FormError(f"{where}: a {ftype} field needs choices (or other = true)")
        form.fields.append(FormField(id=fid, label=str(raw.get("label") or fid.replace("_", " ").capitalize()),
                                     type=ftype, choices=choices, other=bool(raw.get("other", False)),
                                     required=bool(raw.get("required", False)), min=raw.get("min"),
                                     max=raw.get("max"), max_length=raw.get("max_length"),
                                     help=str(raw.get("help", ""))))
    return form


#: The form used when a project has no coding_form.toml: the seed review's extraction fields.
DEFAULT_FORM = """\
[[field]]
id = "country"
label = "Country"
type = "multi_choice"
other = true
choices = []
[[field]]
id = "year"
label = "Year"
type = "year"
"""


def load_form(path) -> CodingForm:
    """Read ``evidence/coding_form.toml`` (the default form when the file does not exist)."""
    path = Path(path)
    if not path.exists():
        return parse_form(DEFAULT_FORM, source=f"{path} (absent: default form)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FormError(f"{path}, line {undecodable_line(path)}: not UTF-8 text; save the file again as UTF-8") from None
    return parse_form(text, source=str(path))
