"""Tests of the central records service."""
