"""The SKM index of PermenPANRB 14/2017, computed exactly.

Each element's mean (nilai rata-rata, NRR) is the sum of its answers over their count; the
index is the unweighted mean of the nine means, times 25: the regulation's weighted sum
with each element's weight exactly 1/9. (Its tables print the weight as 0.111, which
shifts the result: nine 4s give 99.90 instead of 100.00.) The arithmetic is done in
fractions and rounded half up to two decimals once, at the end; the grade is read off
the rounded index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final

ELEMENTS: Final = (
    "requirements",
    "procedure",
    "time",
    "cost",
    "product",
    "competence",
    "conduct",
    "facilities",
    "complaints",
)
"""U1…U9: requirements, procedure, service time, cost, product, staff competence, staff
conduct, facilities, complaint handling — in the regulation's order."""
SCALE: Final = range(1, 5)
"""An answer: 1 (worst) to 4 (best)."""
GRADES: Final = (
    (Decimal("88.31"), "A"),
    (Decimal("76.61"), "B"),
    (Decimal("65.00"), "C"),
    (Decimal("25.00"), "D"),
)
"""The lowest index of each grade (A 88.31–100, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99)."""
ANSWER_DAYS: Final = 30
"""A served ticket may be answered for up to this many days after its day (at the kiosk or
on its public page)."""
_CENT: Final = Decimal("0.01")

Answers = tuple[int, int, int, int, int, int, int, int, int]
"""One respondent's answers to U1…U9."""


@dataclass(frozen=True, slots=True)
class SkmIndex:
    """The index of a set of answers.

    Attributes:
        respondents: how many answered.
        means: each element's mean (NRR), exact.
        index: the unweighted mean of the means times 25, rounded half up to 0.01.
        grade: A, B, C or D.
    """

    respondents: int
    means: tuple[Fraction, ...]
    index: Decimal
    grade: str


def rounded(value: Fraction, places: str = "0.01") -> Decimal:
    """``value`` rounded half up (as the regulation's worked tables are) to ``places``."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal(places), rounding=ROUND_HALF_UP
    )


def grade_of(index: Decimal) -> str:
    """The grade of a rounded index (25.00 to 100.00)."""
    for lowest, grade in GRADES:
        if index >= lowest:
            return grade
    raise ValueError(f"an SKM index is at least 25.00, not {index}")


def skm_index(answers: Sequence[Answers]) -> SkmIndex | None:
    """The index of ``answers``, or None when nobody answered.

    Raises:
        ValueError: an answer is not nine values of 1 to 4.
    """
    if not answers:
        return None
    for answer in answers:
        if len(answer) != len(ELEMENTS) or any(value not in SCALE for value in answer):
            raise ValueError("an SKM answer is nine values of 1 to 4")
    count = len(answers)
    means = tuple(Fraction(sum(column), count) for column in zip(*answers, strict=True))
    index = rounded(sum(means, Fraction(0)) / len(ELEMENTS) * 25)
    return SkmIndex(respondents=count, means=means, index=index, grade=grade_of(index))
