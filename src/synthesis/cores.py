"""How many processor cores this process may use.

Where the platform tells (Linux: the CPU affinity a container or ``taskset`` gives the process), the cores the
process may run on; elsewhere (macOS, Windows) the machine's cores.

>>> usable_cores() >= 1
True
"""
from __future__ import annotations

import os

__all__ = ["usable_cores"]


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1
