"""Tests of the MPP service kiosk, mirroring the packages."""
