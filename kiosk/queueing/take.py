"""Taking a queue number (ambil nomor antrian) as a pure state machine; Qt renders it."""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from kiosk.errors import InvalidInput
from kiosk.queueing.service import QueueService
from kiosk.queueing.slip import ticket_slip
from kiosk.queueing.states import (
    CLOSED_NOW,
    CLOSED_TODAY,
    QUOTA_REACHED,
    UNKNOWN_SERVICE,
    TicketRefusedError,
)
from kiosk.queueing.views import IssuedTicket, ServiceStatus
from kiosk.settings import ServiceSection, Settings
from printing import Paper, Printer, PrintError, render_slip

log = logging.getLogger(__name__)
FAILED: Final = "take.failed"
"""Why no number was made when the queue failed without a reason for the visitor."""
SHOWN_SECONDS: Final = 15
"""How long a number stays on screen while its slip prints or once it printed."""
SHOWN_AFTER_FAILURE_SECONDS: Final = 60
"""How long a number stays on screen when its slip failed, for a photo (only Done leaves)."""


class TakeStep(enum.StrEnum):
    """Where the visitor is in taking a number."""

    IDLE = "idle"
    """Not taking a number: the kiosk is elsewhere (home, the posting the visitor came from)."""
    CHOOSING_SERVICE = "choosing_service"
    ASKING_PRIORITY = "asking_priority"
    """Only for a service that offers priority service (pelayanan prioritas)."""
    ISSUING = "issuing"
    NOT_ISSUED = "not_issued"
    """The queue refused or failed: ``refusal`` says why; nothing was used up."""
    ISSUED = "issued"
    """The number is on screen and its slip is printing."""
    PRINTED = "printed"
    PRINT_FAILED = "print_failed"
    """The number stays valid: the visitor photographs it or writes it down."""


class Origin(enum.StrEnum):
    """Where the visitor started, so where Back from the first step returns."""

    SERVICES = "services"
    """The "take a number" tile: Back returns home."""
    POSTING = "posting"
    """"Daftar sekarang" on a vacancy: Back returns to that posting."""
    SESSION = "session"
    """"Ambil nomor" for a talk of the information corner: Back returns to the schedule."""


_REASONS: Final = {
    "take.closed_today": CLOSED_TODAY,
    "take.closed_now": CLOSED_NOW,
    "take.full": QUOTA_REACHED,
}
"""The queue's reason behind each line a closed service tile shows."""
_OPENING: Final = (TakeStep.IDLE, TakeStep.CHOOSING_SERVICE)


class StepError(RuntimeError):
    """A transition the current step does not allow (e.g. a second tap on an answer)."""


@dataclass(frozen=True, slots=True)
class TicketRequest:
    """The number asked for: the service, the priority answer, and the vacancy if any."""

    service: str
    priority: bool
    posting_id: int | None = None


class TakeNumber:
    """One visitor taking a queue number at the kiosk; it knows nothing of screens.

    Steps: choosing the service → the priority question (only when the service offers
    priority) → issuing → the number issued, then its slip printed or failed. A refusal
    from the queue ends in ``NOT_ISSUED`` with its reason.

    ``open``, ``issue`` and ``print_slip`` do the slow work (database, printer) and are
    meant for a worker thread; each changes the state only if the visit it started in is
    still going (``reset`` starts a new one) and returns the step it moved to, else None.
    Every transition raises ``StepError`` when called out of turn.

    Args:
        queue: the hall's queue, which issues the number (one transaction).
        settings: the site configuration: services, whether they offer priority, the
            registration service (``queue.registration_service``) and the slip's texts.
    """

    def __init__(self, queue: QueueService, settings: Settings) -> None:
        self._queue = queue
        self._settings = settings
        self._lock = threading.Lock()
        self._visit = 0
        self._step = TakeStep.IDLE
        self._origin = Origin.SERVICES
        self._statuses: dict[str, ServiceStatus] = {}
        self._service: ServiceSection | None = None
        self._posting_id: int | None = None
        self._request: TicketRequest | None = None
        self._ticket: IssuedTicket | None = None
        self._refusal: InvalidInput | None = None

    @property
    def step(self) -> TakeStep:
        """Where the visitor is."""
        return self._step

    @property
    def origin(self) -> Origin:
        """Where the visitor started (where Back from the first step returns)."""
        return self._origin

    @property
    def statuses(self) -> list[ServiceStatus]:
        """Every service with its queue, as read when the choice opened."""
        return list(self._statuses.values())

    @property
    def service(self) -> ServiceSection | None:
        """The chosen service, once chosen."""
        return self._service

    @property
    def posting_id(self) -> int | None:
        """The vacancy the visitor registers for, when they came from one."""
        return self._posting_id

    @property
    def request(self) -> TicketRequest | None:
        """The number asked for, once the priority question is answered (or skipped)."""
        return self._request

    @property
    def ticket(self) -> IssuedTicket | None:
        """The number issued, while it is shown."""
        return self._ticket

    @property
    def refusal(self) -> InvalidInput | None:
        """Why no number was made (``NOT_ISSUED``), in words the visitor can read."""
        return self._refusal

    # Starting

    def open(self) -> TakeStep | None:
        """Read every service's queue and show the choice (worker thread).

        Allowed when idle or already choosing (a second tap on the tile refreshes it).

        Raises:
            StepError: a number is being taken.
        """
        visit = self._expect(*_OPENING)
        return self._start(self._queue.services_status(), visit)

    def _start(self, statuses: Sequence[ServiceStatus], visit: int) -> TakeStep | None:
        with self._lock:
            if visit != self._visit or self._step not in _OPENING:
                return None  # the visitor moved on (a second tap's late answer)
            self._forget()
            self._origin = Origin.SERVICES
            self._statuses = {status.code: status for status in statuses}
            self._step = TakeStep.CHOOSING_SERVICE
            return self._step

    def choose(self, code: str) -> TakeStep:
        """Take a number of a service: ask about priority if it offers it, else issue.

        Raises:
            TicketRefusedError: unknown service, or (by its queue as read) closed now,
                closed today or full: the queue's reason, nothing changes.
            StepError: the services are not being chosen.
        """
        with self._lock:
            self._check(TakeStep.CHOOSING_SERVICE)
            service = self._known(code)
            status = self._statuses.get(code)
            if status is not None:
                _raise_refusal(status)
            return self._chose(service, None)

    def register(self, posting_id: int) -> TakeStep:
        """Take a number of the registration service for a vacancy ("Daftar sekarang").

        The service is ``queue.registration_service``; the queue checks its hours and
        quota when issuing.

        Raises:
            StepError: a number is already being taken.
        """
        return self._take_for(Origin.POSTING, self._settings.queue.registration_service, posting_id)

    def join(self, code: str) -> TakeStep:
        """Take a number of a session's service, to join a talk or orientation session.

        The queue checks the service's hours and quota when issuing.

        Raises:
            TicketRefusedError: no such service.
            StepError: a number is already being taken.
        """
        return self._take_for(Origin.SESSION, code, None)

    def _take_for(self, origin: Origin, code: str, posting_id: int | None) -> TakeStep:
        with self._lock:
            self._check(TakeStep.IDLE)
            service = self._known(code)
            self._forget()
            self._origin = origin
            return self._chose(service, posting_id)

    def answer_priority(self, priority: bool) -> TakeStep:
        """The visitor's answer to the priority question; the number is issued next.

        Raises:
            StepError: the question is not being asked (not offered, or already answered).
        """
        with self._lock:
            self._check(TakeStep.ASKING_PRIORITY)
            assert self._service is not None
            return self._will_issue(priority)

    def back(self) -> TakeStep:
        """One step back: priority → the services (or the posting); services → ``IDLE``.

        Raises:
            StepError: nothing to go back to (issuing, or a number is shown).
        """
        with self._lock:
            self._check(TakeStep.CHOOSING_SERVICE, TakeStep.ASKING_PRIORITY)
            if self._step is TakeStep.ASKING_PRIORITY and self._origin is Origin.SERVICES:
                self._service = None
                self._step = TakeStep.CHOOSING_SERVICE
            else:
                self._visit += 1
                self._step = TakeStep.IDLE
            return self._step

    # The slow work

    def issue(self) -> TakeStep | None:
        """Issue the number asked for through the queue (worker thread).

        Ends in ``ISSUED``, or in ``NOT_ISSUED`` with the queue's reason (or ``take.failed``
        when it failed without one, logged). Returns None, changing nothing, when the
        visit ended meanwhile (the number then stays issued, as a walked-away visitor's).

        Raises:
            StepError: nothing to issue.
        """
        with self._lock:
            self._check(TakeStep.ISSUING)
            visit, request = self._visit, self._request
        assert request is not None
        try:
            ticket = self._queue.issue_ticket(
                request.service, request.priority, request.posting_id, slip=True
            )
        except InvalidInput as refusal:
            return self._not_issued(visit, refusal)
        except Exception as error:  # the visitor sees a plain apology, the log the cause
            log.error("no number issued for %s: %s", request.service, error)
            return self._not_issued(visit, InvalidInput(FAILED))
        with self._lock:
            if visit != self._visit:
                return None
            self._ticket = ticket
            self._step = TakeStep.ISSUED
            return self._step

    def print_slip(self, printer: Printer, paper: Paper, language: str) -> TakeStep | None:
        """Print the issued number's slip in the visitor's language (worker thread).

        Ends in ``PRINTED`` or ``PRINT_FAILED`` (logged; the number stays valid), recorded
        with the ticket so the console can reprint a slip that never came out. Returns
        None, changing nothing here, when the visitor has already left the number.

        Raises:
            StepError: no number is waiting for its slip.
        """
        with self._lock:
            self._check(TakeStep.ISSUED)
            visit, ticket = self._visit, self._ticket
        assert ticket is not None
        try:
            slip = ticket_slip(ticket, self._settings, language)
            job = printer.print_pdf(render_slip(slip, paper), f"ticket-{ticket.number}")
        except Exception as error:  # any printer fault: the number on screen stays valid
            log.error("slip for %s not printed: %s", ticket.number, error)
            outcome = TakeStep.PRINT_FAILED
            fault = error.fault.value if isinstance(error, PrintError) else None
        else:
            log.info("slip printed: %s job %s", job.backend, job.job_id)
            outcome, fault = TakeStep.PRINTED, None
        try:
            self._queue.slip_printed(ticket.ticket_id, outcome is TakeStep.PRINTED, fault)
        except Exception as error:  # the visitor's number stands; the mark stays "printing"
            log.error("slip of %s not recorded: %s", ticket.number, error)
        with self._lock:
            if visit != self._visit or self._step is not TakeStep.ISSUED:
                return None
            self._step = outcome
            return self._step

    # Ending

    def reset(self) -> None:
        """Forget the visitor (Done, home, the idle time-out); late results are dropped."""
        with self._lock:
            self._visit += 1
            self._forget()
            self._origin = Origin.SERVICES
            self._step = TakeStep.IDLE

    # Inside

    def _expect(self, *steps: TakeStep) -> int:
        with self._lock:
            self._check(*steps)
            return self._visit

    def _check(self, *steps: TakeStep) -> None:
        if self._step not in steps:
            wanted = " or ".join(step.value for step in steps)
            raise StepError(f"taking a number is at {self._step.value}, not {wanted}")

    def _known(self, code: str) -> ServiceSection:
        try:
            return self._settings.service(code)
        except KeyError:
            raise TicketRefusedError(UNKNOWN_SERVICE, service=code) from None

    def _chose(self, service: ServiceSection, posting_id: int | None) -> TakeStep:
        self._service = service
        self._posting_id = posting_id
        if service.priority_allowed:
            self._step = TakeStep.ASKING_PRIORITY
            return self._step
        return self._will_issue(False)

    def _will_issue(self, priority: bool) -> TakeStep:
        assert self._service is not None
        self._request = TicketRequest(self._service.code, priority, self._posting_id)
        self._step = TakeStep.ISSUING
        return self._step

    def _not_issued(self, visit: int, refusal: InvalidInput) -> TakeStep | None:
        with self._lock:
            if visit != self._visit:
                return None
            self._refusal = refusal
            self._step = TakeStep.NOT_ISSUED
            return self._step

    def _forget(self) -> None:
        self._statuses = {}
        self._service = None
        self._posting_id = None
        self._request = None
        self._ticket = None
        self._refusal = None


def _raise_refusal(status: ServiceStatus) -> None:
    """Refuse a service its queue says is not issuing, with the queue's own reason."""
    if status.refusal is None:
        return
    reason = _REASONS[status.refusal]
    if reason == QUOTA_REACHED:
        raise TicketRefusedError(reason, service=status.code, quota=status.quota)
    raise TicketRefusedError(reason, service=status.code)
