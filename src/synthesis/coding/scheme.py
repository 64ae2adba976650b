"""The coding scheme: the dimensions a review codes its included studies by, and their allowed values.

A scheme is a plain-text file reviewers edit and diff (``evidence/coding_scheme.txt``). Each line is
``key: text``; indentation places a line under the one above it::

    title: Summary of considerations for inclusive digital co-production
    dimension stakeholder: Stakeholder group
      value patients: Patients
      value staff: Staff
    dimension framework: Five core steps of co-production
      levels: stage > construct > challenge
      stage setup: Set-up
        construct recruitment: Recruitment
          challenge patients: Overcoming barriers of opportunity ...
            stakeholder: patients
            approaches: Create hybrid design teams ... (38)

``dimension ID: Label`` opens a dimension; ``levels:`` names its levels top first (a flat dimension has
the single level ``value``). ``LEVEL ID: Label`` opens a value; a study is coded with the dotted path of
IDs (``setup.recruitment.patients``), or with a shorter path when it is coded only to a stage or construct.
Any other ``key: text`` line is a note on the entry above it (repeating a key adds a line).

The first dimension with more than one level is the scheme's *framework*: its levels give the rows of the
gap map and of Table 2.

Examples
--------
>>> s = parse_scheme('''
... dimension framework: Steps
...   levels: stage > construct
...   stage a: Set-up
...     construct r: Recruitment
... ''')
>>> s.value("framework", "a.r").label
'Recruitment'
>>> [n.path for n in s.nodes("framework", "construct")]
['a.r']
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SynthesisError, merge_marker, undecodable_line

__all__ = ["CodeValue", "Dimension", "Scheme", "SchemeError", "load_scheme", "parse_scheme", "scheme_table"]

_ID = re.compile(r"^[A-Za-z0-9_-]+$")
#: Control characters (a tab aside) that no line of a scheme may hold.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_LINE = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_]*)(?:\s+(?P<id>\S+))?\s*:\s?(?P<text>.*)$")


class SchemeError(SynthesisError, ValueError):
    """A coding scheme file that cannot be read; the message names the file and line."""


@dataclass
class CodeValue:
    """One allowed value of a dimension (a stage, a construct, a challenge, a country ...).

    ``path`` is the dotted ID path used in study codes; ``notes`` holds the other ``key: text`` lines.
    """

    dimension: str
    level: str
    id: str
    label: str
    path: str
    parent: "CodeValue | None" = None
    children: list = field(default_factory=list)
    notes: dict = field(default_factory=dict)
    line: int = 0

    def note(self, key: str, default: str = "") -> str:
        """The note ``key`` (lines joined by newlines), or ``default``."""
        return "\n".join(self.notes[key]) if key in self.notes else default

    @property
    def retired(self) -> bool:
        """Retired between rounds (a ``retired:`` note): its codes are kept and shown as retired, no new ones."""
        return "retired" in self.notes or (self.parent is not None and self.parent.retired)

    @property
    def display_label(self) -> str:
        return f"{self.label} (retired)" if self.retired else self.label

    def ancestor(self, level: str) -> "CodeValue | None":
        """This value or the one above it at ``level`` (``None`` when coded above that level)."""
        node = self
        while node is not None and node.level != level:
            node = node.parent
        return node


@dataclass
class Dimension:
    """A coding dimension: its levels (top first) and its values in file order."""

    id: str
    label: str
    levels: list
    values: list = field(default_factory=list)  # top-level CodeValues
    notes: dict = field(default_factory=dict)
    line: int = 0

    def level_label(self, level: str) -> str:
        """What a level is called in a table or a map: its name, capitalised ("Construct"); a flat dimension's
        one level (``value``) by the dimension's label ("Intervention").

        >>> Dimension("intervention", "Intervention", ["value"]).level_label("value")
        'Intervention'
        >>> Dimension("framework", "Steps", ["stage", "construct"]).level_label("construct")
        'Construct'
        """
        if self.levels == ["value"]:
            return self.label
        return level.replace("_", " ").capitalize()

    def walk(self):
        """Every value, depth first, in file order."""
        stack = list(reversed(self.values))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


@dataclass
class Scheme:
    """A coding scheme: ordered dimensions plus free notes (``title``, ``source`` ...)."""

    dimensions: dict
    notes: dict = field(default_factory=dict)
    path: str = "<text>"

    @property
    def title(self) -> str:
        return "\n".join(self.notes.get("title", []))

    @property
    def framework(self) -> Dimension:
        """The first hierarchical dimension (else the first dimension)."""
        for dim in self.dimensions.values():
            if len(dim.levels) > 1:
                return dim
        if not self.dimensions:
            raise SchemeError(f"{self.path}: the scheme has no dimension")
        return next(iter(self.dimensions.values()))

    def nodes(self, dimension: str, level: str | None = None) -> list:
        """Values of ``dimension`` (only those at ``level`` when given), in file order."""
        dim = self.dimension(dimension)
        return [n for n in dim.walk() if level is None or n.level == level]

    def dimension(self, dimension: str) -> Dimension:
        try:
            return self.dimensions[dimension]
        except KeyError:
            raise SchemeError(f"{self.path}: no dimension {dimension!r} (the scheme has: "
                              f"{', '.join(self.dimensions)})") from None

    def value(self, dimension: str, code: str) -> CodeValue:
        """The value with dotted path ``code``; :class:`SchemeError` with a suggestion when unknown."""
        found = self._index().get((dimension, code))
        if found is None:
            dim = self.dimension(dimension)
            paths = [n.path for n in dim.walk()]
            close = difflib.get_close_matches(code, paths, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            old_parent, _, old_id = code.rpartition(".")
            new_parent, _, new_id = close[0].rpartition(".") if close else ("", "", "")
            if close and old_parent == new_parent and old_id != new_id and _ID.match(old_id):
                # the usual reason: an ID renamed in the scheme, which its old codes follow only when told
                hint = (f"; did you mean {close[0]!r}? (if the scheme renamed {old_id!r} to {new_id!r}, the line "
                        f"'was: {old_id}' under {new_id!r} keeps its codes)")
            moved = [p for p in paths if old_parent and p.rpartition(".")[2] == old_id and p != code]
            if len(moved) == 1:
                # or a value moved under another parent, which its codes follow when told its whole old path
                hint = (f"; did you mean {moved[0]!r}? (if the scheme moved it there, the line 'was: {code}' "
                        f"under {old_id!r} keeps its codes)")
            raise SchemeError(f"code {code!r} is not a value of dimension {dimension!r}{hint}")
        return found

    def has(self, dimension: str, code: str) -> bool:
        return (dimension, code) in self._index()

    def canonical(self, dimension: str, code: str) -> str:
        """The current path of ``code``: an ID renamed in the scheme (``was: old-id`` on the value) still
        finds its value, so codes given before the rename follow it; a value moved under another parent names
        its whole old path (``was: old-parent.old-id``).

        >>> s = parse_scheme("dimension d: D\\n  levels: a > b\\n  a x: X\\n    was: old\\n    b y: Y")
        >>> s.canonical("d", "old.y")
        'x.y'
        """
        if (dimension, code) in self._index():
            return code
        return self._aliases().get((dimension, code), code)

    def _aliases(self) -> dict:
        if not hasattr(self, "_alias"):
            self._alias = {}
            for d in self.dimensions.values():
                names = {}
                for node in d.walk():
                    parent_paths = names.get(id(node.parent), [""]) if node.parent is not None else [""]
                    was = self._was(node)
                    mine = [f"{p}.{i}" if p else i for p in parent_paths for i in [node.id, *was] if "." not in i]
                    # a value moved under another parent names its whole old path: "was: psychological.shame"
                    mine += [w for w in was if "." in w]
                    names[id(node)] = mine
                    for alt in mine:
                        if alt != node.path:
                            self._alias.setdefault((d.id, alt), node.path)
        return self._alias

    @staticmethod
    def _was(node) -> list:
        return [w.strip() for line in node.notes.get("was", []) for w in line.split(",") if w.strip()]

    def find_dimension_of_level(self, level: str) -> Dimension | None:
        """The dimension that has a level called ``level``, or a flat dimension with that ID."""
        for dim in self.dimensions.values():
            if level in dim.levels and len(dim.levels) > 1:
                return dim
        return self.dimensions.get(level)

    def _index(self) -> dict:
        if not hasattr(self, "_idx"):
            self._idx = {(d.id, n.path): n for d in self.dimensions.values() for n in d.walk()}
        return self._idx


def load_scheme(path) -> Scheme:
    """Read a coding scheme file.

    Parameters
    ----------
    path : str or Path
        A scheme in the plain-text format described in :mod:`synthesis.coding.scheme`.

    Returns
    -------
    Scheme

    Raises
    ------
    SchemeError
        With the file, line and what is wrong, for any line that does not fit the format.

    Examples
    --------
    >>> s = load_scheme("evidence/coding_scheme.txt")          # doctest: +SKIP
    >>> [v.label for v in s.nodes("framework", "stage")]       # doctest: +SKIP
    ['Set-up', 'Discovery', 'Definition', 'Development', 'Delivery']
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SchemeError(f"{path}: coding scheme file not found; write the review's framework there (one "
                          "'dimension', 'stage', 'construct' ... line each; its format is in the README, 'Coding and "
                          "evidence maps') before coding") from None
    except UnicodeDecodeError:
        raise SchemeError(f"{path}, line {undecodable_line(path)}: not UTF-8 text; save the file again as UTF-8") from None
    return parse_scheme(text, source=str(path))


def parse_scheme(text: str, source: str = "<text>") -> Scheme:
    """Parse scheme text (see :func:`load_scheme`); ``source`` names it in error messages."""
    scheme = Scheme(dimensions={}, path=source)
    # stack of (indent, object) where object is Scheme, Dimension or CodeValue
    stack: list = [(-1, scheme)]
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if merge_marker(raw):
            raise SchemeError(f"{source} line {lineno}: {merge_marker(raw)}; keep the right lines of both sides and "
                              "delete the markers")
        control = _CONTROL.search(raw)
        if control:  # (it would reach the maps and Word's XML, which cannot hold it)
            raise SchemeError(f"{source} line {lineno}: a control character (U+{ord(control.group()):04X}) in the "
                              "line, from a damaged file or a paste; delete it")
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise SchemeError(f"{source} line {lineno}: indent with spaces, not tabs")
        indent = len(raw) - len(raw.lstrip(" "))
        m = _LINE.match(raw.strip())
        if not m:
            raise SchemeError(f"{source} line {lineno}: expected 'key: text' or 'LEVEL ID: label', "
                              f"got {raw.strip()[:60]!r}")
        key, ident, value = m["key"], m["id"], m["text"].strip()
        while stack[-1][0] >= indent:
            stack.pop()
        owner = stack[-1][1]
        where = f"{source} line {lineno}"

        if key == "dimension":
            if indent or not isinstance(owner, Scheme):
                raise SchemeError(f"{where}: 'dimension' must not be indented")
            _check_id(ident, where, "dimension")
            if ident in scheme.dimensions:
                raise SchemeError(f"{where}: dimension {ident!r} is defined twice")
            dim = Dimension(id=ident, label=value or ident, levels=["value"], line=lineno)
            scheme.dimensions[ident] = dim
            stack.append((indent, dim))
            continue
        if key == "levels" and isinstance(owner, Dimension) and not ident:
            if owner.values:
                raise SchemeError(f"{where}: 'levels' must come before the dimension's values")
            levels = [p.strip() for p in value.split(">")]
            if not all(_ID.match(p) for p in levels) or len(set(levels)) != len(levels):
                raise SchemeError(f"{where}: levels must be distinct names separated by '>', got {value!r}")
            owner.levels = levels
            continue

        dim = _dimension_of(owner, scheme)
        if dim is not None and key in dim.levels:
            depth = dim.levels.index(key)
            parent = owner if isinstance(owner, CodeValue) else None
            want_depth = _depth(dim, parent) + 1
            expected = dim.levels[want_depth] if want_depth < len(dim.levels) else None
            if depth != want_depth:
                under = f"under {parent.level} {parent.path!r}" if parent else f"directly under dimension {dim.id!r}"
                want = f"'{expected}'" if expected else "nothing (it is the last level)"
                raise SchemeError(f"{where}: a '{key}' cannot sit {under}; expected {want} (check the indentation)")
            if not ident and not value:  # (its ID would be made from the empty label: "value 'value' has no label")
                raise SchemeError(f"{where}: a '{key}' without ID or label; write '{key} ID: Label' or delete the line")
            ident = ident or _slug(value)
            _check_id(ident, where, key)
            if not value:
                raise SchemeError(f"{where}: {key} {ident!r} has no label")
            siblings = parent.children if parent else dim.values
            if any(s.id == ident for s in siblings):
                raise SchemeError(f"{where}: {key} ID {ident!r} is used twice at the same place")
            path = f"{parent.path}.{ident}" if parent else ident
            node = CodeValue(dimension=dim.id, level=key, id=ident, label=value, path=path,
                             parent=parent, line=lineno)
            siblings.append(node)
            stack.append((indent, node))
            continue

        if ident:
            # an entry before any dimension: the levels line above it was read as a note on the scheme
            known = (f"; levels here: {', '.join(dim.levels)}" if dim else
                     "; no dimension is open here: start with a line 'dimension ID: Label'")
            raise SchemeError(f"{where}: {key!r} is not a level or a note (a note is 'key: text'){known}")
        owner.notes.setdefault(key, []).append(value)

    _check_references(scheme)
    return scheme


def _depth(dim: Dimension, parent) -> int:
    return -1 if parent is None else dim.levels.index(parent.level)


def _dimension_of(owner, scheme):
    if isinstance(owner, Dimension):
        return owner
    if isinstance(owner, CodeValue):
        return scheme.dimensions[owner.dimension]
    return None


def _check_id(ident, where, what):
    if not ident or not _ID.match(ident) or "." in ident:
        raise SchemeError(f"{where}: {what} needs an ID of the letters a-z, digits, '-' or '_' before the colon "
                          f"(no spaces or accents; the label after the colon can be anything), got {ident!r}")


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40] or "value"


def _check_references(scheme: Scheme) -> None:
    """Notes naming another dimension (``stakeholder: patients``) must name one of its values."""
    for dim in scheme.dimensions.values():
        for node in dim.walk():
            for key, lines in node.notes.items():
                if key in scheme.dimensions and key != dim.id:
                    for code in lines:
                        if not scheme.has(key, code):
                            other = [n.path for n in scheme.dimensions[key].walk()]
                            raise SchemeError(f"{scheme.path} line {node.line}: {node.level} {node.path!r} "
                                              f"has {key} {code!r}, which is not a value of dimension {key!r} "
                                              f"(allowed: {', '.join(other)})")


def scheme_table(scheme: Scheme, dimension: str | None = None):
    """The scheme as a table: one row per value of ``dimension`` (default: the framework).

    Columns: ``dimension``, ``code`` (dotted path), ``level``, one column per level with the labels of the
    value and its ancestors, then one column per note key.

    >>> s = parse_scheme("dimension d: D\\n  value x: X\\n    colour: red")
    >>> scheme_table(s).to_dict("records")
    [{'dimension': 'd', 'code': 'x', 'level': 'value', 'value': 'X', 'colour': 'red'}]
    """
    import pandas as pd

    dim = scheme.dimension(dimension) if dimension else scheme.framework
    rows, note_keys = [], []
    for node in dim.walk():
        row = {"dimension": dim.id, "code": node.path, "level": node.level}
        for level in dim.levels:
            anc = node.ancestor(level)
            row[level] = anc.label if anc else ""
        for k in node.notes:
            if k not in note_keys:
                note_keys.append(k)
            row[k] = node.note(k)
        rows.append(row)
    cols = ["dimension", "code", "level", *dim.levels, *note_keys]
    return pd.DataFrame(rows, columns=cols).fillna("")
