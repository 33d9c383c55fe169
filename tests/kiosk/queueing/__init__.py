"""Tests of the queue engine (kiosk.queueing)."""
