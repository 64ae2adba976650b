"""synthesis: a Jupyter workbench for systematic reviews and living evidence maps.

The pipeline is the package: :mod:`synthesis.io` (import and export), :mod:`synthesis.dedup`
(duplicate groups), :mod:`synthesis.screening` (decision logs, agreement, prioritised order),
:mod:`synthesis.prisma` (counts, checks, flow diagrams), :mod:`synthesis.coding` and
:mod:`synthesis.maps` (study codes, Table 2, gap maps, networks), :mod:`synthesis.build` (the whole
project in one command). The names below read well in a notebook cell::

    import synthesis as syn
    result = syn.read_files(["data/searches/2026-11/scopus.ris"])
    result.records.head()

Names are loaded on first use, so ``import synthesis`` stays fast.
"""
from importlib import import_module

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS = {
    # import and export
    "read_file": "synthesis.io",
    "read_files": "synthesis.io",
    "load_file": "synthesis.io",
    "detect_format": "synthesis.io",
    "ImportFailure": "synthesis.io",
    "make_record_table": "synthesis.records",
    "RECORD_COLUMNS": "synthesis.records",
    # the project and its build
    "Project": "synthesis.project",
    "build": "synthesis.build",
    "BuildError": "synthesis.build",
}


def __getattr__(name):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'synthesis' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + list(_EXPORTS))


__all__ = sorted(_EXPORTS)
