"""PySide6 faces of the kiosk: kiosk window, staff console, display board."""
