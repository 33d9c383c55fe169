"""The board's spoken call (panggilan): ticket numbers and counters said in words."""

from __future__ import annotations

import re
from typing import Final

_ONES: Final = {
    "id": (
        [
            "nol",
            "satu",
            "dua",
            "tiga",
            "empat",
            "lima",
            "enam",
            "tujuh",
            "delapan",
            "sembilan",
            "sepuluh",
            "sebelas",
        ]
        + [
            f"{w} belas"
            for w in ["dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
        ]
    ),
    "en": [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ],
}
_TENS_EN: Final = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SENTENCES: Final = {
    "id": ("Nomor antrian {number}, silakan menuju {counter}", "loket {words}"),
    "en": ("Queue number {number}, please go to {counter}", "counter {words}"),
}
_DIGITS: Final = re.compile(r"\d+")


def number_words(value: int, language: str = "id") -> str:
    """A whole number from 0 to 999 in words (``12`` → "dua belas" or "twelve")."""
    if not 0 <= value <= 999:
        raise ValueError(f"{value} is outside 0..999")
    ones = _ONES[language]
    if value < 20:
        return ones[value]
    if value < 100:
        tens, rest = divmod(value, 10)
        if language == "id":
            head, joint = f"{ones[tens]} puluh", " "
        else:
            head, joint = _TENS_EN[tens - 2], "-"
        return head if rest == 0 else f"{head}{joint}{ones[rest]}"
    hundreds, rest = divmod(value, 100)
    if language == "id":
        head = "seratus" if hundreds == 1 else f"{ones[hundreds]} ratus"
    else:
        head = f"{ones[hundreds]} hundred"
    return head if rest == 0 else f"{head} {number_words(rest, language)}"


def spell_number(number: str, language: str = "id") -> str:
    """A ticket number letter by letter and digit by digit (``A-007`` → "A nol nol tujuh")."""
    ones = _ONES[language]
    return " ".join(
        ones[int(char)] if char.isdigit() else char for char in number if char.isalnum()
    )


def call_sentence(number: str, counter: int | str, language: str = "id") -> str:
    """What the board says for a call.

    Args:
        number: the ticket number, e.g. ``"A-007"``.
        counter: the counter's number, or its name (digits in it are said as words).
        language: ``"id"`` or ``"en"``.

    >>> call_sentence("A-007", 2)
    'Nomor antrian A nol nol tujuh, silakan menuju loket dua'
    """
    sentence, counter_pattern = _SENTENCES[language]
    if isinstance(counter, int):
        spoken_counter = counter_pattern.format(words=number_words(counter, language))
    else:
        spoken_counter = _DIGITS.sub(lambda m: number_words(int(m.group()), language), counter)
    return sentence.format(number=spell_number(number, language), counter=spoken_counter)
