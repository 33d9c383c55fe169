"""Jobs info at the touchscreen, by touches: countries, search, detail, slip, register, Cek P3MI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.demo.jobs import seed_demo_jobs
from kiosk.hall import Hall, open_hall
from kiosk.jobs.search import CountryCount, JobQuery
from kiosk.jobs.vocab import Scheme
from kiosk.references import public_url
from kiosk.settings import load_settings
from tests.conftest import site_config
from tests.helpers.clock import MONDAY_0930_WIB, FakeClock
from tests.helpers.fit import squeezed
from tests.helpers.touch import tap, tap_item
from tests.printing.slip_tools import decode_qr, pdf_text, rasterise
from ui.kiosk.jobs.country_tile import CountryTile
from ui.kiosk.jobs.detail_screen import PrintState
from ui.kiosk.jobs.filters import OPTIONS, Facet, FilterBar, option_text
from ui.kiosk.jobs.home_screen import JobsHomeScreen
from ui.kiosk.jobs.list_model import Role
from ui.kiosk.window import KioskWindow

SMALL_WIDTH, SMALL_HEIGHT = 1180, 520
"""The room a 1280×720 kiosk leaves a screen, after window margins, header and footer."""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_0930_WIB)


@pytest.fixture
def window(qtbot: QtBot, hall: Hall) -> Iterator[KioskWindow]:
    seed_demo_jobs(hall)
    shown = KioskWindow(hall)
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
    tap_item(qtbot, view, window.jobs.results.model.index(row))
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.jobs.detail)


def rows(window: KioskWindow, role: int = Qt.ItemDataRole.DisplayRole) -> list[str]:
    model = window.jobs.results.model
    return [str(model.index(row).data(role)) for row in range(model.rowCount())]


def test_a_country_tile_lists_that_country_only(
    qtbot: QtBot, window: KioskWindow, hall: Hall
) -> None:
    open_jobs(qtbot, window)
    taiwan = hall.jobs.search(JobQuery(country="TW")).total
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
    counts = hall.jobs.counts_by_country(bar.apply_to(JobQuery()))
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
    ticket = hall.queue.ticket(issued.ticket_id).ticket
    assert ticket.posting == issued.posting
    assert posting.position in ticket.posting
    assert posting.reference in ticket.posting


def test_register_now_takes_a_number_of_the_configured_registration_service(
    qtbot: QtBot, tmp_path: Path, database_url: str, clock: FakeClock
) -> None:
    config = site_config(tmp_path, database_url, queue={"registration_service": "opp"})
    hall = open_hall(load_settings(config), clock)
    try:
        seed_demo_jobs(hall)
        window = KioskWindow(hall)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        open_jobs(qtbot, window)
        tap(qtbot, window.jobs.countries.tiles["DE"])
        tap_row(qtbot, window, 0)
        tap(qtbot, window.jobs.detail.register)
        tap(qtbot, window.priority.no)
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.ticket)
        assert window.ticket.number.text() == "D-001"
        issued = window.ticket.ticket
        assert issued is not None
        assert (issued.service, issued.posting is not None) == ("opp", True)
        window.worker.wait()
    finally:
        hall.close()


@pytest.mark.parametrize(
    ("typed", "standing", "says"),
    [
        ("sahabat karya", "licensed", "Terdaftar dan berizin"),
        ("KEP 0588/KA/2026", "suspended", "Izin dibekukan sementara"),
        ("duta harapan", "revoked", "Izin dicabut"),
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
    # a suspended or revoked licence is not "valid" until any day
    assert ("Izin berlaku" in shown) is (standing == "licensed")


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


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_jobs_screen_fits_a_small_kiosk_screen(
    qtbot: QtBot, window: KioskWindow, language: str
) -> None:
    tap(qtbot, window.header.language_button(language))
    open_jobs(qtbot, window)
    jobs = window.jobs
    tap(qtbot, jobs.countries.tiles["TW"])
    tap_row(qtbot, window, 0)
    tap(qtbot, jobs.detail.print)
    qtbot.waitUntil(lambda: jobs.detail.print_state is PrintState.PRINTED)
    assert _misfits(qtbot, window, jobs.detail) == []
    tap(qtbot, jobs.detail.back)
    assert _misfits(qtbot, window, jobs.results) == []
    tap(qtbot, jobs.results.back)
    bar = jobs.countries.filters
    for facet in Facet:  # the longest choice of each filter, the widest chips
        bar.choose(facet, max(OPTIONS[facet], key=lambda v: len(option_text(facet, v, language))))
    qtbot.waitUntil(lambda: _flowed(bar))
    bar.chips[Facet.SCHEME].click()  # a tap right after the list's may be taken for a flick
    assert bar.option_buttons()
    assert _misfits(qtbot, window, jobs.countries) == []
    chips = [*bar.chips.values(), bar.clear]
    assert len({chip.y() for chip in chips}) > 1, "the chips wrap onto a second row"
    assert all(chip.geometry().right() < bar.width() for chip in chips)
    tap(qtbot, jobs.countries.check_p3mi)
    qtbot.keyClicks(jobs.p3mi.search, "karya sejati abadi")
    tap(qtbot, jobs.p3mi.check)
    qtbot.waitUntil(lambda: bool(jobs.p3mi.cards()))
    assert _misfits(qtbot, window, jobs.p3mi) == []


def test_the_country_tiles_take_fewer_columns_on_a_narrow_screen(qtbot: QtBot) -> None:
    home = JobsHomeScreen()
    qtbot.addWidget(home)
    home.show_counts(tuple(CountryCount(code, 9) for code in ("TW", "MY", "HK", "AE", "BN")))
    home.retranslate("id")
    home.resize(1920, 900)
    home.show()
    qtbot.waitUntil(lambda: _columns(home.tiles) == 5)
    home.resize(SMALL_WIDTH, SMALL_HEIGHT)
    qtbot.waitUntil(lambda: _columns(home.tiles) < 5)
    assert all(t.width() >= t.minimumSizeHint().width() for t in home.tiles.values())
    assert all(t.height() >= t.heightForWidth(t.width()) for t in home.tiles.values())


def _columns(tiles: dict[str, CountryTile]) -> int:
    return len({tile.x() for tile in tiles.values()})


def _flowed(bar: FilterBar) -> bool:
    """Whether the filter chips are laid out after one changed its text."""
    chips = [*bar.chips.values(), bar.clear]
    return all(chip.isHidden() or chip.width() >= chip.sizeHint().width() for chip in chips)


def _misfits(qtbot: QtBot, window: KioskWindow, screen: QWidget) -> list[str]:
    """What of ``screen`` would not fit a small kiosk, in normal and in large text."""
    found = _misfits_now(window, screen)
    tap(qtbot, window.header.large_text)
    assert window.property("large")
    found += [f"large text: {misfit}" for misfit in _misfits_now(window, screen)]
    tap(qtbot, window.header.large_text)
    return found


def _misfits_now(window: KioskWindow, screen: QWidget) -> list[str]:
    """What of ``screen`` would not fit a small kiosk, or is squeezed or cut off at 1280×720.

    The minimum counts wrapped texts at the small width; a scroll area's content must not be
    wider than the area (it scrolls up and down only).
    """
    assert window.screens.currentWidget() is screen
    window.resize(1280, 720)
    found = squeezed(screen)
    layout = screen.layout()
    assert layout is not None
    least = max(layout.totalMinimumSize().height(), layout.totalMinimumHeightForWidth(SMALL_WIDTH))
    if screen.minimumSizeHint().width() > SMALL_WIDTH or least > SMALL_HEIGHT:
        found.append(f"needs {screen.minimumSizeHint().width()}×{least}")
    for widget in screen.findChildren(QWidget):
        if widget.isVisible() and (cut := _cut_off(widget)):
            found.append(f"{widget.objectName() or type(widget).__name__}: {cut}")
    return found


def _cut_off(widget: QWidget) -> str:
    """How the widget's text or content is cut off at its size ("" if it is not)."""
    size, text = widget.size(), getattr(widget, "text", str)()
    if isinstance(widget, QPushButton) and size.width() < widget.sizeHint().width():
        return f"{text!r} {size.width()} wide of {widget.sizeHint().width()}"
    if isinstance(widget, QLabel) and text:
        high = widget.heightForWidth(size.width()) if widget.wordWrap() else 0
        if size.height() < high:
            return f"{text!r} {size.height()} high of {high}"
        if not widget.wordWrap() and size.width() < widget.sizeHint().width():
            return f"{text!r} {size.width()} wide of {widget.sizeHint().width()}"
    content = widget.widget() if isinstance(widget, QScrollArea) else None
    if content is not None and content.minimumSizeHint().width() > widget.width():
        return f"content {content.minimumSizeHint().width()} wide in {widget.width()}"
    return ""


def _key(window: KioskWindow, char: str) -> QPushButton:
    return next(
        button
        for button in window.keyboard.findChildren(QPushButton)
        if button.isVisible() and button.accessibleName() == char
    )


def _texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
