"""The jobs info screens wired together: queries off the GUI thread, newest answer wins."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from kiosk.errors import InvalidInput
from kiosk.hall import Hall
from kiosk.jobs.postings import PostingDetail
from kiosk.jobs.registry import P3miLookup
from kiosk.jobs.search import CountryCount, JobQuery, SearchPage
from kiosk.jobs.slip import job_slip
from printing import Paper, Printer, PrintJob, render_slip
from ui.kiosk.jobs.detail_screen import JobDetailScreen, PrintState
from ui.kiosk.jobs.home_screen import JobsHomeScreen
from ui.kiosk.jobs.list_screen import JobListScreen
from ui.kiosk.jobs.p3mi_screen import P3miScreen
from ui.workers import Worker

log = logging.getLogger(__name__)
TYPING_PAUSE_MS = 150
"""Search once the visitor pauses typing this long, not on every key."""
FAILED = "jobsui.failed"


class JobsFlow(QObject):
    """The jobs home, list, detail and Cek P3MI screens and the queries behind them.

    Each query runs in the worker and carries the number of the search it answers; an
    answer to an older search (the visitor typed on) is dropped.

    Args:
        hall: the hall, for its job board and settings.
        worker: runs queries and printing off the GUI thread.
        printer: prints job slips on ``paper``.

    Signals:
        screen_wanted: one of these screens should come to the front.
        home_requested: the visitor leaves jobs info.
        registration_requested: "Daftar sekarang" on a posting (its id).
    """

    screen_wanted = Signal(QWidget)
    home_requested = Signal()
    registration_requested = Signal(int)

    def __init__(
        self,
        hall: Hall,
        worker: Worker,
        printer: Printer,
        paper: Paper,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._board = hall.jobs
        self._settings = hall.settings
        self._worker, self._printer, self._paper = worker, printer, paper
        self._query = JobQuery()
        self._searches = 0
        self._counts = 0
        self.countries = JobsHomeScreen()
        self.results = JobListScreen()
        self.detail = JobDetailScreen()
        self.p3mi = P3miScreen(hall.settings.site.hotline)
        self._detail_back: QWidget = self.results
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._search)
        self._connect()

    @property
    def screens(self) -> tuple[QWidget, ...]:
        """The screens to put in the window's stack."""
        return (self.countries, self.results, self.detail, self.p3mi)

    def _connect(self) -> None:
        self.countries.country_chosen.connect(self._open_country)
        self.countries.text_edited.connect(self._typed_at_home)
        self.countries.filters.filters_changed.connect(self._filters_changed)
        self.countries.p3mi_requested.connect(self._open_p3mi)
        self.countries.home_requested.connect(self.home_requested)
        self.results.text_edited.connect(self._typed)
        self.results.posting_chosen.connect(self._open_posting)
        self.results.back_requested.connect(self._back_to_countries)
        self.results.model.more_wanted.connect(self._fetch_more)
        self.detail.back_requested.connect(lambda: self._show(self._detail_back))
        self.detail.print_requested.connect(self._print)
        self.detail.register_requested.connect(self.registration_requested)
        self.p3mi.check_requested.connect(self._check_p3mi)
        self.p3mi.back_requested.connect(lambda: self._show(self.countries))

    @Slot()
    def open(self) -> None:
        """Start jobs info afresh at the countries."""
        self.reset()
        self._show(self.countries)
        self._count()

    @Slot()
    def reset(self) -> None:
        """Forget the visitor's search, filters, posting and check (idle, new visitor)."""
        self._typing.stop()
        self._searches += 1
        self._counts += 1
        self._query = JobQuery()
        self._detail_back = self.results
        self.countries.clear()
        self.results.start(None, "")
        self.detail.posting = None
        self.p3mi.clear()

    def _show(self, screen: QWidget) -> None:
        self.screen_wanted.emit(screen)

    # Countries and the search

    def _count(self) -> None:
        self._counts += 1
        number, board, query = self._counts, self._board, self._query
        self._run(
            lambda: board.counts_by_country(query),
            lambda counts: self._show_counts(number, counts),
        )

    def _show_counts(self, number: int, counts: tuple[CountryCount, ...]) -> None:
        if number == self._counts:
            self.countries.show_counts(counts)

    @Slot(str)
    def _open_country(self, country: str) -> None:
        self._query = dataclasses.replace(self._query, country=country or None)
        self.results.start(self._query.country, self._query.text)
        self._show(self.results)
        self._search()

    @Slot(str)
    def _typed_at_home(self, text: str) -> None:
        self._query = dataclasses.replace(self._query, country=None)
        self.results.start(None, text)
        self._show(self.results)
        self.results.focus_search()
        self._typed(text)

    @Slot(str)
    def _typed(self, text: str) -> None:
        self._query = dataclasses.replace(self._query, text=text)
        self._typing.start()

    @Slot()
    def _filters_changed(self) -> None:
        self._query = self.countries.filters.apply_to(self._query)
        self._count()

    @Slot()
    def _back_to_countries(self) -> None:
        self._typing.stop()
        self._searches += 1
        self._query = dataclasses.replace(self._query, country=None)
        self.countries.search.setText(self._query.text)
        self._show(self.countries)
        self._count()

    @Slot()
    def _search(self) -> None:
        self._typing.stop()
        self._searches += 1
        number, board, query = self._searches, self._board, self._query
        self._run(lambda: board.search(query), lambda page: self._show_page(number, page))

    def _show_page(self, number: int, page: SearchPage) -> None:
        if number == self._searches:
            self.results.show_page(page)

    @Slot(int)
    def _fetch_more(self, offset: int) -> None:
        number, board, query = self._searches, self._board, self._query
        model = self.results.model

        def add(page: SearchPage) -> None:
            if number == self._searches:
                model.add_page(page)

        def failed(error: Exception) -> None:
            log.error("jobs page at %s not read: %s", offset, error)
            model.page_failed()

        self._worker.submit(lambda: board.search(query, offset=offset), add, failed)

    # One posting

    @Slot(int)
    def _open_posting(self, posting_id: int) -> None:
        board = self._board
        self._detail_back = self.results
        self._run(lambda: board.detail(posting_id), self._show_posting)

    def open_posting(self, posting_id: int, back_to: QWidget) -> None:
        """Show one posting's detail afresh (Cek Status found it); its Back leads to ``back_to``."""
        self.reset()
        self._detail_back = back_to
        board = self._board
        self._run(lambda: board.detail(posting_id), self._show_posting)

    def _show_posting(self, posting: PostingDetail | None) -> None:
        if posting is None:
            self.results.show_message(FAILED)
            return
        self.detail.show_detail(posting)
        self._show(self.detail)

    @Slot()
    def _print(self) -> None:
        posting = self.detail.posting
        if posting is None:
            return
        slip = job_slip(posting, self._settings, self.detail.language)
        printer, paper, name = self._printer, self._paper, f"job-{posting.reference}"
        self.detail.set_print_state(PrintState.PRINTING)
        self._worker.submit(
            lambda: printer.print_pdf(render_slip(slip, paper), name),
            self._printed,
            self._print_failed,
        )

    def _printed(self, job: PrintJob) -> None:
        log.info("job slip printed: %s job %s", job.backend, job.job_id)
        self.detail.set_print_state(PrintState.PRINTED)

    def _print_failed(self, error: Exception) -> None:
        log.error("job slip not printed: %s", error)
        self.detail.set_print_state(PrintState.FAILED)

    # Cek P3MI

    @Slot()
    def _open_p3mi(self) -> None:
        self.p3mi.clear()
        self._show(self.p3mi)
        self.p3mi.search.setFocus()

    @Slot(str)
    def _check_p3mi(self, text: str) -> None:
        board = self._board
        self._worker.submit(lambda: board.check_p3mi(text), self._show_lookup, self._lookup_failed)

    def _show_lookup(self, lookup: P3miLookup) -> None:
        self.p3mi.show_lookup(lookup)

    def _lookup_failed(self, error: Exception) -> None:
        if isinstance(error, InvalidInput):
            self.p3mi.show_message(error.key)
        else:
            log.error("P3MI check failed: %s", error)
            self.p3mi.show_message(FAILED)

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self._worker.submit(work, done, self._failed)

    def _failed(self, error: Exception) -> None:
        log.error("jobs query failed: %s", error)
        self.results.show_message(FAILED)
