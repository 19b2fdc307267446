"""Settings every enplan process starts with (`cli.main`: the app, each
command, each tab of the web demo).

Python's cyclic garbage collector makes a young-generation pass every 700
new container objects by default. Opening a citizen's page makes a few
thousand (SQLAlchemy rows and ORM objects, the read model), so it ran about
three times per screen, and every tenth pass of the older generations swept
the whole heap of loaded libraries too. In one process acting for 39
simulated caseworkers (bench/load_caseworker.py, which runs this setting
too) the collector took 16 % of the CPU, 0.74 of 4.6 s; with a pass every
10,000 objects, 0.12 of 4.0 s. Reference counting frees nearly everything
at once; the collector is only for cycles, and finds them as surely.
"""

from __future__ import annotations

import gc

GC_YOUNG_THRESHOLD = 10_000


def tune_gc() -> None:
    """The collector's young generation in batches of ``GC_YOUNG_THRESHOLD``; the older ones as before."""
    _young, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, older, oldest)
