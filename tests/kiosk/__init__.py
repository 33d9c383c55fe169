"""Tests of the kiosk package."""
