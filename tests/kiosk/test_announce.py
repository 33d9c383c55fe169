"""The spoken call: ticket numbers spelled, counters in words, in Indonesian and English."""

from __future__ import annotations

import pytest

from kiosk.queueing.announce import call_sentence, number_words, spell_number


def test_the_call_sentence_of_the_issue() -> None:
    expected = "Nomor antrian A nol nol tujuh, silakan menuju loket dua"
    assert call_sentence("A-007", 2) == expected
    assert call_sentence("A-007", "loket dua") == expected


def test_a_counter_name_has_its_digits_said_as_words() -> None:
    assert call_sentence("C-120", "Loket 3") == (
        "Nomor antrian C satu dua nol, silakan menuju Loket tiga"
    )


def test_the_english_variant() -> None:
    assert call_sentence("B-015", 12, "en") == (
        "Queue number B zero one five, please go to counter twelve"
    )


@pytest.mark.parametrize(
    ("value", "indonesian", "english"),
    [
        (0, "nol", "zero"),
        (1, "satu", "one"),
        (10, "sepuluh", "ten"),
        (11, "sebelas", "eleven"),
        (17, "tujuh belas", "seventeen"),
        (20, "dua puluh", "twenty"),
        (45, "empat puluh lima", "forty-five"),
        (99, "sembilan puluh sembilan", "ninety-nine"),
        (100, "seratus", "one hundred"),
        (111, "seratus sebelas", "one hundred eleven"),
        (305, "tiga ratus lima", "three hundred five"),
    ],
)
def test_numbers_in_words(value: int, indonesian: str, english: str) -> None:
    assert number_words(value, "id") == indonesian
    assert number_words(value, "en") == english


def test_letters_are_spelled_and_the_dash_is_silent() -> None:
    assert spell_number("D-099") == "D nol sembilan sembilan"


def test_numbers_beyond_the_range_are_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        number_words(1000)
