"""kb serve freezes what it builds at startup out of the cycle collector's walks, and collects the
young objects in larger batches (kb.serve.tune_garbage_collector): Python's default collector
took 11% of the serving process's CPU time under load at a million claims."""

from __future__ import annotations

import json
import subprocess
import sys

from kb.serve import GC_YOUNG_THRESHOLD


def test_the_server_collects_young_objects_in_batches_and_never_walks_its_startup_objects():
    code = (
        "import gc, json\n"
        "from kb.serve import make_datasette, tune_garbage_collector\n"
        "tune_garbage_collector()\n"
        "print(json.dumps([gc.get_freeze_count(), gc.get_threshold()[0]]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    frozen, threshold = json.loads(done.stdout.strip().splitlines()[-1])
    assert frozen > 10_000  # the modules and objects built so far
    assert threshold == GC_YOUNG_THRESHOLD > 700
