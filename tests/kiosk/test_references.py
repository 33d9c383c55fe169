"""Tests for public QR tokens and human references."""

from __future__ import annotations

import base64
import random
import re
import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.i18n import available_languages
from kiosk.references import (
    CROCKFORD_ALPHABET,
    REFERENCE_CODE,
    REFERENCE_DATE,
    REFERENCE_FORMAT,
    REFERENCE_KIND,
    REFERENCE_REQUIRED,
    InvalidReference,
    Reference,
    RefKind,
    new_public_token,
    new_reference,
    parse_reference,
    public_url,
)

ISSUED = date(2025, 3, 14)
REFERENCE_SHAPE = re.compile(r"[QPL]-[0-9]{6}-[0-9A-HJKMNP-TV-Z]{4}")


def fullwidth(text: str) -> str:
    """``text`` as typed with a full-width (CJK) keyboard."""
    return "".join(chr(ord(char) + 0xFEE0) for char in text)


def test_crockford_alphabet_has_no_i_l_o_u() -> None:
    assert len(CROCKFORD_ALPHABET) == len(set(CROCKFORD_ALPHABET)) == 32
    assert set(CROCKFORD_ALPHABET) == set(string.digits + string.ascii_uppercase) - set("ILOU")


def test_token_is_26_base32_characters_of_128_bits() -> None:
    token = new_public_token()
    assert len(token) == 26
    assert re.fullmatch(r"[A-Z2-7]{26}", token)
    assert len(base64.b32decode(token + "======")) == 16


def test_tokens_do_not_repeat() -> None:
    assert len({new_public_token() for _ in range(10_000)}) == 10_000


@pytest.mark.parametrize("base_url", ["https://kp2mi.example/", "https://kp2mi.example"])
def test_public_url(base_url: str) -> None:
    token = new_public_token()
    assert public_url(base_url, token) == f"https://kp2mi.example/r/{token}"


@pytest.mark.parametrize("token", ["", "abc", "A" * 25, "A" * 27, "A" * 25 + "1", "../" * 9])
def test_public_url_rejects_what_is_not_a_token(token: str) -> None:
    with pytest.raises(ValueError, match="token"):
        public_url("https://kp2mi.example", token)


@pytest.mark.parametrize("kind", list(RefKind))
def test_new_reference_shape(kind: RefKind) -> None:
    reference = new_reference(kind, ISSUED)
    assert REFERENCE_SHAPE.fullmatch(reference)
    assert reference.startswith(f"{kind.value}-250314-")


def test_new_reference_is_reproducible_with_a_seeded_rng() -> None:
    first = new_reference(RefKind.COMPLAINT, ISSUED, random.Random(7))
    assert first == new_reference(RefKind.COMPLAINT, ISSUED, random.Random(7))


@pytest.mark.parametrize("year", [1999, 2100])
def test_new_reference_needs_a_year_of_the_2000s(year: int) -> None:
    with pytest.raises(ValueError, match="two-digit year"):
        new_reference(RefKind.TICKET, date(year, 1, 1))


def test_references_round_trip() -> None:
    rng = random.Random(1)
    for kind in RefKind:
        for _ in range(200):
            text = new_reference(kind, ISSUED, rng)
            parsed = parse_reference(text)
            assert str(parsed) == text
            assert (parsed.kind, parsed.issued) == (kind, ISSUED)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("P-250314-7KQ2", "P-250314-7KQ2"),
        ("p-250314-7kq2", "P-250314-7KQ2"),
        ("p 250314 7kq2", "P-250314-7KQ2"),
        ("P2503147KQ2", "P-250314-7KQ2"),
        ("  p \u2013 250314 \u2014 7kq2  ", "P-250314-7KQ2"),
        (fullwidth("P-250314-7KQ2"), "P-250314-7KQ2"),
        ("Q-25O3I4-0OIL", "Q-250314-0011"),
        ("q 25o3l4 oili", "Q-250314-0111"),
        ("L-250314-ABCD", "L-250314-ABCD"),
        ("l250314abcd", "L-250314-ABCD"),
    ],
)
def test_parse_reference_normalises_what_people_type(typed: str, canonical: str) -> None:
    assert str(parse_reference(typed)) == canonical


def test_parsed_reference_fields() -> None:
    assert parse_reference("L-991231-Z9Z9") == Reference(RefKind.JOB, date(2099, 12, 31), "Z9Z9")


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", REFERENCE_REQUIRED),
        (" - ", REFERENCE_REQUIRED),
        ("P-250314-7KQ", REFERENCE_FORMAT),
        ("P-250314-7KQ22", REFERENCE_FORMAT),
        ("X-250314-7KQ2", REFERENCE_KIND),
        ("0-250314-7KQ2", REFERENCE_KIND),
        ("P-251314-7KQ2", REFERENCE_DATE),
        ("P-250230-7KQ2", REFERENCE_DATE),
        ("P-25A314-7KQ2", REFERENCE_DATE),
        ("P-250314-7KU2", REFERENCE_CODE),
        ("P-250314-7K#2", REFERENCE_CODE),
    ],
)
def test_parse_reference_rejects(typed: str, key: str) -> None:
    with pytest.raises(InvalidReference) as caught:
        parse_reference(typed)
    assert caught.value.key == key
    assert isinstance(caught.value, ValueError)
    for language in available_languages():
        assert caught.value.message(language)


@given(st.text())
def test_parse_reference_only_raises_invalid_reference(text: str) -> None:
    try:
        parsed = parse_reference(text)
    except InvalidReference:
        return
    assert REFERENCE_SHAPE.fullmatch(str(parsed))


@given(
    st.sampled_from(RefKind),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.text(alphabet=CROCKFORD_ALPHABET, min_size=4, max_size=4),
)
def test_any_reference_round_trips(kind: RefKind, issued: date, code: str) -> None:
    reference = Reference(kind, issued, code)
    assert parse_reference(str(reference)) == reference
    assert parse_reference(str(reference).lower().replace("-", " ")) == reference
