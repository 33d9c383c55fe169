"""The one error type for input a person typed: a message key the screens can translate."""

from __future__ import annotations

from kiosk.i18n import DEFAULT_LANGUAGE, translate


class InvalidInput(ValueError):  # noqa: N818 - the name the screens catch
    """Input rejected with a catalog message key (``"identity.nik_length"``) and its params.

    The params never hold the whole rejected input, so the error is safe to log.
    """

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.key = key
        self.params: dict[str, object] = dict(params)

    def __str__(self) -> str:
        return f"{self.key} {self.params}" if self.params else self.key

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The plain-language explanation in ``language`` (Indonesian by default)."""
        return translate(self.key, language, **self.params)
