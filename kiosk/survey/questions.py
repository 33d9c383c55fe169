"""The survey as a visitor meets it: nine questions, each with four answers in words."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n import translate
from kiosk.survey.index import ELEMENTS, SCALE


@dataclass(frozen=True, slots=True)
class Question:
    """One element of the survey in a language.

    Attributes:
        element: the element's key (``requirements`` … ``complaints``).
        heading: the element's short name.
        text: the question, in plain words.
        choices: the four answers, worst (1) to best (4), in the regulation's words.
    """

    element: str
    heading: str
    text: str
    choices: tuple[str, str, str, str]


def questions(language: str) -> tuple[Question, ...]:
    """The nine questions in the regulation's order (U1 … U9)."""
    found = []
    for element in ELEMENTS:
        words = tuple(translate(f"survey.answers_{element}", language).split(","))
        if len(words) != len(SCALE):
            raise ValueError(f"survey.answers_{element} must name {len(SCALE)} answers")
        first, second, third, fourth = words
        found.append(
            Question(
                element=element,
                heading=translate(f"survey.element_{element}", language),
                text=translate(f"survey.question_{element}", language),
                choices=(first, second, third, fourth),
            )
        )
    return tuple(found)
