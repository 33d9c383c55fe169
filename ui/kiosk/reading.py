"""What the speaker button reads of a screen: its heading and instruction, in its words.

A screen that knows better says it itself (``spoken(language)``: the ticket screen reads
the number digit by digit); any other is read from its labels of heading, instruction and
answer, in the order they were made, skipping hidden ones.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QLabel, QWidget

READ: Final = frozenset(
    {"Title", "Subtitle", "Body", "TileTitle", "SurveyQuestion", "FaceWords", "StatusMessage"}
)
"""Object names of the labels a reading takes, whatever screen they are on."""


def words_of(screen: QWidget, language: str) -> str:
    """The sentence the speaker button says for ``screen`` in ``language``."""
    own = getattr(screen, "spoken", None)
    if callable(own):
        return str(own(language))
    texts = [
        label.text().strip()
        for label in screen.findChildren(QLabel)
        if label.objectName() in READ and label.isVisibleTo(screen) and label.text().strip()
    ]
    return ". ".join(text.rstrip(".") for text in texts)
