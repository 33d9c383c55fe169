"""A made-up complaint with every step answered: for screenshots, demos and tests.

The people are invented; the NIKs are well-formed (East Java, real dates of birth) but
belong to no one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from kiosk.complaints.categories import Category, Channel, Job, Relation
from kiosk.complaints.fields import Step
from kiosk.vocab import Country, Gender

REPORTER_NIK: Final = "3507124508900012"  # a woman born 5 Aug 1990 (day + 40)
WORKER_NIK: Final = "3507125506950003"
PHONE: Final = "0812 3456 7890"
PHONE_E164: Final = "+6281234567890"
CHRONOLOGY: Final = "Majikan menahan gaji selama tujuh bulan dan paspornya disita di Kaohsiung."

ANSWERS: Final[Mapping[Step, Mapping[str, object]]] = {
    Step.REPORTER: {
        "reporter_name": "Siti Aminah Rahayu",
        "reporter_nik": REPORTER_NIK,
        "reporter_region": "3507",  # Kab. Malang, Jawa Timur: also read from the NIK
        "relation": Relation.MOTHER,
    },
    Step.WORKER: {
        "worker_name": "Dewi Lestari Wulandari",
        "worker_nik": WORKER_NIK,
        "worker_passport": "x 1234567",
        "worker_gender": Gender.FEMALE,
        "destination_country": Country.TAIWAN,
        "destination_city": "Kaohsiung",
        "employer": "Chen Family",
        "p3mi": "PT Sejahtera Abadi",
        "departure_year": "2023",
        "job": Job.CAREGIVER,
        "official_channel": Channel.YES,
    },
    Step.CASE: {
        "categories": (Category.UNPAID_WAGES, Category.DOCUMENTS_HELD),
        "chronology": CHRONOLOGY,
        "request": "Gaji dibayar dan paspor dikembalikan.",
        "urgent": False,
    },
    Step.CONTACT: {"reporter_phone": PHONE},
}
"""Answers per step, as the wizard's widgets take them (consent is a step of its own)."""

SHORTEST: Final[Mapping[Step, Mapping[str, object]]] = {
    Step.REPORTER: {
        "reporter_name": "Siti Aminah Rahayu",
        "reporter_region": "3507",
        "relation": Relation.SELF,
    },
    Step.WORKER: {
        "worker_gender": Gender.FEMALE,
        "destination_country": Country.TAIWAN,
        "official_channel": Channel.YES,
    },
    Step.CASE: {"categories": (Category.UNPAID_WAGES, Category.DOCUMENTS_HELD), "urgent": False},
    Step.CONTACT: {"reporter_phone": PHONE},
}
"""The shortest complaint: a worker reporting for herself, only what must be answered."""
