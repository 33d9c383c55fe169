"""Filter chips of the jobs home: sector, scheme, the visitor's gender and schooling."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.i18n import DEFAULT_LANGUAGE, translate
from kiosk.jobs.search import JobQuery
from kiosk.jobs.vocab import Education, Scheme, Sector
from kiosk.vocab import PERSON_GENDERS, Gender, label
from ui.flow_layout import FlowLayout
from ui.widgets import repolish

_E = TypeVar("_E", bound=enum.StrEnum)


class Facet(enum.StrEnum):
    """A filter the visitor can set; the value is the ``JobQuery`` field."""

    SECTOR = "sector"
    SCHEME = "scheme"
    GENDER = "gender"
    EDUCATION = "education"


OPTIONS: dict[Facet, Sequence[enum.StrEnum]] = {
    Facet.SECTOR: list(Sector),
    Facet.SCHEME: list(Scheme),
    Facet.GENDER: PERSON_GENDERS,
    Facet.EDUCATION: list(Education),
}


def option_text(facet: Facet, value: enum.StrEnum | None, language: str) -> str:
    """The words for one choice of a facet (``None`` is "all")."""
    if value is None:
        return translate("jobsui.filter_any", language)
    if value is Education.NONE:
        return translate("jobsui.school_none", language)
    if isinstance(value, Gender):
        return label(value, language)
    return translate(f"jobs.{facet.value}_{value.value}", language)


def _touch_button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class FilterBar(QWidget):
    """Chips that wrap onto more rows when narrow; a chip opens its choices, a choice closes them.

    The choices are a separate widget, ``options``, for the owner to place (the jobs
    home puts both at the top of its scrolled tiles, so they never push the screen taller).

    Signals:
        filters_changed: a filter was set or cleared (read ``apply_to``).
    """

    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._language = DEFAULT_LANGUAGE
        self._values: dict[Facet, enum.StrEnum | None] = dict.fromkeys(Facet)
        self._open: Facet | None = None
        self.chips = {facet: _touch_button("FilterChip") for facet in Facet}
        self.clear = _touch_button("FilterChip")
        self.clear.setProperty("role", "clear")
        self.clear.clicked.connect(self.reset)
        row = FlowLayout(self)
        for facet, chip in self.chips.items():
            chip.clicked.connect(lambda _=False, f=facet: self._toggle(f))
            row.addWidget(chip)
        row.addWidget(self.clear)
        self.options = QWidget()
        self.options.setObjectName("FilterOptions")
        self.options.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._choices = FlowLayout(self.options)
        self._choices.setContentsMargins(12, 12, 12, 12)
        self.options.hide()

    def apply_to(self, query: JobQuery) -> JobQuery:
        """``query`` with this bar's filters."""
        return dataclasses.replace(
            query,
            sector=self._chosen(Facet.SECTOR, Sector),
            scheme=self._chosen(Facet.SCHEME, Scheme),
            gender=self._chosen(Facet.GENDER, Gender),
            education=self._chosen(Facet.EDUCATION, Education),
        )

    def _chosen(self, facet: Facet, kind: type[_E]) -> _E | None:
        value = self._values[facet]
        return None if value is None else kind(value)

    def choose(self, facet: Facet, value: enum.StrEnum | None) -> None:
        """Set one filter (``None`` for all) and close the choices."""
        self._values[facet] = value
        self._open = None
        self._refresh()
        self.filters_changed.emit()

    @Slot()
    def reset(self) -> None:
        """Clear every filter and close the choices."""
        changed = any(self._values.values())
        self._values = dict.fromkeys(Facet)
        self._open = None
        self._refresh()
        if changed:
            self.filters_changed.emit()

    def option_buttons(self) -> list[QPushButton]:
        """The choices shown now, "all" first (empty when closed)."""
        return [
            item.widget()  # type: ignore[misc]
            for index in range(self._choices.count())
            if (item := self._choices.itemAt(index)) is not None
        ]

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._language = language
        self._refresh()

    def _toggle(self, facet: Facet) -> None:
        self._open = None if self._open is facet else facet
        self._refresh()

    def _refresh(self) -> None:
        language = self._language
        for facet, chip in self.chips.items():
            value = self._values[facet]
            chip.setText(
                translate(
                    "jobsui.filter_chip",
                    language,
                    facet=translate(f"jobsui.filter_{facet.value}", language),
                    value=option_text(facet, value, language),
                )
            )
            chip.setAccessibleName(chip.text())
            chip.setProperty("active", value is not None)
            chip.setProperty("open", facet is self._open)
        self.clear.setText(translate("jobsui.clear_filters", language))
        self.clear.setVisible(any(self._values.values()))
        self._fill_options()
        repolish(self)

    def _fill_options(self) -> None:
        while (item := self._choices.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        facet = self._open
        self.options.setVisible(facet is not None)
        if facet is None:
            return
        for value in [None, *OPTIONS[facet]]:
            button = _touch_button("FilterOption")
            button.setText(option_text(facet, value, self._language))
            button.setAccessibleName(button.text())
            button.setProperty("chosen", self._values[facet] == value)
            button.clicked.connect(lambda _=False, v=value: self.choose(facet, v))
            self._choices.addWidget(button)
