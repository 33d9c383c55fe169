"""Hostile text (very long, control characters, right-to-left, emoji, markup) through the form,
storage and the receipt: refused with a reason or kept clean, never a crash."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.complaints.fields import Kind, Step
from kiosk.complaints.form import ComplaintForm
from kiosk.complaints.receipt import receipt_slip
from kiosk.complaints.store import ComplaintService
from kiosk.hall import open_hall
from kiosk.hall_key import sealer_of
from kiosk.infra.sealed import ensure_key
from kiosk.models import Staff
from kiosk.settings import Settings, load_settings
from printing import render_slip
from tests.conftest import site_config
from tests.helpers.complaints import ANSWERS, new_form

FRAGMENTS = (
    "\u202e\u2066gnp.exe\u2069",
    "<script>alert('x')</script>",
    "'; DROP TABLE complaints; --",
    "\x00\x1b[31m\x07\x7f",
    "مرحبا بالعالم",
    "שלום",
    "👩‍👧‍👦🇮🇩🔥",
    "\r\n\u2028\u2029\t",
    "\ud800",
    "Z\u0351\u0352\u0353\u0354",
    "{reference} {0} %s",
    "０８１２３４５６７８９０",
    "A" * 2500,
)
hostile = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=8).map("".join),
    st.text(max_size=300),
)
TEXT_KINDS = {Kind.NAME, Kind.TEXT, Kind.LONG_TEXT, Kind.NIK, Kind.PASSPORT, Kind.PHONE, Kind.YEAR}
_ALLOWED_CONTROLS = {"\n", "\t"}


def assert_clean(value: object) -> None:
    if not isinstance(value, str):
        return
    for char in value:
        assert char in _ALLOWED_CONTROLS or unicodedata.category(char) not in ("Cc", "Cs")
        assert not 0x202A <= ord(char) <= 0x202E
        assert not 0x2066 <= ord(char) <= 0x2069


def fill_hostile(form: ComplaintForm, text: str) -> None:
    """Walk every step with ``text`` in each typed field, the sample answer where it is refused."""
    while form.step is not Step.REVIEW:
        typed = [s.name for s in form.fields_for(form.step) if s.kind in TEXT_KINDS]
        for name, value in ANSWERS[form.step].items():
            form.set(name, text if name in typed else value)
        refused = form.next()
        for name in refused:
            form.set(name, ANSWERS[form.step][name])
        if refused:
            assert form.next() == {}


@settings(max_examples=60, deadline=None)
@given(text=hostile)
def test_the_form_refuses_or_cleans_hostile_text(text: str) -> None:
    form = new_form()
    fill_hostile(form, text)
    draft = form.draft()
    for value in vars(draft).values():
        assert_clean(value)
    for line in form.review("en", reveal=True):
        assert_clean(line.label)
        assert_clean(line.value)


@dataclass(frozen=True, repr=False)
class Site:
    """A SQLite hall with the complaint service and one officer."""

    complaints: ComplaintService
    settings: Settings
    officer: int


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    config = load_settings(site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}"))
    hall = open_hall(config)
    cipher = sealer_of(ensure_key(tmp_path / "complaints.key"))
    now = datetime(2026, 11, 23, 3, 30, tzinfo=UTC)
    try:
        with hall.db.sessions.begin() as session:
            staff = Staff(username="rina", name="Rina", role="officer", pin_hash="-")
            session.add(staff)
            session.flush()
            officer = staff.id
        complaints = ComplaintService(hall.db, config, cipher, clock=lambda: now)
        yield Site(complaints, config, officer)
    finally:
        hall.close()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=hostile, language=st.sampled_from(["id", "en"]))
def test_hostile_text_is_stored_read_back_and_printed_without_a_crash(
    site: Site, text: str, language: str
) -> None:
    form = new_form(language)
    fill_hostile(form, text)
    draft = form.draft()
    submitted = site.complaints.submit(form)
    assert site.complaints.open(submitted.reference, site.officer, show=True).complaint == draft
    # Bounded so that cleaning (NFC may lengthen text up to 3 times) cannot pass the limit.
    note = site.complaints.add_note(submitted.reference, site.officer, text[:600] + " catatan")
    assert_clean(note.text)
    receipt = site.complaints.reprint(submitted.reference, site.officer)
    pdf = render_slip(receipt_slip(receipt, site.settings, language))
    assert pdf.startswith(b"%PDF")
