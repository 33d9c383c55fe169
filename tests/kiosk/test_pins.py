"""A new staff PIN: long enough for the site, and not one anybody would try first."""

from __future__ import annotations

import pytest

from kiosk.errors import InvalidInput
from kiosk.pins import check_new_pin, hash_pin, verify_pin


@pytest.mark.parametrize(
    "pin",
    [
        "111111",
        "000000",
        "123456",
        "654321",
        "234567",
        "890123",
        "135791",
        "121212",
        "123123",
        "112112",
        "98769876",
        "1111",
    ],
)
def test_guessable_pins_are_refused(pin: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_new_pin(pin, 4)
    assert refused.value.key == "staff.pin_trivial"
    assert pin not in str(refused.value)
    assert refused.value.message("en").startswith("This PIN is too easy to guess")


@pytest.mark.parametrize("pin", ["2222", "9999"])
def test_demo_pins_are_refused_even_where_four_digits_are_enough(pin: str) -> None:
    with pytest.raises(InvalidInput, match=r"staff\.pin_trivial"):
        check_new_pin(pin, 4)


def test_short_and_malformed_pins_say_what_is_needed() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_new_pin("48261", 6)
    assert refused.value.message("id") == "PIN baru paling sedikit 6 angka."
    with pytest.raises(InvalidInput) as refused:
        check_new_pin("4826 19", 6)
    assert refused.value.message("en") == "A PIN is 4 to 12 digits."
    with pytest.raises(InvalidInput, match=r"staff\.pin_format"):
        check_new_pin("4826194826194", 6)


@pytest.mark.parametrize("pin", ["482619", "730518", "4821", "20479153"])
def test_a_good_pin_passes_and_hashes(pin: str) -> None:
    assert check_new_pin(pin, 4) == pin
    stored = hash_pin(pin)
    assert pin not in stored
    assert verify_pin(pin, stored)
    assert not verify_pin("482610", stored)
