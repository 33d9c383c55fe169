"""Jobs feeds for tests: valid records to change, a feed's bytes, importing on the hall's clock."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from kiosk.hall import Hall
from kiosk.jobs.importer import ImportReport, import_feed
from tests.helpers.queue_site import JAKARTA

FEED_DAY = date(2026, 11, 20)  # the demo feed's generation day
FEED_DAY_9 = datetime.combine(FEED_DAY, time(9), JAKARTA)  # 09:00 WIB on that day
LICENCE = "KEP.0001/KA/2026"


def load(hall: Hall, source: Path | bytes) -> ImportReport:
    """Import a feed into the hall on the hall's clock."""
    return import_feed(hall.db, source, clock=hall.clock, zone=hall.zone)


def p3mi(**fields: Any) -> dict[str, Any]:
    """A valid P3MI record with ``fields`` replaced."""
    return {
        "licence_number": LICENCE,
        "name": "PT Contoh Penempatan Jaya",
        "status": "active",
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
        "head_office": "Jl. Contoh No. 1, Malang",
        "branches": ["Blitar"],
        **fields,
    }


def posting(id: str = "P-1", **fields: Any) -> dict[str, Any]:
    """A valid P to P caregiver posting in Taiwan with ``fields`` replaced."""
    return {
        "id": id,
        "position": "Caregiver (perawat lansia)",
        "sector": "caregiving",
        "job_type": "elderly_caregiver",
        "country": "TW",
        "city": "Taichung",
        "scheme": "p_to_p",
        "employer": "Keluarga Lin",
        "p3mi_licence": LICENCE,
        "quota": 5,
        "gender": "female",
        "age": {"min": 21, "max": 45},
        "education": "smp",
        "requirements": ["Bahasa Mandarin dasar"],
        "salary": {"amount": 20000, "currency": "TWD"},
        "working_hours": "10 jam/hari",
        "contract_months": 36,
        "benefits": ["Makan", "Tempat tinggal"],
        "worker_costs": {"amount_idr": 0},
        "how_to_apply": "Datang ke loket KP2MI",
        "posted_on": "2026-11-01",
        "closes_on": "2026-12-31",
        **fields,
    }


def feed(
    postings: list[Any], p3mis: list[Any] | None = None, rates: list[Any] | None = None
) -> bytes:
    """A feed file's bytes."""
    content = {
        "version": 1,
        "source": "Uji",
        "p3mi": [p3mi()] if p3mis is None else p3mis,
        "postings": postings,
        "rates": rates or [],
    }
    return json.dumps(content).encode()
