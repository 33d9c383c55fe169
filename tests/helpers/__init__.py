"""Test helpers: fakes and small writers shared by the tests."""
