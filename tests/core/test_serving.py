"""What the gevent server does to itself at start-up: the start-up objects leave the collector's view."""

from __future__ import annotations

import gc
import time

from core.serving import settle_long_lived_objects


def full_collection_ms() -> float:
    started = time.perf_counter()
    gc.collect()
    return (time.perf_counter() - started) * 1000


def test_settling_freezes_what_exists_so_a_full_collection_no_longer_walks_it(app):
    gc.collect()  # garbage is collected, not frozen: count only what lives
    before = len(gc.get_objects())
    try:
        settle_long_lived_objects()
        assert gc.get_freeze_count() >= before * 0.9  # the loaded app, its templates and mappers
        assert len(gc.get_objects()) < before * 0.1  # what the collector still walks
        # The point of it: a full collection walks only what came later. Timing is noisy, so the check
        # is generous: a frozen heap of this size collects in a fraction of the time.
        frozen = min(full_collection_ms() for _ in range(3))
        gc.unfreeze()
        walked = min(full_collection_ms() for _ in range(3))
        assert frozen < walked / 3, (frozen, walked)
    finally:
        gc.unfreeze()  # the rest of the test run collects normally
