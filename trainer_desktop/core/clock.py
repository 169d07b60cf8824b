"""Hybrid logical clock (Kulkarni et al., 2014): stamps that order changes across laptops.

A stamp is (wall milliseconds, counter, device id). It follows the wall clock when the wall clock
moves forward, never goes backwards when it does not, and after observing a stamp from another
device it is past that stamp, so the next local change wins over everything already seen.

Stamps are stored as fixed-width strings, so comparing the strings compares the stamps: by time,
then counter, then device id (the tie-break of last-writer-wins).

The clock's state lives in the database (table ``local_clock``) and is read and advanced inside
the write transaction that uses the stamp, so two processes writing the same file (the GUI and
the command line) still produce increasing stamps.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

_WALL_DIGITS = 15
_COUNTER_DIGITS = 6
_COUNTER_MAX = 10**_COUNTER_DIGITS - 1


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    device_id: str

    def encode(self) -> str:
        return f"{self.wall_ms:0{_WALL_DIGITS}d}-{self.counter:0{_COUNTER_DIGITS}d}-{self.device_id}"

    @classmethod
    def parse(cls, value: str) -> Stamp:
        wall, counter, device = value.split("-", 2)
        if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS or not device:
            raise ValueError(f"not a clock stamp: {value!r}")
        return cls(int(wall), int(counter), device)

    def __str__(self) -> str:
        return self.encode()


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


def advance(
    wall_ms: int, counter: int, now_ms: int, seen: Stamp | None = None
) -> tuple[int, int]:
    """The HLC send/receive rule: the next (wall, counter) after local state and ``seen``."""
    remote_wall, remote_counter = (seen.wall_ms, seen.counter) if seen else (-1, -1)
    new_wall = max(wall_ms, now_ms, remote_wall)
    if new_wall == wall_ms and new_wall == remote_wall:
        new_counter = max(counter, remote_counter) + 1
    elif new_wall == wall_ms:
        new_counter = counter + 1
    elif new_wall == remote_wall:
        new_counter = remote_counter + 1
    else:
        new_counter = 0
    if new_counter > _COUNTER_MAX:  # a storm of changes within one millisecond: move on
        new_wall, new_counter = new_wall + 1, 0
    return new_wall, new_counter


class HybridClock:
    """Issues stamps for one device, persisting its state in the current transaction."""

    def __init__(self, device_id: str, wall: Callable[[], int] = wall_clock_ms) -> None:
        self.device_id = device_id
        self._wall = wall

    def _state(self, session: Session | Connection) -> tuple[int, int]:
        row = session.execute(text("SELECT wall_ms, counter FROM local_clock WHERE id = 1")).first()
        return (row[0], row[1]) if row else (0, 0)

    def _store(self, session: Session | Connection, wall_ms: int, counter: int) -> None:
        session.execute(
            text(
                "INSERT INTO local_clock (id, wall_ms, counter, seq) VALUES (1, :w, :c, 0) "
                "ON CONFLICT(id) DO UPDATE SET wall_ms = :w, counter = :c"
            ),
            {"w": wall_ms, "c": counter},
        )

    def tick(self, session: Session | Connection) -> Stamp:
        """A new stamp for a local change, later than every stamp issued or observed so far."""
        wall_ms, counter = advance(*self._state(session), self._wall())
        self._store(session, wall_ms, counter)
        return Stamp(wall_ms, counter, self.device_id)

    def observe(self, session: Session | Connection, seen: Stamp) -> None:
        """Move the clock past a stamp received from elsewhere (used by bundle import)."""
        wall_ms, counter = advance(*self._state(session), self._wall(), seen)
        self._store(session, wall_ms, counter)


def next_local_seq(session: Session | Connection) -> int:
    """The next number of a write transaction on this database (see ``records.local_seq``)."""
    return session.execute(
        text(
            "INSERT INTO local_clock (id, wall_ms, counter, seq) VALUES (1, 0, 0, 1) "
            "ON CONFLICT(id) DO UPDATE SET seq = seq + 1 RETURNING seq"
        )
    ).scalar_one()
