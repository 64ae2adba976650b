"""``synthesis build``: regenerate every output of a review project from ``data/`` and ``evidence/``.

:func:`build` runs the steps of :mod:`synthesis.build.steps` in order into a staging folder and swaps it in;
:mod:`~synthesis.build.manifest` keeps the checksums, :mod:`~synthesis.build.cache` the import cache.

Examples
--------
>>> from synthesis.build import build            # doctest: +SKIP
>>> result = build("path/to/review")            # doctest: +SKIP
>>> print(result.report())                      # doctest: +SKIP
"""
from .._lazy import lazy_exports

#: Public name -> the module that defines it (imported on first use: ``synthesis build --help`` loads no pandas).
_EXPORTS = {
    "CACHE": ".cache",
    **dict.fromkeys(["MANIFEST", "BuildError", "check_untouched", "input_fingerprint", "program_fingerprint",
                     "read_manifest"], ".manifest"),
    **dict.fromkeys(["STEPS", "BuildContext", "BuildResult", "build", "step_coding_and_maps",
                     "step_deduplicate", "step_import", "step_prisma", "step_screening", "step_versions"], ".run"),
    "register": ".cli",
    **dict.fromkeys(["build_maps", "deduplicate_records", "import_exports", "keep_version", "prisma_counts_for",
                     "screening_numbers"], ".steps"),
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = ["build", "BuildError", "BuildResult", "BuildContext", "STEPS", "MANIFEST", "CACHE", "import_exports",
           "deduplicate_records", "screening_numbers", "prisma_counts_for", "build_maps", "keep_version",
           "check_untouched", "input_fingerprint", "program_fingerprint", "read_manifest", "register"]
