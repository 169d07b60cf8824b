"""The hybrid logical clock: stamps only move forward, whatever the wall clock does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trainer_desktop.core.clock import HybridClock, Stamp, advance


def test_encoding_orders_like_the_stamp():
    stamps = [Stamp(5, 0, "b"), Stamp(5, 1, "a"), Stamp(10**12, 0, "a"), Stamp(5, 0, "a")]
    assert sorted(s.encode() for s in stamps) == [s.encode() for s in sorted(stamps)]
    assert Stamp.parse(Stamp(1731060000000, 42, "abc").encode()) == Stamp(1731060000000, 42, "abc")


@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("tick"), st.integers(0, 2_000_000_000_000)),
            st.tuples(st.just("observe"), st.integers(0, 2_000_000_000_000), st.integers(0, 999)),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_state_only_moves_forward_and_passes_what_it_observes(events):
    wall, counter = 0, 0
    for event in events:
        if event[0] == "tick":
            new = advance(wall, counter, event[1])
            assert new > (wall, counter)
            assert new[0] >= event[1]  # follows the wall clock when it moves forward
        else:
            seen = Stamp(event[2], 0, "other")
            new = advance(wall, counter, event[1], seen)
            assert new > (wall, counter)
            assert new > (seen.wall_ms, seen.counter)
        wall, counter = new


def test_counter_overflow_moves_to_the_next_millisecond():
    assert advance(1000, 999_999, 1000) == (1001, 0)


def test_clock_state_persists_in_the_database(workspace):
    times = iter([5_000, 4_000, 4_000])  # the wall clock goes backwards
    clock = HybridClock(workspace.device.device_id, wall=lambda: next(times))
    with workspace.db.write() as tx:
        first = clock.tick(tx)
    with workspace.db.write() as tx:
        second = clock.tick(tx)
    # A second clock object (another process) continues from the stored state.
    other = HybridClock(workspace.device.device_id, wall=lambda: 4_000)
    with workspace.db.write() as tx:
        third = other.tick(tx)
    assert first < second < third
    assert (second.wall_ms, second.counter) == (5_000, 1)


def test_after_observing_a_stamp_the_next_local_change_is_later(workspace):
    far = Stamp(9_000_000_000_000, 7, "ffff")
    with workspace.db.write() as tx:
        workspace.clock.observe(tx, far)
        assert workspace.clock.tick(tx) > far
