"""The staff console window: sign in, pick a counter, then work the queue at that counter."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.clock import aware_now
from kiosk.errors import InvalidInput
from kiosk.hall import Hall
from kiosk.hall_key import HallKeyError
from kiosk.i18n import pick, translate
from kiosk.infra.sealed import KeyFileError
from kiosk.queueing.report_doc import figures_pdf
from kiosk.queueing.slip import ticket_slip
from kiosk.queueing.views import ConsoleSnapshot, TicketView
from kiosk.staff import StaffMember
from kiosk.sync.status import sync_status
from printing import Paper, Printer, PrintJob, render_slip
from ui.hall_events import HallEvents
from ui.staff.complaints.page import ComplaintsPage
from ui.staff.complaints.panel import StaffComplaintsPanel
from ui.staff.console_screen import ConsoleScreen
from ui.staff.counter_screen import CounterScreen
from ui.staff.sign_in_screen import SignInScreen
from ui.widgets import compact_below
from ui.workers import Worker

log = logging.getLogger(__name__)
MINUTE_MS = 30_000
"""The waiting minutes are re-read this often even when nothing else changes."""
SMALLEST = QSize(1280, 720)
"""The smallest screen the console is laid out for (a 1366×768 PC, less its taskbar)."""
ROOMY = QSize(1600, 960)
"""From this window size on the console takes its full type; below it, its compact type."""


class StaffWindow(QWidget):
    """The front-desk console (konsol petugas) of one officer at one counter.

    Args:
        hall: the hall's settings and database.
        counter: the counter this PC sits at; None lets the officer pick it.
        printer: where the day report goes (the configured printer unless given).
    """

    def __init__(
        self,
        hall: Hall,
        counter: int | None = None,
        printer: Printer | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("ConsoleWindow")
        self.setMinimumSize(SMALLEST)  # not the full type's minimum: a smaller window turns compact
        self.setProperty("compact", False)
        self.setWindowTitle(hall.settings.site.name)
        self.hall = hall
        self.fixed_counter = counter
        self.counter: int | None = None
        self.member: StaffMember | None = None
        self.complaints: ComplaintsPage | None = None
        self.printer = printer or hall.printer()
        self.language = hall.settings.kiosk.languages[0]
        self.queue = hall.queue
        self.directory = hall.staff
        self.worker = Worker(self)
        self.events = HallEvents(self.queue, self)
        self.sign_in = SignInScreen(hall.settings.kiosk.languages)
        self.counters = CounterScreen(hall.settings)
        self.console = ConsoleScreen(hall.settings)
        self.screens = QStackedWidget()
        for screen in (self.sign_in, self.counters, self.console):
            self.screens.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.screens)
        self._minute = QTimer(self)
        self._minute.setInterval(MINUTE_MS)
        self._minute.timeout.connect(self.refresh)
        self._connect()
        self.set_language(self.language)
        self._show_sign_in()

    def _connect(self) -> None:
        self.sign_in.language_chosen.connect(self.set_language)
        self.sign_in.sign_in_requested.connect(self._check)
        self.counters.counter_chosen.connect(self._open_counter)
        self.counters.back_requested.connect(self.sign_out)
        self.console.sign_out_requested.connect(self.sign_out)
        self.console.complaints_requested.connect(self.open_complaints)
        self.console.action_bar.action_requested.connect(self._act)
        self.console.transfer.service_chosen.connect(self._transfer)
        self.console.transfer.cancelled.connect(self.console.close_transfer)
        self.console.supervisor.opening_toggled.connect(self._set_opening)
        self.console.supervisor.quota_edited.connect(self._set_quota)
        self.console.supervisor.report_requested.connect(self._print_report)
        self.console.ticket.reprint_requested.connect(self._reprint)
        self.events.queue_changed.connect(self.refresh)

    @Slot(str)
    def set_language(self, language: str) -> None:
        """Re-label every screen in a language."""
        self.language = language
        for screen in (self.sign_in, self.counters, self.console, self.complaints):
            if screen is not None:
                screen.retranslate(language)

    @Slot(str, str)
    def _check(self, username: str, pin: str) -> None:
        self.worker.submit(
            lambda: self.directory.sign_in(username, pin), self._signed_in, self._refused
        )

    def _signed_in(self, member: StaffMember) -> None:
        log.info("console: %s signed in", member.username)
        self.member = member
        if self.fixed_counter is None:
            self.screens.setCurrentWidget(self.counters)
        else:
            self._open_counter(self.fixed_counter)

    def _refused(self, error: Exception) -> None:
        self.sign_in.show_error(self._reason(error))

    @Slot(int)
    def _open_counter(self, number: int) -> None:
        assert self.member is not None
        self.counter = number
        counter = next(c for c in self.hall.settings.counters if c.number == number)
        self.console.open_for(
            self.member.name,
            pick(counter.name, self.language),
            self.member.is_supervisor,
            self.language,
        )
        self.console.retranslate(self.language)
        self.screens.setCurrentWidget(self.console)
        self.events.start()
        self._minute.start()

    @Slot()
    def open_complaints(self) -> None:
        """Today's complaints, opened as the signed-in officer (every opening is logged)."""
        assert self.member is not None
        if self.complaints is None:
            try:
                service = self.hall.complaints
            except KeyFileError as fault:  # this device lacks the hall's key: say why
                log.error("complaints cannot be opened on this device: %s", fault)
                self.console.say(self._reason(fault), error=True)
                return
            panel = StaffComplaintsPanel(
                service,
                self.worker,
                self.printer,
                self.hall.settings,
                self.member.id,
                self.hall.look_up,
                self.language,
            )
            self.complaints = ComplaintsPage(panel)
            self.complaints.back_requested.connect(
                lambda: self.screens.setCurrentWidget(self.console)
            )
            self.screens.addWidget(self.complaints)
        self.complaints.retranslate(self.language)
        self.complaints.panel.refresh()
        self.screens.setCurrentWidget(self.complaints)

    @Slot()
    def sign_out(self) -> None:
        """Back to the sign-in screen; nothing of the officer is kept."""
        self.events.stop()
        self._minute.stop()
        if self.complaints is not None:
            self.screens.removeWidget(self.complaints)
            self.complaints.deleteLater()
            self.complaints = None
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # a quota being typed is saved as this member, before they go
        self.member = None
        self.counter = None
        self._show_sign_in()

    def _show_sign_in(self) -> None:
        """The sign-in screen, its list read afresh (a member added or disabled since shows)."""
        self.screens.setCurrentWidget(self.sign_in)
        self.worker.submit(self.directory.active_members, self.sign_in.set_users, self._failed)
        self.sign_in.prompt()

    @Slot()
    def refresh(self) -> None:
        """Read the counter's queue again (on every change in the hall)."""
        if self.member is None or self.counter is None:
            return
        counter, supervisor = self.counter, self.member.is_supervisor
        self.worker.submit(
            lambda: self.queue.console(counter, supervisor), self._show, self._failed
        )
        if supervisor:  # the hall's standing with the centre, and this month's survey
            hall, panel = self.hall, self.console.supervisor
            today = hall.today()
            self.worker.submit(
                lambda: (sync_status(hall.db), aware_now(hall.clock)),
                lambda read: panel.show_sync(*read),
                self._failed,
            )
            self.worker.submit(
                lambda: hall.survey.report(today.replace(day=1), today),
                panel.show_survey,
                self._failed,
            )

    def _show(self, snapshot: ConsoleSnapshot) -> None:
        if self.counter is not None:
            self.console.show_snapshot(snapshot, self.language)

    @Slot(str)
    def _act(self, action: str) -> None:
        if self.member is None or self.counter is None:
            return
        if action == "transfer":
            self.console.offer_transfer(self.language)
            return
        counter, staff = self.counter, self.member.id
        do: dict[str, Callable[[], TicketView | None]] = {
            "call": lambda: self.queue.call_next(counter, staff),
            "recall": lambda: self.queue.recall(counter, staff),
            "start": lambda: self.queue.start(counter, staff),
            "finish": lambda: self.queue.finish(counter, staff),
            "no_show": lambda: self.queue.no_show(counter, staff),
        }
        self._run(do[action], lambda ticket: self._done(action, ticket))

    @Slot(str)
    def _transfer(self, code: str) -> None:
        if self.member is None or self.counter is None:
            return
        self.console.close_transfer()
        counter, staff = self.counter, self.member.id
        self._run(
            lambda: self.queue.transfer(counter, code, staff),
            lambda ticket: self._done("transfer", ticket),
        )

    def _done(self, action: str, ticket: TicketView | None) -> None:
        if ticket is None:
            self.console.say(translate("console.nobody_waiting", self.language))
            return
        service = pick(self.hall.settings.service(ticket.service_code).name, self.language)
        self.console.say(
            translate(
                f"console.done_{action}", self.language, number=ticket.number, service=service
            )
        )

    @Slot(str, bool)
    def _set_opening(self, code: str, opened: bool) -> None:
        assert self.member is not None
        member, change = self.member, self.queue.open_today if opened else self.queue.close_today
        key = "console.service_opened" if opened else "console.service_closed"
        self._run(lambda: change(code, member), lambda _day: self._said(key, code))

    @Slot(str, int)
    def _set_quota(self, code: str, quota: int) -> None:
        assert self.member is not None
        member = self.member
        self._run(
            lambda: self.queue.set_quota_today(code, quota, member),
            lambda _day: self._said("console.quota_set", code, quota=quota),
        )

    def _said(self, key: str, code: str, **params: object) -> None:
        name = pick(self.hall.settings.service(code).name, self.language)
        self.console.say(translate(key, self.language, service=name, **params))

    @Slot()
    def _print_report(self) -> None:
        assert self.member is not None
        language, printer, queue, member = self.language, self.printer, self.queue, self.member
        day = self.hall.today()

        def work() -> PrintJob:
            pdf = figures_pdf(queue.day_report(day, member, language), language)
            return printer.print_pdf(pdf, f"day-report-{day.isoformat()}")

        self.worker.submit(
            work,
            lambda job: self.console.say(
                translate("console.report_printed", self.language, job=job.job_id)
            ),
            lambda error: self.console.say(
                translate("console.report_failed", self.language, reason=error), error=True
            ),
        )

    @Slot(int)
    def _reprint(self, ticket_id: int) -> None:
        """Print a ticket's slip again (in the hall's first language) and record it printed."""
        queue, printer, settings = self.queue, self.printer, self.hall.settings
        paper, visitor = Paper(settings.printer.paper_width), settings.kiosk.languages[0]

        def work() -> str:
            issued = queue.slip_again(ticket_id)
            slip = render_slip(ticket_slip(issued, settings, visitor), paper)
            printer.print_pdf(slip, f"ticket-{issued.number}")
            queue.slip_printed(ticket_id, printed=True)
            return issued.number

        self._run(
            work,
            lambda number: self.console.say(
                translate("console.slip_reprinted", self.language, number=number)
            ),
        )

    def _run(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        def succeeded(value: Any) -> None:
            then(value)
            self.refresh()

        self.worker.submit(work, succeeded, self._failed)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, InvalidInput):
            log.error("console action failed: %s", error)
        self.console.say(self._reason(error), error=True)
        self.refresh()

    def _reason(self, error: Exception) -> str:
        if isinstance(error, InvalidInput | HallKeyError):
            return error.message(self.language)
        return translate("console.failed", self.language, reason=error)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Take the compact type (the theme's ``compact`` rules) in a window below ``ROOMY``."""
        super().resizeEvent(event)
        if compact_below(self, ROOMY, event.size()):
            for layout in self.findChildren(QLayout):  # the hidden screens' too: the stack
                layout.invalidate()  # takes its minimum from every screen

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Stop polling and finish running tasks before the window goes."""
        self.events.stop()
        self._minute.stop()
        self.worker.wait()
        event.accept()
