"""The priority mix: after ``p`` priority calls a counter owes ``r`` regular calls.

Pelayanan prioritas (the elderly, people with disabilities, pregnant women, people with
small children) go first, but not forever: with ``priority_ratio = "2:1"`` a counter that
has just called two priority visitors in a row calls one regular visitor next, when one
is waiting. The count is kept **per counter and per local day** and replayed from that
counter's ``called`` events (recalls do not count), so it survives restarts, needs no
extra table, and each officer sees a mix that follows from their own calls. A regular
call always resets the priority run, whether it was owed or made because no priority
visitor was waiting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RatioState:
    """Where a counter is in the mix: priority calls in the current run, regular calls owed."""

    run: int = 0
    owed: int = 0

    def after(self, priority: bool, ratio: tuple[int, int]) -> RatioState:
        """The state after one more call of a priority (True) or regular (False) visitor."""
        if not priority:
            return RatioState(run=0, owed=max(self.owed - 1, 0))
        if self.run + 1 >= ratio[0]:
            return RatioState(run=0, owed=ratio[1])
        return RatioState(run=self.run + 1, owed=self.owed)

    @property
    def priority_turn(self) -> bool:
        """Whether a waiting priority visitor goes before a waiting regular one now."""
        return self.owed == 0


def replay(calls: Iterable[bool], ratio: tuple[int, int]) -> RatioState:
    """The mix state after a counter's calls of the day (True for a priority visitor)."""
    state = RatioState()
    for priority in calls:
        state = state.after(priority, ratio)
    return state


def call_order(
    priority: Sequence[T], regular: Sequence[T], state: RatioState, ratio: tuple[int, int]
) -> list[T]:
    """The order a counter would call two queues (each oldest first) if nobody else came."""
    order: list[T] = []
    p, r = 0, 0
    while p < len(priority) or r < len(regular):
        take_priority = p < len(priority) and (state.priority_turn or r == len(regular))
        if take_priority:
            order.append(priority[p])
            p += 1
        else:
            order.append(regular[r])
            r += 1
        state = state.after(take_priority, ratio)
    return order
