"""Names a package exports, imported from their modules on first use.

A package's ``__init__`` lists what it exports and where each name lives; nothing is imported until a name
is used. So ``import synthesis.dedup`` (and ``synthesis --help``, which imports every command's package)
does not load pandas, numpy or matplotlib before they are needed.

Examples
--------
>>> import sys
>>> __getattr__, __dir__ = lazy_exports("synthesis", {"Project": "synthesis.project"})
>>> __getattr__("Project").__name__
'Project'
"""
from __future__ import annotations

import sys
import types
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


def lazy_exports(package: str, exports: dict):
    """The module ``__getattr__`` and ``__dir__`` of ``package`` for ``exports``: public name -> module
    (absolute, or relative to ``package``), or -> ``(module, attribute)`` when the names differ."""

    def __getattr__(name: str):
        try:
            where = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        module, attribute = where if isinstance(where, tuple) else (where, name)
        value = getattr(import_module(module, package), attribute)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(exports))

    same_name = frozenset(name for name, where in exports.items() if where == "." + name)
    if same_name:
        module = sys.modules[package]
        module.__class__ = _Package
        module._same_name = same_name
    return __getattr__, __dir__
