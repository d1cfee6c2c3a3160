"""extract/long_lived.py: the cycle collector is paused while long-lived objects are made, turned
back on as it was, and what exists is frozen only when asked."""

import gc

import pytest

from extract.long_lived import YOUNG_THRESHOLD, long_lived


@pytest.fixture
def collector():
    was_on, thresholds = gc.isenabled(), gc.get_threshold()
    gc.enable()
    gc.unfreeze()
    gc.set_threshold(700, *thresholds[1:])
    yield
    gc.unfreeze()  # (a frozen object is never collected: leave the session as it was)
    gc.set_threshold(*thresholds)
    if not was_on:
        gc.disable()


def test_paused_inside_and_on_again_after(collector):
    with long_lived():
        assert not gc.isenabled()
        with long_lived():
            assert not gc.isenabled()
        assert not gc.isenabled()  # only the outermost block turns it back on
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[0] == 700  # (unchanged without a freeze)


def test_frozen_at_the_end_of_the_outermost_block(collector):
    kept = [{"an": "object"} for _ in range(100)]
    with long_lived():
        with long_lived(freeze=True):
            pass
        assert gc.get_freeze_count() == 0  # not yet: the outer block is still open
    assert gc.get_freeze_count() > 0
    assert gc.isenabled()
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD  # the young ones in larger batches from then on
    assert kept


def test_a_collector_turned_off_stays_off(collector):
    gc.disable()
    with long_lived(freeze=False):
        pass
    assert not gc.isenabled()


def test_an_error_inside_still_turns_it_back_on(collector):
    with pytest.raises(RuntimeError), long_lived():
        raise RuntimeError("loading failed")
    assert gc.isenabled()
