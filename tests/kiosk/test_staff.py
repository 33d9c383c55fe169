"""Staff sign-in: the right PIN, wrong tries counted, five lock the account or the kiosk panel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.demo import seed_demo
from kiosk.errors import InvalidInput
from kiosk.hall import Hall, open_hall
from kiosk.staff import LOCK_TIME, SignInRefused, StaffDirectory
from tests.helpers.clock import FakeClock


@pytest.fixture
def directory(hall: Hall) -> tuple[StaffDirectory, FakeClock]:
    seed_demo(hall)
    clock = FakeClock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
    return StaffDirectory(hall.db, clock), clock


def test_sign_in_with_the_right_pin(directory: tuple[StaffDirectory, FakeClock]) -> None:
    staff, _ = directory
    member = staff.sign_in("kepala", "9999")
    assert (member.name, member.is_supervisor) == ("Dewi Lestari", True)
    assert not staff.sign_in("siti", "1111").is_supervisor
    assert [m.username for m in staff.active_members()] == ["budi", "kepala", "siti"]


def test_five_wrong_pins_lock_the_account_for_a_while(
    directory: tuple[StaffDirectory, FakeClock],
) -> None:
    staff, clock = directory
    for left in (4, 3, 2, 1):
        with pytest.raises(SignInRefused) as refused:
            staff.sign_in("siti", "0000")
        assert refused.value.params == {"left": left}
    with pytest.raises(SignInRefused) as refused:
        staff.sign_in("siti", "0000")
    assert refused.value.key == "staff.locked"
    with pytest.raises(SignInRefused) as refused:
        staff.sign_in("siti", "1111")
    assert refused.value.message("en") == "Too many wrong PINs. Try again in 5 minutes."
    assert staff.sign_in("budi", "2222").username == "budi"
    clock.now += LOCK_TIME + timedelta(seconds=1)
    assert staff.sign_in("siti", "1111").username == "siti"


def test_unknown_user_and_malformed_pin(directory: tuple[StaffDirectory, FakeClock]) -> None:
    staff, _ = directory
    with pytest.raises(SignInRefused) as refused:
        staff.sign_in("nobody", "1111")
    assert refused.value.key == "staff.unknown_user"
    with pytest.raises(SignInRefused) as refused:
        staff.sign_in("siti", "12ab")
    assert refused.value.message("id") == "PIN terdiri dari 4 sampai 12 angka."


def test_kiosk_pin_gate_finds_the_member_and_locks_after_five_misses_across_a_restart(
    directory: tuple[StaffDirectory, FakeClock], hall: Hall
) -> None:
    staff, clock = directory
    assert staff.open_gate("2222").username == "budi"
    for left in (4, 3, 2, 1):
        with pytest.raises(SignInRefused) as refused:
            staff.open_gate("5555")
        assert refused.value.params == {"left": left}
    with pytest.raises(SignInRefused) as refused:
        staff.open_gate("5555")
    assert refused.value.key == "staff.locked"
    reopened = open_hall(hall.settings, clock)  # the kiosk restarted
    try:
        with pytest.raises(SignInRefused) as refused:
            reopened.staff.open_gate("2222")
        assert refused.value.key == "staff.locked"
        clock.now += LOCK_TIME
        assert reopened.staff.open_gate("2222").username == "budi"
    finally:
        reopened.close()


def test_only_an_active_supervisor_passes_the_supervisor_check(
    directory: tuple[StaffDirectory, FakeClock],
) -> None:
    staff, _ = directory
    staff.check_supervisor(staff.member("kepala"))
    with pytest.raises(InvalidInput) as refused:
        staff.check_supervisor(staff.member("siti"))
    assert refused.value.message("en") == "Only a supervisor may do this."
