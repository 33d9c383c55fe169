"""The citizen kiosk window: header, the current screen, keyboard, footer; the visitor's flows."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk.errors import InvalidInput
from kiosk.hall import Hall
from kiosk.i18n import translate
from kiosk.info import load_info
from kiosk.logs import log_path, tail
from kiosk.queueing.lookup import TicketPhase
from kiosk.queueing.take import Origin, StepError, TakeNumber, TakeStep
from kiosk.slips import printer_test_slip
from kiosk.staff import StaffMember
from kiosk.status import PostingFound, StatusAnswer, TicketFound
from printing import Paper, Printer, render_slip
from ui.kiosk.chrome import Footer, Header
from ui.kiosk.complaint.flow import ComplaintFlow
from ui.kiosk.home import HomeScreen
from ui.kiosk.idle import IdleBanner, IdleWatch
from ui.kiosk.info.flow import InfoFlow
from ui.kiosk.jobs.flow import JobsFlow
from ui.kiosk.keyboard import OnScreenKeyboard
from ui.kiosk.maintenance import MaintenanceScreen, PinScreen, StaffGesture
from ui.kiosk.notice_screen import NoticeScreen
from ui.kiosk.priority_screen import PriorityScreen
from ui.kiosk.reading import words_of
from ui.kiosk.services_screen import ServicesScreen
from ui.kiosk.slip_screen import SlipState
from ui.kiosk.status_screen import StatusScreen
from ui.kiosk.survey_screen import SurveyScreen
from ui.kiosk.ticket_screen import TicketScreen
from ui.widgets import repolish
from ui.workers import Worker

if TYPE_CHECKING:
    from ui.speech import ScreenReader

log = logging.getLogger(__name__)
RESTART = 75
"""Exit code asking the launcher to reload the configuration and open a new window."""
LATE_TAP_SECONDS = 1.0
"""After a screen left by itself, touches are ignored this long: a finger already on its
way to that screen must not start something on the next one."""
TOUCHES = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchEnd,
}
SLIP_STATES = {
    TakeStep.ISSUED: SlipState.PRINTING,
    TakeStep.PRINTED: SlipState.PRINTED,
    TakeStep.PRINT_FAILED: SlipState.FAILED,
}
"""How the ticket screen shows each step of a number on screen."""


class KioskWindow(QWidget):
    """The full-screen window a visitor sees.

    Args:
        hall: the hall's settings and database.
        printer: the slip printer (the configured one unless given).
    """

    left = Signal(int)
    """Staff closed the kiosk from the panel: 0 to quit, ``RESTART`` to reload."""

    def __init__(
        self,
        hall: Hall,
        printer: Printer | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setWindowTitle(hall.settings.site.name)
        self.hall = hall
        self.printer = printer or hall.printer()
        self.paper = Paper(hall.settings.printer.paper_width)
        self.clock = hall.clock
        self.take = TakeNumber(hall.queue, hall.settings)
        self.language = hall.settings.kiosk.languages[0]
        self.exit_code = 0
        self._taps_held_until = 0.0
        self._leaving = False
        self._panel_member: StaffMember | None = None
        self.worker = Worker(self)
        self.reader: ScreenReader | None = None
        if hall.settings.kiosk.speech:  # QtMultimedia loads only where speech is on
            from ui.speech import ScreenReader

            self.reader = ScreenReader(parent=self)
        self._build()
        self._connect()
        self.set_language(self.language)

    def _build(self) -> None:
        settings = self.hall.settings
        self.header = Header(settings)
        self.footer = Footer(settings)
        self.home = HomeScreen()
        self.services = ServicesScreen(settings)
        self.priority = PriorityScreen()
        self.ticket = TicketScreen()
        self.notice = NoticeScreen()
        self.status = StatusScreen(settings)
        self.survey = SurveyScreen()
        self.pin = PinScreen()
        self.maintenance = MaintenanceScreen()
        self.complaint = ComplaintFlow(self.hall, self.worker, self.printer, self.paper)
        self.jobs = JobsFlow(self.hall, self.worker, self.printer, self.paper, self)
        self.info = InfoFlow(load_info(settings), settings, self.clock, self)
        self.screens = QStackedWidget()
        # The screen area takes what header, keyboard and footer leave: with the keypad up
        # it must not demand the tallest screen's height (home never shows the keypad).
        self.screens.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        for screen in self._screens():
            self.screens.addWidget(screen)
        self.keyboard = OnScreenKeyboard(language=self.language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.screens, 1)
        layout.addWidget(self.keyboard)
        layout.addWidget(self.footer)
        self.idle_banner = IdleBanner(self.screens, self)
        self.idle = IdleWatch(settings.kiosk.idle_seconds, self.clock, self)
        self.gesture = StaffGesture(
            self.header.mark, settings.kiosk.staff_gesture_taps, self.clock, self
        )

    def _screens(self) -> tuple[Any, ...]:
        return (
            self.home,
            self.services,
            self.priority,
            self.ticket,
            self.notice,
            self.status,
            self.survey,
            self.pin,
            self.maintenance,
            *self.complaint.screens(),
            *self.jobs.screens,
            *self.info.screens,
        )

    def _connect(self) -> None:
        self.header.language_chosen.connect(self.set_language)
        self.header.large_text_toggled.connect(self.set_large_text)
        self.header.speak_requested.connect(self._read_screen)
        self.home.tile_chosen.connect(self._on_tile)
        self.services.service_chosen.connect(self._choose_service)
        self.services.back_requested.connect(self._take_back)
        self.priority.answered.connect(self._answer_priority)
        self.priority.back_requested.connect(self._take_back)
        self.ticket.finished.connect(self.go_home)
        self.ticket.timed_out.connect(self._hold_late_taps)
        self.complaint.receipt.timed_out.connect(self._hold_late_taps)
        cast(QApplication, QApplication.instance()).installEventFilter(self)
        self.notice.home_requested.connect(self.go_home)
        self.status.check_requested.connect(self._check_status)
        self.status.back_requested.connect(self._leave_status)
        self.status.survey_requested.connect(self._start_survey)
        self.survey.answered.connect(self._survey_answered)
        self.survey.back_requested.connect(lambda: self._show(self.status))
        self.complaint.screen_wanted.connect(self._show)
        self.complaint.home_requested.connect(self.go_home)
        self.jobs.screen_wanted.connect(self._show)
        self.jobs.home_requested.connect(self.go_home)
        self.jobs.registration_requested.connect(self._register)
        self.info.screen_wanted.connect(self._show)
        self.info.home_requested.connect(self.go_home)
        self.info.join_requested.connect(self._join_session)
        self.idle.countdown.connect(lambda s: self.idle_banner.show_seconds(s, self.language))
        self.idle.touched.connect(self.idle_banner.hide)
        self.idle.timed_out.connect(self.reset)
        self.idle_banner.stay_requested.connect(self.idle.touch)
        self.gesture.triggered.connect(self._ask_pin)
        self.pin.pin_entered.connect(self._check_pin)
        self.pin.cancelled.connect(self.go_home)
        self.maintenance.back_requested.connect(self.go_home)
        self.maintenance.test_print_requested.connect(self._print_test)
        self.maintenance.reload_requested.connect(lambda: self._close_kiosk(RESTART))
        self.maintenance.exit_requested.connect(lambda: self._close_kiosk(0))

    @Slot(str)
    def set_language(self, language: str) -> None:
        """Re-label every screen in a language, in place."""
        self.language = language
        self.header.show_language(language)
        self.keyboard.set_language(language)
        for part in (*self._screens(), self.footer, self.header):
            part.retranslate(language)

    @Slot(bool)
    def set_large_text(self, large: bool) -> None:
        """Large text and strong contrast on every screen (the theme's ``large`` property)."""
        self.setProperty("large", large)
        repolish(self)

    @Slot()
    def go_home(self) -> None:
        """Back to the home screen; a number being taken and a staff member are forgotten."""
        self._panel_member = None
        self.take.reset()
        self._show(self.home)

    @Slot()
    def reset(self) -> None:
        """Back to the start as for a new visitor: home, default language, nothing kept."""
        self.pin.prompt()
        self.status.clear()
        self.complaint.reset()
        self.jobs.reset()
        self.header.set_large_text(False)
        self.set_language(self.hall.settings.kiosk.languages[0])
        self.go_home()

    @Slot()
    def _hold_late_taps(self) -> None:
        self._taps_held_until = time.monotonic() + LATE_TAP_SECONDS

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Swallow touches on the screens just after a screen left by itself."""
        return (
            event.type() in TOUCHES
            and time.monotonic() < self._taps_held_until
            and isinstance(watched, QWidget)
            and self.screens.isAncestorOf(watched)
        )

    def _show(self, screen: QWidget) -> None:
        self.idle_banner.hide()
        if screen is self.home:
            self.idle.disarm()
        else:
            self.idle.arm()
        self.screens.setCurrentWidget(screen)
        if screen is self.status:
            self.status.field.setFocus()  # the keyboard comes up, and a scanner types here
        elif screen is not self.pin:
            self.setFocus()

    @Slot(str)
    def _on_tile(self, tile: str) -> None:
        if tile == "queue":
            self.worker.submit(self.take.open, self._render_take, self._failed)
            return
        if tile == "complaint":
            self.complaint.start()
            return
        if tile == "jobs":
            self.jobs.open()
            return
        if tile == "status":
            self.status.clear()
            self._show(self.status)
            return
        if tile == "info":
            self.info.open()
            return
        log.warning("no screen for the tile %r", tile)

    # Cek Status: the look-up runs in the worker; a posting opens in the jobs screens.

    @Slot(str)
    def _check_status(self, text: str) -> None:
        if text.strip():  # the answer needs the room; the field keeps focus for a scanner
            self.keyboard.hide()
        check, hall = self.status.start_check(), self.hall
        self.worker.submit(
            lambda: hall.look_up(text),
            lambda answer: self._show_status(check, answer),
            lambda error: self._status_failed(check, error),
        )

    def _show_status(self, check: int, answer: StatusAnswer) -> None:
        if not self.status.is_current(check):  # typed again, or left: a late answer
            return
        if isinstance(answer, PostingFound):
            self.status.show_hint()
            self.jobs.open_posting(answer.posting_id, back_to=self.status)
            return
        self.status.show_answer(answer)
        if isinstance(answer, TicketFound) and answer.ticket.phase is TicketPhase.DONE:
            survey, reference = self.hall.survey, answer.ticket.reference
            self.worker.submit(
                lambda: survey.check(reference),
                lambda _: self._offer_survey(check, reference),
                lambda _error: None,  # answered already, or too late: nothing to offer
            )

    def _offer_survey(self, check: int, reference: str) -> None:
        if self.status.is_current(check):
            self.status.offer_survey(reference)

    @Slot(str)
    def _start_survey(self, reference: str) -> None:
        self.survey.start(reference)
        self._show(self.survey)

    @Slot(str, tuple)
    def _survey_answered(self, reference: str, answers: tuple[int, ...]) -> None:
        survey = self.hall.survey
        self.worker.submit(
            lambda: survey.submit(reference, answers),
            lambda _: self._survey_done(translate("survey.screen_thanks", self.language)),
            self._survey_refused,
        )

    def _survey_refused(self, error: Exception) -> None:
        if not isinstance(error, InvalidInput):
            log.error("survey answer not kept: %s", error)
            error = InvalidInput("take.failed")
        self._survey_done(error.message(self.language))

    def _survey_done(self, message: str) -> None:
        self.status.clear()
        self.notice.show_message(message, self.language)
        self._show(self.notice)

    def _status_failed(self, check: int, error: Exception) -> None:
        log.error("status look-up failed: %s", error)
        if self.status.is_current(check):
            self.status.show_message("status.failed")

    @Slot()
    def _leave_status(self) -> None:
        self.status.clear()
        self.go_home()

    # Taking a number: each tap is a transition of ``self.take``, each step a screen.

    @Slot(str)
    def _choose_service(self, code: str) -> None:
        self._tap(lambda: self.take.choose(code))

    @Slot(bool)
    def _answer_priority(self, priority: bool) -> None:
        self._tap(lambda: self.take.answer_priority(priority))

    @Slot()
    def _take_back(self) -> None:
        self._tap(self.take.back)

    @Slot(int)
    def _register(self, posting_id: int) -> None:
        self._tap(lambda: self.take.register(posting_id))

    @Slot(str)
    def _join_session(self, code: str) -> None:
        self._tap(lambda: self.take.join(code))

    def _tap(self, transition: Callable[[], TakeStep]) -> None:
        try:
            step = transition()
        except StepError as error:  # a second tap the flow no longer waits for
            log.debug("tap ignored: %s", error)
            return
        except InvalidInput as refusal:
            self._show_refusal(refusal)
            return
        self._render_take(step)

    def _render_take(self, step: TakeStep | None) -> None:
        """Show a step of taking a number; start its slow work (None: a late answer)."""
        take = self.take
        if step is None:
            return
        if step is TakeStep.IDLE:
            if take.origin is Origin.POSTING:
                self._show(self.jobs.detail)
            elif take.origin is Origin.SESSION:
                self.info.show_sessions()
            else:
                self._show(self.home)
        elif step is TakeStep.CHOOSING_SERVICE:
            self.services.show_statuses(take.statuses, self.language)
            self._show(self.services)
        elif step is TakeStep.ASKING_PRIORITY:
            self._show(self.priority)
        elif step is TakeStep.ISSUING:
            self.worker.submit(take.issue, self._render_take, self._failed)
        elif step is TakeStep.NOT_ISSUED:
            assert take.refusal is not None
            self._show_refusal(take.refusal)
        elif step is TakeStep.ISSUED:
            assert take.ticket is not None
            assert take.service is not None
            self.ticket.show_ticket(take.ticket, take.service.name, self.language)
            self._show(self.ticket)
            printer, paper, language = self.printer, self.paper, self.language
            self.worker.submit(
                lambda: take.print_slip(printer, paper, language), self._render_take, self._failed
            )
        else:
            self.ticket.set_slip_state(SLIP_STATES[step])

    def _show_refusal(self, refusal: InvalidInput) -> None:
        self.notice.show_message(refusal.message(self.language), self.language)
        self._show(self.notice)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, InvalidInput):
            log.error("kiosk action failed: %s", error)
            error = InvalidInput("take.failed")
        self._show_refusal(error)

    @Slot()
    def _ask_pin(self) -> None:
        self._show(self.pin)
        self.pin.prompt()

    @Slot(str)
    def _check_pin(self, pin: str) -> None:
        staff = self.hall.staff
        self.worker.submit(lambda: staff.open_gate(pin), self._open_panel, self._pin_refused)

    def _open_panel(self, member: StaffMember) -> None:
        log.info("staff panel opened by %s", member.username)
        self._panel_member = member
        self.maintenance.open_for(
            member.name, tail(log_path()), self.language, supervisor=member.is_supervisor
        )
        self._show(self.maintenance)
        self.worker.submit(self.printer.status, self.maintenance.show_printer, self._failed)

    def _pin_refused(self, error: Exception) -> None:
        message = error.message(self.language) if isinstance(error, InvalidInput) else str(error)
        self.pin.show_error(message)

    @Slot()
    def _print_test(self) -> None:
        slip = printer_test_slip(self.hall.settings, self.language, self.clock())
        self.worker.submit(
            lambda: self.printer.print_pdf(render_slip(slip, self.paper), "printer-test"),
            lambda _job: self.maintenance.show_message(
                translate("maintenance.test_printed", self.language)
            ),
            lambda error: self.maintenance.show_message(
                translate("maintenance.test_failed", self.language, reason=error)
            ),
        )

    def _close_kiosk(self, code: int) -> None:
        """Reload or exit, once the core agrees the member at the panel is a supervisor."""
        member, staff = self._panel_member, self.hall.staff
        if member is None:
            return
        self.worker.submit(
            lambda: staff.check_supervisor(member),
            lambda _: self._leave(code),
            lambda error: self.maintenance.show_message(
                error.message(self.language) if isinstance(error, InvalidInput) else str(error)
            ),
        )

    def _leave(self, code: int) -> None:
        log.info("kiosk closed from the staff panel (code %s)", code)
        self.exit_code = code
        self._leaving = True
        self.worker.wait()
        self.left.emit(code)

    @Slot()
    def _read_screen(self) -> None:
        """The speaker button: the screen's heading and instruction aloud (never blocks)."""
        screen = self.screens.currentWidget()
        if self.reader is not None and screen is not None:
            words = words_of(screen, self.language)
            if words:
                self.reader.read(words, self.language)

    def shut_down(self) -> None:
        """Close the window for good, never a visitor's way out: its owner's when it is done
        with it (a test; the launcher ends the application instead)."""
        self._leaving = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Visitors and officers cannot close the kiosk (Alt+F4 lands here); a supervisor
        leaves from the panel."""
        if self._leaving:
            self.worker.wait()
            if self.reader is not None:
                self.reader.stop()
            event.accept()
        else:
            event.ignore()
