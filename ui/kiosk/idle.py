"""Idle reset: after a while without a touch, a visible countdown, then back to the start."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from kiosk.i18n import translate
from ui.widgets import BigButton, named_label

COUNTDOWN_SECONDS = 10
TOUCHES = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleBanner(QWidget):
    """The countdown shown before the reset, with a button to stay.

    It floats over the top of ``over`` (the screen area) instead of taking room in a
    layout, so nothing on the screen moves when it appears: a tap aimed at a button still
    lands on that button.

    Args:
        over: the widget whose top edge the banner covers; a child of ``parent``.
        parent: the window the banner floats in.

    Signals:
        stay_requested: the visitor is still there.
    """

    stay_requested = Signal()

    def __init__(self, over: QWidget, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("IdleBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._over = over
        over.installEventFilter(self)
        self.text = named_label("IdleText")
        self.stay = BigButton(role="primary")
        self.stay.clicked.connect(self.stay_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.stay)
        self.hide()

    def show_seconds(self, seconds: int, language: str) -> None:
        """Show how long until the reset."""
        self.text.setText(translate("idle.countdown", language, seconds=seconds))
        self.stay.set_label(translate("idle.still_here", language))
        self._place()
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Follow the screen area when it moves or changes size; consume nothing."""
        if watched is self._over and event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
            self._place()
        return False

    def _place(self) -> None:
        parent = self.parentWidget()
        assert parent is not None
        top_left = self._over.mapTo(parent, QPoint(0, 0))
        self.setGeometry(top_left.x(), top_left.y(), self._over.width(), self.sizeHint().height())


class IdleWatch(QObject):
    """Watches every touch of the application; counts down, then asks for a reset.

    Signals:
        countdown: seconds left before the reset (shown to the visitor).
        touched: a touch came after the countdown had started (the countdown is over).
        timed_out: the idle time has passed; the kiosk should go back to the start.
    """

    countdown = Signal(int)
    touched = Signal()
    timed_out = Signal()

    def __init__(
        self, idle_seconds: int, clock: Callable[[], datetime], parent: QObject | None = None
    ):
        super().__init__(parent)
        self._idle_seconds = idle_seconds
        self._clock = clock
        self._last_touch = clock()
        self._counting = False
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def arm(self) -> None:
        """Start watching (the visitor left the home screen)."""
        self.touch()
        self._timer.start()

    def disarm(self) -> None:
        """Stop watching (the home screen needs no reset)."""
        self._timer.stop()
        self._counting = False

    @Slot()
    def touch(self) -> None:
        """Count from now."""
        self._last_touch = self._clock()
        if self._counting:
            self._counting = False
            self.touched.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Any touch or key counts as activity; nothing is consumed."""
        if event.type() in TOUCHES:
            self.touch()
        return False

    @Slot()
    def _tick(self) -> None:
        idle = (self._clock() - self._last_touch).total_seconds()
        left = self._idle_seconds - int(idle)
        if left <= 0:
            self.disarm()
            self.timed_out.emit()
        elif left <= COUNTDOWN_SECONDS:
            self._counting = True
            self.countdown.emit(left)
