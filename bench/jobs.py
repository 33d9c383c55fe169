"""Benchmark: jobs feed import rate and search-as-you-type latency over 20,000 postings."""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.clock import system_clock
from kiosk.db import Database, migrate, open_database
from kiosk.jobs.importer import import_feed
from kiosk.jobs.search import JobBoard, JobQuery
from tools.postgres import PostgresAbsentError, scratch_database

POSTINGS = 20_000
COMPANIES = 300
ROUNDS = 5
QUERIES = ("perawat", "taiwan caregiver", "pabrik", "hong kong", "operator mesin", "jlpt n4")
ZONE = ZoneInfo("Asia/Jakarta")
TODAY = date.today()

JOBS = [  # position, sector, zero-cost job type, requirement
    ("Caregiver perawat lansia", "caregiving", "elderly_caregiver", "Bahasa Mandarin dasar"),
    ("Penata laksana rumah tangga", "domestic", "housekeeper", "Bahasa Kanton dasar"),
    ("Pengasuh anak", "domestic", "child_carer", "Pengalaman mengasuh anak"),
    ("Operator mesin pabrik", "manufacturing", None, "Tidak buta warna"),
    ("Operator produksi pabrik elektronik", "manufacturing", None, "Sehat jasmani"),
    ("Pekerja kebun kelapa sawit", "agriculture", "farm_worker", "Sehat jasmani"),
    ("Anak buah kapal perikanan", "fishing", "fishing_crew", "Basic Safety Training"),
    ("Room attendant hotel", "hospitality", None, "Bahasa Inggris percakapan"),
    ("Tukang bangunan", "construction", None, "Pengalaman 1 tahun"),
    ("Perawat rumah sakit", "healthcare", None, "STR aktif, JLPT N4"),
    ("Tukang las", "manufacturing", None, "Sertifikat las 3G"),
]
PLACES = {  # country: currency, salary, cities
    "TW": ("TWD", 28590, ["Taipei", "Taichung", "Kaohsiung", "Taoyuan"]),
    "HK": ("HKD", 4990, ["Kowloon", "Sha Tin", "Tsuen Wan"]),
    "MY": ("MYR", 1700, ["Kuala Lumpur", "Johor Bahru", "Sandakan"]),
    "SG": ("SGD", 650, ["Singapura"]),
    "JP": ("JPY", 190000, ["Osaka", "Nagoya", "Tokyo"]),
    "KR": ("KRW", 2060740, ["Ansan", "Incheon", "Gimhae"]),
    "DE": ("EUR", 2800, ["Berlin", "München", "Hamburg"]),
    "SA": ("SAR", 1500, ["Riyadh", "Jeddah"]),
    "AE": ("AED", 1800, ["Dubai", "Abu Dhabi"]),
    "PL": ("PLN", 4666, ["Gdańsk", "Wrocław"]),
}
WORDS = ("Sahabat", "Karya", "Mandiri", "Bina", "Insan", "Cahaya", "Mitra", "Abadi", "Jaya")


def generated_feed(rng: random.Random, postings_count: int = POSTINGS) -> bytes:
    """A feed of plausible postings from ``COMPANIES`` P3MI (a few suspended)."""
    p3mi = [
        {
            "licence_number": f"KEP.{n:04d}/KA/2026",
            "name": f"PT {' '.join(rng.sample(WORDS, 3))} {n}",
            "status": "suspended" if n % 25 == 0 else "active",
            "valid_from": (TODAY - timedelta(days=100)).isoformat(),
            "valid_until": (TODAY + timedelta(days=265)).isoformat(),
            "head_office": "Jakarta",
        }
        for n in range(COMPANIES)
    ]
    postings = [_posting(n, rng) for n in range(postings_count)]
    rates = [
        {"currency": c, "idr": str(r), "as_of": TODAY.isoformat()}
        for c, r in (("TWD", 512), ("HKD", 2105), ("MYR", 3720), ("JPY", 107), ("EUR", 18940))
    ]
    return json.dumps(
        {"version": 1, "source": "bench", "p3mi": p3mi, "postings": postings, "rates": rates}
    ).encode()


def _posting(n: int, rng: random.Random) -> dict[str, Any]:
    position, sector, job_type, requirement = rng.choice(JOBS)
    country = rng.choice(list(PLACES))
    currency, salary, cities = PLACES[country]
    government = country in ("KR", "DE") and job_type is None
    posted = TODAY - timedelta(days=rng.randint(0, 60))
    return {
        "id": f"B-{n}",
        "position": position,
        "sector": sector,
        **({"job_type": job_type} if job_type else {}),
        "country": country,
        "city": rng.choice(cities),
        "scheme": "g_to_g" if government else "p_to_p",
        "employer": f"{rng.choice(WORDS)} {rng.choice(['Co.', 'Ltd', 'Sdn Bhd', 'GmbH'])} {n}",
        **({} if government else {"p3mi_licence": f"KEP.{n % COMPANIES:04d}/KA/2026"}),
        "quota": rng.randint(1, 50),
        "gender": rng.choice(["male", "female", "any"]),
        "age": {"min": 18, "max": rng.randint(30, 45)},
        "education": rng.choice(["sd", "smp", "sma"]),
        "requirements": [requirement],
        "salary": {"amount": salary, "currency": currency},
        "working_hours": "8 jam/hari",
        "contract_months": 24,
        "benefits": ["Asrama"],
        "worker_costs": {"amount_idr": 0 if job_type else rng.choice([0, 5_000_000])},
        "how_to_apply": "Loket KP2MI",
        "posted_on": posted.isoformat(),
        "closes_on": (posted + timedelta(days=rng.randint(0, 120))).isoformat(),
    }


def keystrokes() -> Iterator[str]:
    """Every prefix of every query, as typed one key at a time."""
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            yield query[:end]


def run(name: str, db: Database, content: bytes) -> None:
    """Import the feed into ``db`` and time each keystroke's search."""
    migrate(db)
    started = time.perf_counter()
    report = import_feed(db, content, clock=system_clock, zone=ZONE)
    seconds = time.perf_counter() - started
    assert report.postings_added == POSTINGS, report.rejected[:3]
    print(f"{name}: import {POSTINGS} postings in {seconds:.1f} s ({POSTINGS / seconds:,.0f}/s)")
    board = JobBoard(db, ZONE, system_clock)
    board.search(JobQuery("warm up"))
    timings: list[float] = []
    for _ in range(ROUNDS):
        for typed in keystrokes():
            started = time.perf_counter()
            board.search(JobQuery(typed))
            timings.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"{name}: search-as-you-type over {len(timings)} keystrokes: "
        f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms"
    )


def main() -> None:
    """Run the benchmark on SQLite, then on PostgreSQL if it is reachable."""
    content = generated_feed(random.Random(20_000))
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        try:
            run("sqlite", db, content)
        finally:
            db.dispose()
    try:
        with scratch_database("mpp_bench") as url:
            db = open_database(url)
            try:
                run("postgresql", db, content)
            finally:
                db.dispose()
    except PostgresAbsentError as absent:
        print(f"postgresql: skipped ({absent})")


if __name__ == "__main__":
    main()
