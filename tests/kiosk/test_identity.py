"""Tests for NIK, phone and passport checks, masking, and free-text cleaning."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk import identity
from kiosk.errors import InvalidInput
from kiosk.i18n import available_languages
from kiosk.identity import (
    MASK,
    Nik,
    Sex,
    mask_name,
    mask_nik,
    mask_phone,
    parse_nik,
    parse_passport,
    parse_phone,
)
from kiosk.text import TEXT_REQUIRED, TEXT_TOO_LONG, clean_text

TODAY = date(2025, 3, 14)
MALE_1965 = "3507121208650012"
FEMALE_1965 = "3507125208650012"

# Characters that break naive code: controls, bidi overrides, right-to-left letters,
# combining marks, emoji with joiners, markup, full-width digits, a lone surrogate.
_TRICKY = st.sampled_from(
    [
        "\x00", "\x1b", "\x7f", "\t", "\n", "\r", "\x85", "\u2028", "\u00a0", "\u3000",
        "\u202e", "\u2066", "\u200f", "\u200d", "\ufeff", "\ud800", "\u0627", "\u05d0",
        "e\u0301", "🙂", "👩‍👩‍👧", "<script>", "&amp;", "{count}", "%s", "+", "-", ".",
        "0", "8", "\uff16", "\u0663", "O", "l", "\u00df", "\u0131", "\u2022",
    ]
)  # fmt: skip
ANY_TEXT: st.SearchStrategy[str] = st.one_of(
    st.text(),
    st.lists(st.one_of(_TRICKY, st.characters())).map("".join),
    st.builds(lambda part, times: part * times, st.text(max_size=20), st.integers(0, 5_000)),
)
NO_MASK_TEXT = ANY_TEXT.map(lambda text: text.replace(MASK, ""))
VALIDATORS: list[Callable[[str], object]] = [
    lambda text: parse_nik(text, today=TODAY),
    parse_phone,
    parse_passport,
    lambda text: parse_passport(text, indonesian=False),
]


def fullwidth(text: str) -> str:
    """``text`` as typed with a full-width (CJK) keyboard."""
    return "".join(chr(ord(char) + 0xFEE0) for char in text)


def rejection(call: Callable[[], object]) -> str | None:
    """The message key ``call`` raises :class:`InvalidInput` with, or None if it passes."""
    try:
        call()
    except InvalidInput as error:
        return error.key
    return None


def assert_rejects(key: str, call: Callable[[], object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert caught.value.key == key
    for language in available_languages():
        text = caught.value.message(language)
        assert text
        assert "{" not in text
    return caught.value


# NIK


def test_nik_of_a_man_born_in_the_1960s() -> None:
    nik = parse_nik(MALE_1965, today=TODAY)
    assert nik == Nik(MALE_1965, "35", date(1965, 8, 12), Sex.MALE)


def test_nik_of_a_woman_has_40_added_to_the_day() -> None:
    nik = parse_nik(FEMALE_1965, today=TODAY)
    assert (nik.birth_date, nik.sex) == (date(1965, 8, 12), Sex.FEMALE)


@pytest.mark.parametrize(
    ("digits", "born", "sex"),
    [
        ("3174015503010001", date(2001, 3, 15), Sex.FEMALE),
        ("1101010101000001", date(2000, 1, 1), Sex.MALE),
        ("9601997112990001", date(1999, 12, 31), Sex.FEMALE),
        ("2171024102000001", date(2000, 2, 1), Sex.FEMALE),
        ("3507122902000012", date(2000, 2, 29), Sex.MALE),
        ("3507121403250012", date(2025, 3, 14), Sex.MALE),
        ("3507121503250012", date(1925, 3, 15), Sex.MALE),
    ],
)
def test_nik_birth_dates_and_century(digits: str, born: date, sex: Sex) -> None:
    nik = parse_nik(digits, today=TODAY)
    assert (nik.birth_date, nik.sex, nik.province_code) == (born, sex, digits[:2])


@pytest.mark.parametrize(
    "typed",
    [
        "3507 1212 0865 0012",
        " 3507.12.120865.0012 ",
        "3507-1212-0865-0012",
        fullwidth(MALE_1965),
    ],
)
def test_nik_separators_are_ignored(typed: str) -> None:
    assert parse_nik(typed, today=TODAY).digits == MALE_1965


def test_nik_repr_is_masked() -> None:
    assert repr(parse_nik(MALE_1965, today=TODAY)) == "Nik(3507••••••••0012)"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", identity.NIK_REQUIRED),
        (" . - ", identity.NIK_REQUIRED),
        ("35071212O8650012", identity.NIK_CHARACTERS),
        ("3507121208650012a", identity.NIK_CHARACTERS),
        ("3507/1212/0865/0012", identity.NIK_CHARACTERS),
        ("٣٥٠٧١٢١٢٠٨٦٥٠٠١٢", identity.NIK_CHARACTERS),
        ("350712120865001", identity.NIK_LENGTH),
        ("35071212086500123", identity.NIK_LENGTH),
        ("0007121208650012", identity.NIK_PROVINCE),
        ("1007121208650012", identity.NIK_PROVINCE),
        ("2007121208650012", identity.NIK_PROVINCE),
        ("2207121208650012", identity.NIK_PROVINCE),
        ("3707121208650012", identity.NIK_PROVINCE),
        ("8307121208650012", identity.NIK_PROVINCE),
        ("9707121208650012", identity.NIK_PROVINCE),
        ("3500121208650012", identity.NIK_REGENCY),
        ("3570121208650012", identity.NIK_REGENCY),
        ("3507001208650012", identity.NIK_DISTRICT),
        ("3507120008650012", identity.NIK_BIRTH_DAY),
        ("3507123208650012", identity.NIK_BIRTH_DAY),
        ("3507124008650012", identity.NIK_BIRTH_DAY),
        ("3507127208650012", identity.NIK_BIRTH_DAY),
        ("3507121200650012", identity.NIK_BIRTH_MONTH),
        ("3507121213650012", identity.NIK_BIRTH_MONTH),
        ("3507123104650012", identity.NIK_BIRTH_DATE),
        ("3507122902650012", identity.NIK_BIRTH_DATE),
        ("3507127002650012", identity.NIK_BIRTH_DATE),
        ("3507121208650000", identity.NIK_SERIAL),
    ],
)
def test_nik_rejects(typed: str, key: str) -> None:
    assert_rejects(key, lambda: parse_nik(typed, today=TODAY))


def test_nik_length_error_says_how_many_digits() -> None:
    error = assert_rejects(identity.NIK_LENGTH, lambda: parse_nik("3507 1212", today=TODAY))
    assert error.params == {"count": 8}
    assert "8" in error.message("id")
    assert "8" in error.message("en")


def test_nik_born_after_today_in_both_centuries() -> None:
    assert_rejects(
        identity.NIK_BIRTH_DATE, lambda: parse_nik("3507121208650012", today=date(1960, 1, 1))
    )


def test_every_province_code_in_domain_notes_is_accepted() -> None:
    codes = [*range(11, 20), 21, *range(31, 37), 51, 52, 53, *range(61, 66), *range(71, 77)]
    for code in [*codes, 81, 82, *range(91, 97)]:
        assert parse_nik(f"{code:02d}07121208650012", today=TODAY).province_code == f"{code:02d}"


@pytest.mark.parametrize("regency", ["01", "69", "71", "99"])
def test_regency_and_city_codes(regency: str) -> None:
    assert parse_nik(f"35{regency}121208650012", today=TODAY)


# Phone numbers


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("081234567678", "+6281234567678"),
        ("0812 3456 7678", "+6281234567678"),
        ("0812-3456-7678", "+6281234567678"),
        ("(0812) 3456.7678", "+6281234567678"),
        ("+6281234567678", "+6281234567678"),
        ("+62 812 3456 7678", "+6281234567678"),
        ("6281234567678", "+6281234567678"),
        ("81234567678", "+6281234567678"),
        (fullwidth("081234567678"), "+6281234567678"),
        ("085712345678", "+6285712345678"),
        ("+886 912 345 678", "+886912345678"),
        ("+852 9123 4567", "+85291234567"),
        ("+60 12-345 6789", "+60123456789"),
        ("+65 9123 4567", "+6591234567"),
        ("+81 90-1234-5678", "+819012345678"),
        ("+82 10-1234-5678", "+821012345678"),
        ("+966 50 123 4567", "+966501234567"),
        ("+971 50 123 4567", "+971501234567"),
        ("+49 1512 3456789", "+4915123456789"),
    ],
)
def test_phone_numbers_are_normalised_to_e164(typed: str, e164: str) -> None:
    assert parse_phone(typed) == e164


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", identity.PHONE_REQUIRED),
        ("  ", identity.PHONE_REQUIRED),
        ("0812-34S6-7678", identity.PHONE_CHARACTERS),
        ("++6281234567678", identity.PHONE_CHARACTERS),
        ("0812 3456 7678 ext 1", identity.PHONE_CHARACTERS),
        ("+999 1234 5678", identity.PHONE_COUNTRY),
        ("0812", identity.PHONE_TOO_SHORT),
        ("+886 91", identity.PHONE_TOO_SHORT),
        ("+886 9123 4567 8901 23", identity.PHONE_TOO_LONG),
        ("+", identity.PHONE_INVALID),
        ("0", identity.PHONE_INVALID),
        ("+852 1234 5678", identity.PHONE_INVALID),
        ("021 555 1234", identity.PHONE_NOT_MOBILE),
        ("+62 21 555 1234", identity.PHONE_NOT_MOBILE),
    ],
)
def test_phone_rejects(typed: str, key: str) -> None:
    assert_rejects(key, lambda: parse_phone(typed))


def test_phone_default_region() -> None:
    assert parse_phone("0912 345 678", default_region="TW") == "+886912345678"


# Passports


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("X1234567", "X1234567"),
        ("AB123456", "AB123456"),
        ("ab 123456", "AB123456"),
        ("c-1234567", "C1234567"),
        ("XY1234567", "XY1234567"),
    ],
)
def test_indonesian_passports(typed: str, number: str) -> None:
    assert parse_passport(typed) == number


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", identity.PASSPORT_REQUIRED),
        ("X123456#", identity.PASSPORT_CHARACTERS),
        ("X12345é", identity.PASSPORT_CHARACTERS),
        ("X12345", identity.PASSPORT_INDONESIAN),
        ("X12345678", identity.PASSPORT_INDONESIAN),
        ("ABC123456", identity.PASSPORT_INDONESIAN),
        ("12345678", identity.PASSPORT_INDONESIAN),
        ("X123456A", identity.PASSPORT_INDONESIAN),
    ],
)
def test_indonesian_passport_rejects(typed: str, key: str) -> None:
    assert_rejects(key, lambda: parse_passport(typed))


@pytest.mark.parametrize("typed", ["12345", "K12345678", "ab12 cd34 ef", "A" * 20])
def test_foreign_passports(typed: str) -> None:
    assert parse_passport(typed, indonesian=False) == typed.replace(" ", "").upper()


@pytest.mark.parametrize("typed", ["1234", "A" * 21])
def test_foreign_passport_length(typed: str) -> None:
    error = assert_rejects(
        identity.PASSPORT_LENGTH, lambda: parse_passport(typed, indonesian=False)
    )
    assert error.params == {"low": 5, "high": 20, "count": len(typed)}


# Masking


@pytest.mark.parametrize(
    ("nik", "masked"),
    [
        ("3507123456780012", "3507••••••••0012"),
        ("3507 1234 5678 0012", "3507••••••••0012"),
        ("12345678901", "1234•••8901"),
        ("1234567890", "•••••••890"),
        ("12", "••"),
        ("", ""),
    ],
)
def test_mask_nik(nik: str, masked: str) -> None:
    assert mask_nik(nik) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("081234567678", "0812•••••678"),
        ("0812 3456 7678", "0812•••••678"),
        ("+6281234567678", "0812•••••678"),
        ("+886912345678", "+886••••••678"),
        ("+85291234567", "+852•••••567"),
        ("+966501234567", "+966••••••567"),
        ("+60123456789", "+60••••••789"),
        ("0812345", "•••••45"),
        ("+12", "••2"),
        ("", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Siti Aminah", "Siti A•••••"),
        ("  Siti   Nur  Aminah ", "Siti N•• A•••••"),
        ("Siti binti Ahmad", "Siti b•••• A••••"),
        ("Sumiati", "Sum••••"),
        ("Ani", "A••"),
        ("Ad", "A•"),
        ("A", "A"),
        ("", ""),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def visible(masked: str) -> str:
    return masked.replace(MASK, "")


@given(st.from_regex(r"[0-9]{16}", fullmatch=True))
def test_masked_nik_shows_only_region_and_serial(nik: str) -> None:
    masked = mask_nik(nik)
    assert masked == nik[:4] + MASK * 8 + nik[12:]


@given(NO_MASK_TEXT)
def test_mask_nik_never_shows_more_than_8_characters(text: str) -> None:
    shown = visible(mask_nik(text))
    assert len(shown) <= 8
    assert not shown or len(shown) < len(text)


@given(st.from_regex(r"\+?[0-9]{1,20}", fullmatch=True))
def test_mask_phone_never_shows_every_digit(phone: str) -> None:
    shown = visible(mask_phone(phone)).lstrip("+")
    assert len(shown) <= 7
    assert len(shown) < len(phone.lstrip("+"))


@given(NO_MASK_TEXT)
def test_mask_phone_never_shows_more_than_7_characters(text: str) -> None:
    assert len(visible(mask_phone(text)).lstrip("+")) <= 7


@given(NO_MASK_TEXT)
def test_mask_name_shows_first_word_and_initials(text: str) -> None:
    words, masked = text.split(), mask_name(text).split(" ")
    if len(words) > 1:
        assert masked[0] == words[0]
        assert masked[1:] == [word[0] + MASK * (len(word) - 1) for word in words[1:]]
    elif words:
        shown = visible(masked[0])
        assert masked[0].startswith(shown)
        assert len(shown) <= max(1, len(words[0]) // 2)


@pytest.mark.parametrize("validate", VALIDATORS)
@given(text=ANY_TEXT)
def test_validators_only_raise_invalid_input(validate: Callable[[str], object], text: str) -> None:
    key = rejection(lambda: validate(text))
    assert key is None or key in identity.MESSAGE_KEYS


# Free text


@pytest.mark.parametrize(
    ("typed", "multiline", "cleaned"),
    [
        ("  Siti   Aminah  ", False, "Siti Aminah"),
        ("Siti\tAminah\n", False, "Siti Aminah"),
        ("Siti\u00a0\u3000Aminah", False, "Siti Aminah"),
        ("Sit\x00i\x1b Aminah\x7f", False, "Siti Aminah"),
        ("invoice\u202egpj.exe", False, "invoicegpj.exe"),
        ("a\u2066b\u2069c\u202ad\u202c", False, "abcd"),
        ("Jose\u0301", False, "José"),
        ("Gaji belum dibayar 😢👩‍👧", False, "Gaji belum dibayar 😢👩‍👧"),
        ("مرحبا שלום", False, "مرحبا שלום"),
        ("<b>Tolong</b> & terima kasih", False, "<b>Tolong</b> & terima kasih"),
        ("Baris 1\r\nBaris 2\rBaris 3\u2028Baris 4", True, "Baris 1\nBaris 2\nBaris 3\nBaris 4"),
        ("  satu  \n\n\n\n  dua\t3  \n", True, "satu\n\ndua\t3"),
        ("satu\x00\ndua", True, "satu\ndua"),
        ("satu\ndua", False, "satu dua"),
    ],
)
def test_clean_text(typed: str, multiline: bool, cleaned: str) -> None:
    assert clean_text(typed, max_length=100, multiline=multiline) == cleaned


@pytest.mark.parametrize("typed", ["", "   ", "\n\t\r", "\u202e\u2066", "\x00\x01"])
def test_clean_text_required(typed: str) -> None:
    assert_rejects(TEXT_REQUIRED, lambda: clean_text(typed, max_length=10, multiline=True))
    assert clean_text(typed, max_length=10, multiline=True, required=False) == ""


def test_clean_text_does_not_cut_long_text() -> None:
    assert clean_text("a" * 10, max_length=10, multiline=False) == "a" * 10
    error = assert_rejects(
        TEXT_TOO_LONG, lambda: clean_text("a" * 11, max_length=10, multiline=False)
    )
    assert error.params == {"limit": 10, "count": 11}


def test_clean_text_counts_length_after_cleaning() -> None:
    assert clean_text("  " + "a    " * 5, max_length=9, multiline=False) == "a a a a a"


def test_clean_text_needs_a_positive_limit() -> None:
    with pytest.raises(ValueError, match="max_length"):
        clean_text("a", max_length=0, multiline=False)


@given(ANY_TEXT, st.booleans(), st.booleans(), st.integers(1, 10_000))
def test_clean_text_only_raises_invalid_input(
    text: str, multiline: bool, required: bool, max_length: int
) -> None:
    def clean() -> str:
        return clean_text(text, max_length=max_length, multiline=multiline, required=required)

    key = rejection(clean)
    if key is not None:
        assert key in {TEXT_REQUIRED, TEXT_TOO_LONG}
        return
    cleaned = clean()
    assert len(cleaned) <= max_length
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in cleaned)
    allowed = "\n\t" if multiline else ""
    assert all(c in allowed or not (c.isspace() and c != " ") for c in cleaned)
    again = clean_text(cleaned, max_length=max_length, multiline=multiline, required=required)
    assert again == cleaned
