"""Find the records that are the same paper, and group them: deduplication.

The pipeline runs in stages, one module each:

========== ===================================================================================
prep       prepare the fields compared (:mod:`~synthesis.dedup.prep`)
block      propose candidate pairs without comparing all pairs (:mod:`~synthesis.dedup.block`)
score      score the pairs field by field with rapidfuzz (:mod:`~synthesis.dedup.score`)
decide     duplicate / maybe / distinct, with the never-merge rules (:mod:`~synthesis.dedup.decide`)
cluster    join pairs into duplicate groups that never break a rule (:mod:`~synthesis.dedup.cluster`)
likelihood how likely each maybe pair is a duplicate, and why it is not automatic
           (:mod:`~synthesis.dedup.likelihood`); unlikely pairs are not shown
merge      one merged record per group, every member kept (:mod:`~synthesis.dedup.merge`)
========== ===================================================================================

:func:`deduplicate` (:mod:`~synthesis.dedup.pipeline`) runs them in order.

People decide the ``maybe`` pairs (:mod:`~synthesis.dedup.widget`); their verdicts are kept in a plain-text
file (:mod:`~synthesis.dedup.verdicts`) and re-applied on every run. :mod:`~synthesis.dedup.overlap` counts
what each database contributed.

Group ids
---------
``group_id`` is ``"g"`` followed by the record id (without its leading ``r``) of the group's first record
in input order. Re-running on the same exports gives the same ids, and because later search rounds are
appended after earlier ones, the ids of earlier groups do not change. With ``previous=`` (the groups
table of an earlier run) this is guaranteed: earlier groups keep their ids and are never joined to each
other automatically.

Examples
--------
>>> from synthesis.records import make_record_table
>>> t = make_record_table([
...     {"source_file": "a.ris", "source_index": 1, "title": "Insulin and sleep: a trial", "authors": ["Smith, J."],
...      "year": 2001, "journal": "J Sleep Res", "volume": "3", "pages": "1-9", "doi": "10.1/x"},
...     {"source_file": "b.ris", "source_index": 1, "title": "Insulin and Sleep - a Trial.", "authors": ["Smith J"],
...      "year": 2001, "journal": "Journal of sleep research", "volume": "3", "pages": "1-9"}])
>>> result = deduplicate(t)
>>> result.groups["status"].tolist(), result.summary["groups"]
(['kept', 'duplicate'], 1)
"""
from __future__ import annotations

from .._lazy import lazy_exports

#: Public name -> the module that defines it (imported on first use: pandas and numpy load only then).
_EXPORTS = {
    "BlockingOptions": ".block", "DecisionRules": ".decide", "MergePolicy": ".merge",
    "GROUP_COLUMNS": ".pipeline", "DedupResult": ".pipeline", "DedupWarning": ".pipeline", "deduplicate": ".pipeline",
    "maybe_pairs_table": ".pipeline",
    "DEFAULT_VERDICT_FILE": ".verdicts", "append_verdict": ".verdicts", "read_verdicts": ".verdicts",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = ["deduplicate", "DedupResult", "DecisionRules", "MergePolicy", "BlockingOptions", "append_verdict",
           "read_verdicts", "DEFAULT_VERDICT_FILE", "GROUP_COLUMNS", "DedupWarning", "maybe_pairs_table"]
