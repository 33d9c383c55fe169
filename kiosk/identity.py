"""Identity data a person types at the kiosk: NIK, phone and passport checks, and masking."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Final

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType, ValidationResult

from kiosk.errors import InvalidInput

NIK_REQUIRED: Final = "identity.nik_required"
NIK_CHARACTERS: Final = "identity.nik_characters"
NIK_LENGTH: Final = "identity.nik_length"
NIK_PROVINCE: Final = "identity.nik_province"
NIK_REGENCY: Final = "identity.nik_regency"
NIK_DISTRICT: Final = "identity.nik_district"
NIK_BIRTH_DAY: Final = "identity.nik_birth_day"
NIK_BIRTH_MONTH: Final = "identity.nik_birth_month"
NIK_BIRTH_DATE: Final = "identity.nik_birth_date"
NIK_SERIAL: Final = "identity.nik_serial"
PHONE_REQUIRED: Final = "identity.phone_required"
PHONE_CHARACTERS: Final = "identity.phone_characters"
PHONE_COUNTRY: Final = "identity.phone_country"
PHONE_TOO_SHORT: Final = "identity.phone_too_short"
PHONE_TOO_LONG: Final = "identity.phone_too_long"
PHONE_INVALID: Final = "identity.phone_invalid"
PHONE_NOT_MOBILE: Final = "identity.phone_not_mobile"
PASSPORT_REQUIRED: Final = "identity.passport_required"
PASSPORT_CHARACTERS: Final = "identity.passport_characters"
PASSPORT_INDONESIAN: Final = "identity.passport_indonesian"
PASSPORT_LENGTH: Final = "identity.passport_length"
MESSAGE_KEYS: Final = frozenset(
    {
        NIK_REQUIRED,
        NIK_CHARACTERS,
        NIK_LENGTH,
        NIK_PROVINCE,
        NIK_REGENCY,
        NIK_DISTRICT,
        NIK_BIRTH_DAY,
        NIK_BIRTH_MONTH,
        NIK_BIRTH_DATE,
        NIK_SERIAL,
        PHONE_REQUIRED,
        PHONE_CHARACTERS,
        PHONE_COUNTRY,
        PHONE_TOO_SHORT,
        PHONE_TOO_LONG,
        PHONE_INVALID,
        PHONE_NOT_MOBILE,
        PASSPORT_REQUIRED,
        PASSPORT_CHARACTERS,
        PASSPORT_INDONESIAN,
        PASSPORT_LENGTH,
    }
)

PROVINCE_CODES: Final = frozenset(
    f"{code:02d}"
    for code in (
        *range(11, 20),  # Sumatra
        21,  # Riau Islands
        *range(31, 37),  # Java
        *range(51, 54),  # Bali, Nusa Tenggara
        *range(61, 66),  # Kalimantan
        *range(71, 77),  # Sulawesi
        81,  # Maluku
        82,  # North Maluku
        *range(91, 97),  # Papua provinces
    )
)
FEMALE_DAY_OFFSET: Final = 40
MASK: Final = "•"
PASSPORT_LENGTHS: Final = (5, 20)

_SEPARATORS: Final = re.compile(r"[\s.\-\u2010-\u2015\u2212]+")
_PHONE_SEPARATORS: Final = re.compile(r"[\s.\-\u2010-\u2015\u2212()/]+")
_INDONESIAN_PASSPORT: Final = re.compile(r"[A-Z]{1,2}[0-9]{6,7}")
_MOBILE_TYPES: Final = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
_TOO_SHORT: Final = frozenset({ValidationResult.TOO_SHORT, ValidationResult.INVALID_LENGTH})


class Sex(enum.StrEnum):
    """Sex as encoded in the NIK's day of birth (40 added for women)."""

    MALE = "M"
    FEMALE = "F"


@dataclass(frozen=True, slots=True, repr=False)
class Nik:
    """A checked NIK (Nomor Induk Kependudukan); its repr is masked, as the law asks."""

    digits: str
    province_code: str
    birth_date: date
    sex: Sex

    def __repr__(self) -> str:
        return f"Nik({mask_nik(self.digits)})"


def _fold(text: str) -> str:
    """``text`` with compatibility forms folded, so full-width digits become ASCII ones."""
    return unicodedata.normalize("NFKC", text)


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def parse_nik(text: str, *, today: date) -> Nik:
    """The NIK a person typed, checked, or an :class:`InvalidInput` saying what is wrong.

    Spaces, dots and dashes are ignored. The two-digit birth year is read in the 2000s
    unless that date would be after ``today``, then in the 1900s.

    Args:
        text: the NIK as typed (``3507 1234 5678 0012``).
        today: the site's local date, for the century of the birth year.
    """
    digits = _SEPARATORS.sub("", _fold(text))
    if not digits:
        raise InvalidInput(NIK_REQUIRED)
    if not _is_digits(digits):
        raise InvalidInput(NIK_CHARACTERS)
    if len(digits) != 16:
        raise InvalidInput(NIK_LENGTH, count=len(digits))
    province, regency, district = digits[0:2], digits[2:4], digits[4:6]
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if province not in PROVINCE_CODES:
        raise InvalidInput(NIK_PROVINCE, code=province)
    if not (1 <= int(regency) <= 69 or 71 <= int(regency) <= 99):
        raise InvalidInput(NIK_REGENCY, code=regency)
    if district == "00":
        raise InvalidInput(NIK_DISTRICT)
    sex = Sex.FEMALE if day > FEMALE_DAY_OFFSET else Sex.MALE
    day -= FEMALE_DAY_OFFSET if sex is Sex.FEMALE else 0
    if not 1 <= day <= 31:
        raise InvalidInput(NIK_BIRTH_DAY)
    if not 1 <= month <= 12:
        raise InvalidInput(NIK_BIRTH_MONTH)
    try:
        born = date(2000 + year, month, day)
        if born > today:
            born = date(1900 + year, month, day)
    except ValueError:
        raise InvalidInput(NIK_BIRTH_DATE) from None
    if born > today:
        raise InvalidInput(NIK_BIRTH_DATE)
    if digits[12:] == "0000":
        raise InvalidInput(NIK_SERIAL)
    return Nik(digits, province, born, sex)


def parse_phone(text: str, *, default_region: str = "ID") -> str:
    """The phone number a person typed, in E.164 (``+6281234567678``), or an :class:`InvalidInput`.

    Accepts Indonesian mobiles (``0812...``, ``+62812...``, ``62812...``, ``812...``) and any
    valid number written with ``+`` and a country code (a worker's ``+886`` or ``+852``
    number); Indonesian numbers must be mobiles, since the agency reaches people by SMS
    and WhatsApp.

    Args:
        text: the number as typed; spaces, dots, dashes, slashes and brackets are ignored.
        default_region: the country of numbers written without ``+``.
    """
    compact = _PHONE_SEPARATORS.sub("", _fold(text))
    if not compact:
        raise InvalidInput(PHONE_REQUIRED)
    rest = compact.removeprefix("+")
    if rest and not _is_digits(rest):
        raise InvalidInput(PHONE_CHARACTERS)
    if compact.startswith("62") and default_region == "ID":
        compact = "+" + compact  # 62812... typed without the plus
    try:
        number = phonenumbers.parse(compact, default_region)
    except NumberParseException as error:
        if error.error_type == NumberParseException.INVALID_COUNTRY_CODE:
            raise InvalidInput(PHONE_COUNTRY) from None
        raise InvalidInput(PHONE_INVALID) from None
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == ValidationResult.INVALID_COUNTRY_CODE:
        raise InvalidInput(PHONE_COUNTRY)
    if possible in _TOO_SHORT:
        raise InvalidInput(PHONE_TOO_SHORT)
    if possible == ValidationResult.TOO_LONG:
        raise InvalidInput(PHONE_TOO_LONG)
    if not phonenumbers.is_valid_number(number):
        raise InvalidInput(PHONE_INVALID)
    if number.country_code == 62 and phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise InvalidInput(PHONE_NOT_MOBILE)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_passport(text: str, *, indonesian: bool = True) -> str:
    """The passport number a person typed, upper case without spaces, or an :class:`InvalidInput`.

    An Indonesian passport number is one or two letters then 6 or 7 digits (``X1234567``,
    ``AB123456``); for one issued by another country only 5 to 20 letters and digits are
    required.

    Args:
        text: the number as typed; spaces and dashes are ignored.
        indonesian: whether the passport was issued by Indonesia.
    """
    compact = _SEPARATORS.sub("", _fold(text)).upper()
    if not compact:
        raise InvalidInput(PASSPORT_REQUIRED)
    if not (compact.isascii() and compact.isalnum()):
        raise InvalidInput(PASSPORT_CHARACTERS)
    if indonesian:
        if not _INDONESIAN_PASSPORT.fullmatch(compact):
            raise InvalidInput(PASSPORT_INDONESIAN)
    elif not PASSPORT_LENGTHS[0] <= len(compact) <= PASSPORT_LENGTHS[1]:
        low, high = PASSPORT_LENGTHS
        raise InvalidInput(PASSPORT_LENGTH, low=low, high=high, count=len(compact))
    return compact


def _mask_middle(text: str, head: int, tail: int) -> str:
    """``text`` with all but ``head`` leading and ``tail`` trailing characters masked.

    When that would hide fewer than three characters, only a third of ``text`` at its end
    is shown, so a short or partial value is never printed whole.
    """
    if len(text) < head + tail + 3:
        head, tail = 0, min(tail, len(text) // 3)
    return text[:head] + MASK * (len(text) - head - tail) + text[len(text) - tail :]


def mask_nik(nik: str) -> str:
    """A NIK for a slip or screen: ``3507123456780012`` becomes ``3507••••••••0012``.

    The region (first 4) and the serial (last 4) stay; the birth date never shows.
    Separators are dropped first; text that is not a NIK is masked the same way.
    """
    return _mask_middle(_SEPARATORS.sub("", nik), 4, 4)


def mask_phone(phone: str) -> str:
    """A phone number for a slip or screen, showing at most seven digits.

    National or Indonesian numbers keep their first 4 and last 3 digits in the national
    form: ``081234567678`` and ``+6281234567678`` both become ``0812•••••678``. Foreign
    numbers keep ``+``, the country code and the last 3 digits, so staff see which country
    the number is in: ``+886912345678`` becomes ``+886••••••678``. Separators are dropped.
    """
    compact = _PHONE_SEPARATORS.sub("", phone)
    if compact.startswith("+"):
        try:
            number = phonenumbers.parse(compact)
        except NumberParseException:
            return _mask_middle(compact, 0, 3)
        national = phonenumbers.national_significant_number(number)
        if number.country_code != 62:
            return f"+{number.country_code}" + _mask_middle(national, 0, 3)
        compact = "0" + national
    return _mask_middle(compact, 4, 3)


def mask_name(name: str) -> str:
    """A person's name for a slip or screen: ``Siti Aminah`` becomes ``Siti A•••••``.

    The first word stays whole and every other word keeps its initial; a name of one word
    keeps up to its first three letters, never more than half (``Sumiati`` becomes
    ``Sum••••``, ``Ani`` becomes ``A••``). Runs of spaces become one.
    """
    words = name.split()
    if len(words) == 1:
        word = words[0]
        keep = max(1, min(3, len(word) // 2))
        return word[:keep] + MASK * (len(word) - keep)
    return " ".join(words[:1] + [word[0] + MASK * (len(word) - 1) for word in words[1:]])
