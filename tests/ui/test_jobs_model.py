"""The vacancy list model: Qt's model checks, lazy pages, and only the newest search shown."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from kiosk.jobs.postings import Money, PostingSummary
from kiosk.jobs.search import PAGE_SIZE, SearchPage
from kiosk.jobs.vocab import SalaryPeriod, Scheme, Sector
from ui.kiosk.jobs.list_model import PostingListModel, Role
from ui.kiosk.jobs.list_screen import JobListScreen
from ui.kiosk.jobs.list_view import JobListView


def posting(number: int, zero_cost: bool = False) -> PostingSummary:
    return PostingSummary(
        id=number,
        position=f"Operator pabrik {number}",
        country="MY",
        city="Penang",
        sector=Sector.MANUFACTURING,
        scheme=Scheme.P_TO_P,
        employer="Sdn Bhd",
        salary=Money(180_000, "MYR"),
        salary_period=SalaryPeriod.MONTH,
        salary_idr=6_480_000,
        closes_on=date(2026, 12, 1) + timedelta(days=number),
        zero_cost=zero_cost,
    )


def page(start: int, count: int, total: int = 2000, capped: bool = True) -> SearchPage:
    return SearchPage(total, capped, tuple(posting(n) for n in range(start, start + count)))


@pytest.fixture
def model() -> PostingListModel:
    return PostingListModel()


def test_the_model_passes_qts_checks_while_pages_arrive(
    qtmodeltester: ModelTester, model: PostingListModel
) -> None:
    model.show_page(page(0, PAGE_SIZE))
    qtmodeltester.check(model)
    model.add_page(page(PAGE_SIZE, PAGE_SIZE))
    qtmodeltester.check(model)
    model.show_page(SearchPage(0, False, ()))
    qtmodeltester.check(model)


def test_rows_are_worded_for_the_visitor(model: PostingListModel) -> None:
    model.show_page(SearchPage(1, False, (posting(1, zero_cost=True),)))
    row = model.index(0)
    assert row.data() == "Operator pabrik 1"
    assert row.data(Role.PLACE) == "Malaysia · Penang"
    assert row.data(Role.SALARY) == "MYR 1.800 per bulan · sekitar Rp 6.480.000"
    assert row.data(Role.CLOSES) == "Dibuka sampai 2 Des 2026"
    assert row.data(Role.BADGE) == "Tanpa biaya penempatan"
    assert row.data(Role.POSTING_ID) == 1
    model.set_language("en")
    assert row.data(Role.SALARY) == "MYR 1,800 a month · about Rp 6,480,000"
    assert "No placement fee" in row.data(Qt.ItemDataRole.AccessibleTextRole)
    assert Money(180_050, "MYR").amount == Decimal("1800.50")


def test_more_rows_are_asked_for_one_page_at_a_time(model: PostingListModel) -> None:
    asked: list[int] = []
    model.more_wanted.connect(asked.append)
    model.show_page(page(0, PAGE_SIZE))
    assert model.count_text() == "2.000+"
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert asked == [PAGE_SIZE]
    model.add_page(page(PAGE_SIZE, 10))
    assert model.rowCount() == PAGE_SIZE + 10
    assert not model.canFetchMore(QModelIndex())


def test_scrolling_the_list_fetches_pages_until_the_end(qtbot: QtBot) -> None:
    screen = JobListScreen()
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    everything = [posting(n) for n in range(3 * PAGE_SIZE + 7)]

    def serve(offset: int) -> None:
        chunk = tuple(everything[offset : offset + PAGE_SIZE])
        screen.model.add_page(SearchPage(len(everything), False, chunk))

    screen.model.more_wanted.connect(serve)
    screen.start("MY", "")
    screen.show_page(SearchPage(len(everything), False, tuple(everything[:PAGE_SIZE])))
    assert screen.found.text() == f"{len(everything)} lowongan ditemukan"
    bar = screen.view.verticalScrollBar()
    for _ in range(10):
        bar.setValue(bar.maximum())
        qtbot.wait(1)
    qtbot.waitUntil(lambda: screen.model.rowCount() == len(everything))


def test_an_empty_search_says_so(qtbot: QtBot) -> None:
    screen = JobListScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.start(None, "zzz")
    assert screen.found.text() == ""
    screen.show_page(SearchPage(0, False, ()))
    assert screen.empty.isVisible()
    assert "Tidak ada lowongan yang cocok" in screen.empty.text()


def test_a_narrow_list_gives_the_salary_a_line_of_its_own(
    qtbot: QtBot, model: PostingListModel
) -> None:
    view = JobListView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.show_page(page(0, 3))
    view.resize(1824, 600)
    view.show()
    qtbot.waitUntil(lambda: view.visualRect(model.index(0)).height() > 0)
    wide = view.visualRect(model.index(0)).height()
    assert not view.stacked()
    view.resize(1084, 600)
    qtbot.waitUntil(lambda: view.visualRect(model.index(0)).height() > wide)
    assert view.stacked()
