"""ui/kiosk."""
