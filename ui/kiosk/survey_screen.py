"""The satisfaction survey at the kiosk: nine questions, each answered by one of four faces.

A face says its answer in words under it, so a visitor who reads little goes by the face
and one who reads goes by the words; one tap answers and moves on. The questions and their
words are the core's (``kiosk.survey.questions``); the answers go to the core at the end.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import translate
from kiosk.survey.questions import Question, questions
from ui.widgets import BigButton, named_label

FACE_COLOURS: Final = ("#b3261e", "#d9822b", "#3f8f4f", "#0b6e4f")
"""From the worst answer (1) to the best (4)."""
SMILES: Final = (-1.0, -0.45, 0.45, 1.0)
"""How far each face's mouth curves up (1) or down (-1)."""


class FaceButton(QPushButton):
    """A large face for one answer (1 to 4) with its words below, drawn, never an image."""

    def __init__(self, score: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.score = score
        self.setObjectName("FaceButton")
        self.setProperty("score", score)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(200, 260))
        self.words = named_label("FaceWords")
        self.words.setWordWrap(True)
        self.words.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 16)
        layout.addStretch(1)
        layout.addWidget(self.words)

    def set_words(self, words: str) -> None:
        """The answer this face stands for, in the visitor's language."""
        self.words.setText(words)
        self.setAccessibleName(words)

    def face_rect(self) -> QRectF:
        """Where the face is drawn: a square centred in the room above the words."""
        room = self.words.y() - 28.0
        side = max(min(self.width() - 32.0, room), 40.0)
        return QRectF((self.width() - side) / 2, 16.0 + max(room - side, 0.0) / 2, side, side)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        face = self.face_rect()
        colour = QColor(FACE_COLOURS[self.score - 1])
        painter.setPen(QPen(colour.darker(130), face.width() * 0.04))
        painter.setBrush(colour)
        painter.drawEllipse(face)
        ink = QColor("#ffffff")
        painter.setBrush(ink)
        painter.setPen(Qt.PenStyle.NoPen)
        eye = face.width() * 0.09
        for x in (0.33, 0.67):
            centre = QPointF(face.left() + face.width() * x, face.top() + face.height() * 0.38)
            painter.drawEllipse(centre, eye, eye)
        smile = SMILES[self.score - 1]
        left = QPointF(face.left() + face.width() * 0.27, face.top() + face.height() * 0.66)
        right = QPointF(face.left() + face.width() * 0.73, left.y())
        mouth = QPainterPath(left)
        bend = QPointF(face.center().x(), left.y() + smile * face.height() * 0.2)
        mouth.quadTo(bend, right)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(ink, face.width() * 0.07)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPath(mouth)
        painter.end()


class SurveyScreen(QWidget):
    """The nine questions, one at a time, for one served ticket.

    Signals:
        answered: the ticket's reference and its nine answers (1 to 4), when the last
            question is answered.
        back_requested: the visitor left the survey before its end (nothing is kept).
    """

    answered = Signal(str, tuple)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.language = "id"
        self.reference = ""
        self.answers: list[int] = []
        self._questions: tuple[Question, ...] = questions(self.language)
        self._title = named_label("Subtitle")
        self._progress = named_label("SurveyProgress")
        self._heading = named_label("Title")
        self._question = named_label("SurveyQuestion")
        self._question.setWordWrap(True)
        self.faces = [FaceButton(score) for score in range(1, 5)]
        for face in self.faces:
            face.clicked.connect(lambda _=False, s=face.score: self._answer(s))
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self._back)
        top = QHBoxLayout()
        top.addWidget(self._title, 1)
        top.addWidget(self._progress)
        row = QHBoxLayout()
        row.setSpacing(28)
        for face in self.faces:
            row.addWidget(face)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 32, 64, 32)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(self._heading)
        layout.addWidget(self._question)
        layout.addSpacing(12)
        layout.addLayout(row, 1)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)

    def start(self, reference: str) -> None:
        """Begin the survey of a served ticket at its first question."""
        self.reference = reference
        self.answers = []
        self.retranslate(self.language)

    def question(self) -> Question:
        """The question on screen."""
        return self._questions[len(self.answers)]

    def retranslate(self, language: str) -> None:
        """Re-label in a language (answers given so far are kept)."""
        self.language = language
        self._questions = questions(language)
        asked = self.question()
        self._title.setText(translate("survey.screen_title", language))
        self._progress.setText(
            translate(
                "survey.screen_progress",
                language,
                number=len(self.answers) + 1,
                total=len(self._questions),
            )
        )
        self._heading.setText(asked.heading)
        self._question.setText(asked.text)
        for face, words in zip(self.faces, asked.choices, strict=True):
            face.set_words(words)
        key = "survey.screen_back" if self.answers else "survey.screen_leave"
        self.back.set_label(translate(key, language))

    def _answer(self, score: int) -> None:
        if not self.reference or len(self.answers) == len(self._questions):
            return  # a late second tap on the last face
        self.answers.append(score)
        if len(self.answers) == len(self._questions):
            self.answered.emit(self.reference, tuple(self.answers))
            return
        self.retranslate(self.language)

    def _back(self) -> None:
        if not self.answers:
            self.reference = ""
            self.back_requested.emit()
            return
        self.answers.pop()
        self.retranslate(self.language)
