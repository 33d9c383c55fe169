"""A walk through the jobs info screens on the demo feed, for ``python -m tools.screenshots``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex

from ui.kiosk.jobs.detail_screen import PrintState
from ui.kiosk.jobs.filters import Facet
from ui.kiosk.jobs.flow import JobsFlow

Save = Callable[[str], None]
Settle = Callable[[Callable[[], bool]], None]


def walk(flow: JobsFlow, save: Save, settle: Settle, language: str) -> None:
    """Countries, a country's list, a posting's detail and Cek P3MI, saved by ``save``."""
    flow.open()
    settle(lambda: bool(flow.countries.tiles))
    save(f"jobs-countries-{language}")
    flow.countries.filters.chips[Facet.SECTOR].click()
    save(f"jobs-filters-{language}")
    flow.countries.filters.chips[Facet.SECTOR].click()
    flow.countries.tiles["TW"].click()
    settle(lambda: flow.results.model.rowCount() > 0)
    save(f"jobs-list-{language}")
    flow.results.view.clicked.emit(flow.results.model.index(0))
    settle(lambda: flow.detail.posting is not None and flow.detail.isVisible())
    flow.detail.print.click()
    settle(lambda: flow.detail.print_state is PrintState.PRINTED)
    save(f"jobs-detail-{language}")
    flow.detail.back.click()
    flow.results.search.setText("pabrik")
    flow.results.text_edited.emit("pabrik")
    settle(lambda: flow.results.model.rowCount() > 0 and "pabrik" in _first(flow).lower())
    save(f"jobs-search-{language}")
    flow.results.back.click()
    flow.countries.check_p3mi.click()
    flow.p3mi.search.setText("arta buana")
    flow.p3mi.check.click()
    settle(lambda: bool(flow.p3mi.cards()))
    save(f"jobs-p3mi-{language}")
    flow.p3mi.search.setText("karya sejati abadi")
    flow.p3mi.check.click()
    settle(lambda: flow.p3mi.lookup is not None and not flow.p3mi.lookup.found)
    save(f"jobs-p3mi-not-found-{language}")


def _first(flow: JobsFlow) -> str:
    return str(flow.results.model.data(flow.results.model.index(0, 0, QModelIndex())))
