"""Names a package exports, imported from their modules on first use; old names that still work for a release.

A package's ``__init__`` lists what it exports and where each name lives; nothing is imported until a name
is used. So ``import synthesis.dedup`` (and ``synthesis --help``, which imports every command's package)
does not load pandas, numpy or matplotlib before they are needed.

A renamed name stays usable for one release through the ``renamed`` table (old name -> new name): using it
gives a :class:`DeprecationWarning` that names the new one, and the object itself. Where the old name's
behaviour differs from the new one's (another return type), the table says where the old object is and how
the new one differs, as ``old -> (new name, where, difference)``, and the warning says so.

Examples
--------
>>> import warnings
>>> __getattr__, __dir__ = lazy_exports("synthesis", {"Project": "synthesis.project"},
...                                     renamed={"ReviewProject": "Project"})
>>> __getattr__("Project").__name__
'Project'
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     __getattr__("ReviewProject") is __getattr__("Project")
True
>>> print(caught[0].message)
synthesis.ReviewProject is now synthesis.Project; the old name goes in the next release
"""
from __future__ import annotations

import sys
import types
import warnings
from importlib import import_module


class _Package(types.ModuleType):
    """A package some of whose exported functions share their module's name (``screening.agreement``):
    when the import system binds the submodule to the package, the function is bound instead, as an eager
    ``from .agreement import agreement`` would have left it."""

    _same_name: frozenset = frozenset()

    def __setattr__(self, name, value):
        if name in self._same_name and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


def lazy_exports(package: str, exports: dict, renamed: dict | None = None):
    """The module ``__getattr__`` and ``__dir__`` of ``package`` for ``exports``: public name -> module
    (absolute, or relative to ``package``), or -> ``(module, attribute)`` when the names differ.

    ``renamed`` maps an old name to its new one (a key of ``exports``), or to ``(new name, where,
    difference)`` with ``where`` as in ``exports`` when the old object stays because its behaviour differs.
    Old names are not listed by ``dir()`` nor cached, so every use warns.
    """
    renamed = dict(renamed or {})

    def resolve(where, name):
        module, attribute = where if isinstance(where, tuple) else (where, name)
        return getattr(import_module(module, package), attribute)

    def __getattr__(name: str):
        if name in renamed:
            new, where, difference = renamed[name] if isinstance(renamed[name], tuple) else (renamed[name], None, "")
            message = f"{package}.{name} is now {package}.{new}; the old name goes in the next release"
            if where is not None:
                message = (f"{package}.{name} goes in the next release: use {package}.{new}, which {difference}")
            # ``from package import old`` looks the name up twice, first from the import system (whose
            # frames a warning would point at): warn once, at the importing line.
            if not sys._getframe(1).f_code.co_filename.startswith("<frozen importlib"):
                warnings.warn(message, DeprecationWarning, stacklevel=2)
            return resolve(where, name) if where is not None else __getattr__(new)
        try:
            where = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = resolve(where, name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    def __dir__():
        return sorted((set(vars(sys.modules[package])) | set(exports)) - set(renamed))

    same_name = frozenset(name for name, where in exports.items() if where == "." + name)
    if same_name:
        module = sys.modules[package]
        module.__class__ = _Package
        module._same_name = same_name
    return __getattr__, __dir__

