"""Lockouts hold when many wrong PINs arrive at once (consoles, a script), on both databases."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from kiosk.demo import seed_demo
from kiosk.hall import Hall
from kiosk.staff import MAX_TRIES, SignInRefused

BURST = 12
BURSTS = 3


def _burst(hall: Hall, pin: str, *, gate: bool = False) -> list[str]:
    """``BURST`` sign-ins of siti (or PINs at the kiosk's prompt) at once; each outcome key."""
    start = Barrier(BURST)

    def attempt(_: int) -> str:
        start.wait()
        try:
            member = hall.staff.open_gate(pin) if gate else hall.staff.sign_in("siti", pin)
        except SignInRefused as refused:
            return refused.key
        return member.username

    with ThreadPoolExecutor(BURST) as pool:
        return sorted(pool.map(attempt, range(BURST)))


def test_parallel_wrong_pins_are_each_counted_and_lock_the_account(hall: Hall) -> None:
    seed_demo(hall)
    first = _burst(hall, "0000")
    assert first.count("staff.wrong_pin") == MAX_TRIES - 1
    assert first.count("staff.locked") == BURST - (MAX_TRIES - 1)
    for _ in range(BURSTS - 1):
        assert set(_burst(hall, "0000")) == {"staff.locked"}
    assert set(_burst(hall, "1111")) == {"staff.locked"}
    assert hall.staff.sign_in("budi", "2222").username == "budi"


def test_parallel_wrong_pins_at_the_kiosk_prompt_lock_it(hall: Hall) -> None:
    seed_demo(hall)
    first = _burst(hall, "0000", gate=True)
    assert first.count("staff.wrong_pin") == MAX_TRIES - 1
    assert first.count("staff.locked") == BURST - (MAX_TRIES - 1)
    assert set(_burst(hall, "9999", gate=True)) == {"staff.locked"}
