"""What a process loads once, made without the cycle collector and set aside from its passes.

Loading a pipeline (the models, the gazetteer, the rulers' patterns, the lexicons) makes hundreds
of thousands of objects that live as long as the process. Python's cycle collector walked them
all again at each of its full passes: three or four while they were being made, and more during
the run. Made inside ``long_lived()``, no pass runs while they are made; with ``freeze=True``
what exists at the end is frozen (``gc.freeze``), so that the later passes skip it, as ``kb
serve`` does with its server (kb/serve.py). Measured on a ``kb ingest`` of the benchmark's 400
documents: the collector's time fell from 0.63-0.69 s to 0.20-0.21 s of CPU, peak RSS unchanged.

Freeze only what lives as long as the process (the ingest's pipelines, kept per process by
kb/engines.py): a frozen object that becomes garbage inside a reference cycle is never freed.
A process that freezes its pipelines is one that extracts: each document makes tens of thousands
of short-lived objects (tokens, spans, tuples), and the collector, run every 700 of them, is then
run every ``YOUNG_THRESHOLD`` (as kb serve does): collector time 0.22-0.27 -> 0.11-0.13 s on the
same ingest.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# young objects collected after this many allocations in a process that extracts (Python: 700)
YOUNG_THRESHOLD = 20_000
_depth = 0  # long_lived() blocks open: only the outermost turns the collector back on
_paused = False  # whether the outermost block paused it (it was on)
_freeze = False  # whether a block asked for what exists at the end to be frozen


@contextlib.contextmanager
def long_lived(freeze: bool = False) -> Iterator[None]:
    """Pause the cycle collector while the block makes objects that live as long as the process;
    with ``freeze``, freeze what exists when the outermost block ends, and collect the young
    objects in larger batches from then on."""
    global _depth, _paused, _freeze
    if _depth == 0:
        _paused, _freeze = gc.isenabled(), False
        gc.disable()
    _depth += 1
    _freeze = _freeze or freeze
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            if _paused:
                gc.enable()
            if _freeze:
                gc.freeze()
                young, *older = gc.get_threshold()
                gc.set_threshold(max(young, YOUNG_THRESHOLD), *older)
