"""The header band (agency, site, language switch) and footer band (broker warning, hotline)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import translate
from kiosk.settings import Settings
from ui.widgets import icon, named_label


class Header(QWidget):
    """Agency mark, agency and site names, and the language switch.

    Signals:
        language_chosen: the visitor picked a language (its code).
        large_text_toggled: the visitor asked for larger (or normal) text.
        speak_requested: the visitor asked to hear the screen (the speaker button, shown
            when the site turns ``kiosk.speech`` on).
    """

    language_chosen = Signal(str)
    large_text_toggled = Signal(bool)
    speak_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.mark = named_label("AgencyMark", "KP2MI")
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(named_label("AgencyName", settings.site.agency))
        names.addWidget(named_label("SiteName", settings.site.name))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(20)
        layout.addWidget(self.mark)
        layout.addLayout(names, 1)
        self._languages = QButtonGroup(self)
        self._languages.setExclusive(True)
        for code in settings.kiosk.languages:
            button = QPushButton(translate("language.name", code))
            button.setObjectName("LanguageButton")
            button.setCheckable(True)
            button.setProperty("language", code)
            button.setAccessibleName(translate("language.name", code))
            self._languages.addButton(button)
            layout.addWidget(button)
        self._languages.buttonClicked.connect(self._on_language)
        self.large_text = QPushButton("Aa")
        self.large_text.setObjectName("LargeTextButton")
        self.large_text.setCheckable(True)
        self.large_text.toggled.connect(self.large_text_toggled)
        layout.addWidget(self.large_text)
        self.speak = QPushButton()
        self.speak.setObjectName("SpeakButton")
        self.speak.setIcon(icon("speaker"))
        self.speak.setIconSize(QSize(40, 40))
        self.speak.setVisible(settings.kiosk.speech)
        self.speak.clicked.connect(self.speak_requested)
        layout.addWidget(self.speak)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self.large_text.setAccessibleName(translate("home.large_text", language))
        self.large_text.setToolTip(translate("home.large_text", language))
        self.speak.setAccessibleName(translate("home.listen", language))
        self.speak.setToolTip(translate("home.listen", language))

    def set_large_text(self, large: bool) -> None:
        """Set the large-text toggle (and tell the window)."""
        self.large_text.setChecked(large)

    def show_language(self, code: str) -> None:
        """Mark the current language in the switch."""
        for button in self._languages.buttons():
            button.setChecked(button.property("language") == code)

    def language_button(self, code: str) -> QPushButton:
        """The switch button of a language (for tests and accessibility tools)."""
        for button in self._languages.buttons():
            if button.property("language") == code:
                assert isinstance(button, QPushButton)
                return button
        raise KeyError(code)

    @Slot(QPushButton)
    def _on_language(self, button: QPushButton) -> None:
        self.language_chosen.emit(str(button.property("language")))


class Footer(QWidget):
    """The standing broker warning and the crisis hotline."""

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Footer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._hotline_number = settings.site.hotline
        self._warning = named_label("FooterWarning")
        self._hotline = named_label("FooterHotline")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 14, 32, 14)
        layout.addWidget(self._warning, 1)
        layout.addWidget(self._hotline)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._warning.setText(translate("home.free_placement", language))
        self._hotline.setText(translate("home.hotline", language, hotline=self._hotline_number))
