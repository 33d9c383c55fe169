"""Jobs info at the touchscreen, by touches: countries, search, detail, slip, register, Cek P3MI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.hall import Hall
from kiosk.jobs.demo import seed_demo_jobs
from kiosk.jobs.search import JobBoard, JobQuery
from kiosk.jobs.vocab import Scheme
from kiosk.queueing.service import QueueService
from kiosk.references import public_url
from tests.helpers.touch import tap
from tests.printing.slip_tools import decode_qr, pdf_text, rasterise
from ui.jobs.detail_screen import PrintState
from ui.jobs.filters import Facet
from ui.jobs.list_model import Role
from ui.kiosk_window import KioskWindow

MONDAY_0930_WIB = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)


@pytest.fixture
def window(qtbot: QtBot, hall: Hall) -> Iterator[KioskWindow]:
    seed_demo_jobs(hall)
    shown = KioskWindow(hall, clock=lambda: MONDAY_0930_WIB)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    yield shown
    shown.worker.wait()


def open_jobs(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.home.tiles["jobs"])
    assert window.screens.currentWidget() is window.jobs.countries
    qtbot.waitUntil(lambda: "TW" in window.jobs.countries.tiles)


def tap_row(qtbot: QtBot, window: KioskWindow, row: int) -> None:
    view = window.jobs.results.view
    qtbot.waitUntil(lambda: window.jobs.results.model.rowCount() > row)
    centre = view.visualRect(window.jobs.results.model.index(row)).center()
    tap(qtbot, view.viewport(), QPoint(centre))
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.jobs.detail)


def rows(window: KioskWindow, role: int = Qt.ItemDataRole.DisplayRole) -> list[str]:
    model = window.jobs.results.model
    return [str(model.index(row).data(role)) for row in range(model.rowCount())]


def test_a_country_tile_lists_that_country_only(
    qtbot: QtBot, window: KioskWindow, hall: Hall
) -> None:
    open_jobs(qtbot, window)
    taiwan = JobBoard.of(hall).search(JobQuery(country="TW")).total
    assert window.jobs.countries.tiles["TW"].count_text() == f"{taiwan} lowongan"
    tap(qtbot, window.jobs.countries.tiles["TW"])
    assert window.screens.currentWidget() is window.jobs.results
    qtbot.waitUntil(lambda: window.jobs.results.model.rowCount() == taiwan)
    assert all(place.startswith("Taiwan · ") for place in rows(window, Role.PLACE))
    assert window.jobs.results.found.text() == f"{taiwan} lowongan ditemukan"
    tap(qtbot, window.header.language_button("en"))
    assert rows(window, Role.CLOSES)[0].startswith("Open until ")
    assert window.jobs.results.found.text() == f"{taiwan} vacancies found"


def test_a_filter_chip_narrows_the_countries(qtbot: QtBot, window: KioskWindow, hall: Hall) -> None:
    open_jobs(qtbot, window)
    bar = window.jobs.countries.filters
    tap(qtbot, bar.chips[Facet.SCHEME])
    government = next(b for b in bar.option_buttons() if b.text() == "G to G (antarpemerintah)")
    tap(qtbot, government)
    assert bar.chips[Facet.SCHEME].text() == "Skema: G to G (antarpemerintah)"
    assert not bar.option_buttons()
    counts = JobBoard.of(hall).counts_by_country(bar.apply_to(JobQuery()))
    assert counts
    qtbot.waitUntil(lambda: set(window.jobs.countries.tiles) == {"", *(c.country for c in counts)})
    assert "TW" not in window.jobs.countries.tiles
    tap(qtbot, bar.clear)
    qtbot.waitUntil(lambda: "TW" in window.jobs.countries.tiles)


def test_typing_on_the_on_screen_keyboard_searches_as_you_type(
    qtbot: QtBot, window: KioskWindow
) -> None:
    open_jobs(qtbot, window)
    tap(qtbot, window.jobs.countries.search)
    qtbot.waitUntil(window.keyboard.isVisible)
    for char in "pabrik":
        tap(qtbot, _key(window, char))
    qtbot.waitUntil(lambda: window.jobs.results.search.text() == "pabrik")
    assert window.screens.currentWidget() is window.jobs.results
    assert window.keyboard.isVisible()
    qtbot.waitUntil(lambda: window.jobs.results.model.rowCount() > 0)
    assert all("pabrik" in position.lower() for position in rows(window))
    for char in "xyz":
        tap(qtbot, _key(window, char))
    qtbot.waitUntil(lambda: window.jobs.results.empty.isVisible())
    assert "Tidak ada lowongan yang cocok" in window.jobs.results.empty.text()


def test_the_detail_prints_a_job_slip_whose_qr_opens_the_posting(
    qtbot: QtBot, window: KioskWindow, hall: Hall, tmp_path: Path
) -> None:
    open_jobs(qtbot, window)
    tap(qtbot, window.jobs.countries.tiles["TW"])
    tap_row(qtbot, window, 0)
    detail = window.jobs.detail
    posting = detail.posting
    assert posting is not None
    assert detail.zero_cost.isVisible() == posting.zero_cost
    assert detail.licence.text() == "Terdaftar dan berizin"
    assert detail.warning.text().startswith("Waspada calo!")
    tap(qtbot, detail.print)
    qtbot.waitUntil(lambda: detail.print_state is PrintState.PRINTED)
    assert detail.print_status.text() == "Silakan ambil struk di bawah layar."
    pdf = next(hall.spool_dir.glob("*.pdf")).read_bytes()
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert posting.reference in text
    assert posting.position in text
    url = public_url(hall.settings.central.base_url, posting.public_token)
    assert decode_qr(rasterise(pdf, tmp_path)) == [url]
    tap(qtbot, window.header.language_button("en"))
    assert detail.print.text() == "Print job info"
    assert detail.licence.text() == "Registered and licensed"


def test_register_now_takes_a_placement_number_with_the_posting(
    qtbot: QtBot, window: KioskWindow, hall: Hall
) -> None:
    open_jobs(qtbot, window)
    tap(qtbot, window.jobs.countries.tiles["DE"])
    tap_row(qtbot, window, 0)
    posting = window.jobs.detail.posting
    assert posting is not None
    assert window.jobs.detail.licence.text() == "Program pemerintah: tanpa P3MI"
    tap(qtbot, window.jobs.detail.register)
    assert window.screens.currentWidget() is window.priority
    tap(qtbot, window.priority.back)
    assert window.screens.currentWidget() is window.jobs.detail
    tap(qtbot, window.jobs.detail.register)
    tap(qtbot, window.priority.no)
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.ticket)
    assert window.ticket.number.text() == "B-001"
    issued = window.ticket.ticket
    assert issued is not None
    assert issued.posting is not None
    ticket = QueueService(hall, lambda: MONDAY_0930_WIB).ticket(issued.ticket_id).ticket
    assert ticket.posting == issued.posting
    assert posting.position in ticket.posting
    assert posting.reference in ticket.posting


@pytest.mark.parametrize(
    ("typed", "standing", "says"),
    [
        ("sahabat karya", "licensed", "Terdaftar dan berizin"),
        ("KEP 0588/KA/2026", "suspended", "Izin dibekukan sementara"),
        ("karya sejati abadi", "unknown", "tidak ada di daftar P3MI resmi"),
    ],
)
def test_cek_p3mi_says_whether_a_company_may_place_workers(
    qtbot: QtBot, window: KioskWindow, typed: str, standing: str, says: str
) -> None:
    open_jobs(qtbot, window)
    tap(qtbot, window.jobs.countries.check_p3mi)
    screen = window.jobs.p3mi
    assert window.screens.currentWidget() is screen
    qtbot.keyClicks(screen.search, typed)
    tap(qtbot, screen.check)
    qtbot.waitUntil(lambda: bool(screen.cards()))
    card = screen.cards()[0]
    assert card.property("standing") == standing
    shown = " ".join(_texts(card))
    assert says in shown
    if standing == "unknown":
        assert "Jangan bayar dan jangan serahkan dokumen" in shown
        assert "0800-1000" in shown
    else:
        assert "Nomor SIP3MI: KEP." in shown


def test_a_too_short_check_asks_for_more_letters(qtbot: QtBot, window: KioskWindow) -> None:
    open_jobs(qtbot, window)
    tap(qtbot, window.jobs.countries.check_p3mi)
    qtbot.keyClicks(window.jobs.p3mi.search, "pt")
    qtbot.keyClick(window.jobs.p3mi.search, Qt.Key.Key_Return)
    body = "Ketik paling sedikit 3 huruf"
    qtbot.waitUntil(lambda: body in " ".join(_texts(window.jobs.p3mi)))


def test_idle_forgets_the_search_and_filters(qtbot: QtBot, window: KioskWindow) -> None:
    open_jobs(qtbot, window)
    bar = window.jobs.countries.filters
    bar.choose(Facet.SCHEME, Scheme.G_TO_G)
    window.jobs.countries.search.setText("pabrik")
    window.reset()
    assert window.screens.currentWidget() is window.home
    assert window.jobs.countries.search.text() == ""
    assert bar.apply_to(JobQuery()) == JobQuery()
    assert window.jobs.results.model.rowCount() == 0


def _key(window: KioskWindow, char: str) -> QPushButton:
    return next(
        button
        for button in window.keyboard.findChildren(QPushButton)
        if button.isVisible() and button.accessibleName() == char
    )


def _texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
