"""The ``mpp-kiosk jobs`` commands: import a feed, search postings, print the feed's schema."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kiosk.cli.common import EXIT_FAULT, Commands, UsageError, emit, hall_of
from kiosk.jobs.feed import DEFAULT_MAX_MB, feed_schema
from kiosk.jobs.importer import FeedError, ImportReport, import_feed
from kiosk.jobs.postings import PostingSummary
from kiosk.jobs.search import JobQuery
from kiosk.jobs.vocab import Education, Scheme, Sector
from kiosk.vocab import COUNTRIES, Gender

MAX_LIMIT = 100_000
"""The most postings ``jobs search`` lists at once (a feed's whole quota range)."""


def add_jobs_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register ``jobs import``, ``jobs search`` and ``jobs schema``."""
    jobs = commands.add_parser("jobs", help="jobs info: import a feed, search postings")
    actions = jobs.add_subparsers(dest="jobs_command", metavar="ACTION", required=True)

    importing = actions.add_parser(
        "import",
        parents=[common],
        help="import a jobs feed (JSON); exit 1 if some records were rejected",
    )
    importing.add_argument("file", type=Path, help="the feed file")
    importing.add_argument(
        "--max-mb",
        type=int,
        default=DEFAULT_MAX_MB,
        help=f"the largest file to read, in MB (default {DEFAULT_MAX_MB})",
    )
    importing.set_defaults(handler=_import)

    search = actions.add_parser("search", parents=[common], help="search the shown postings")
    search.add_argument("text", nargs="?", default="", help="words, each matched as a prefix")
    search.add_argument("--country", type=str.upper, choices=sorted(COUNTRIES), metavar="CODE")
    search.add_argument("--sector", type=Sector, choices=list(Sector))
    search.add_argument("--scheme", type=Scheme, choices=list(Scheme))
    search.add_argument("--gender", type=Gender, choices=list(Gender), help="the job seeker's")
    search.add_argument(
        "--education", type=Education, choices=list(Education), help="the job seeker's schooling"
    )
    search.add_argument(
        "--limit",
        type=int,
        default=20,
        help=f"postings to list (default 20, at most {MAX_LIMIT:,})",
    )
    search.set_defaults(handler=_search)

    schema = actions.add_parser("schema", help="print the feed's JSON Schema")
    schema.set_defaults(handler=_schema)


def _import(args: argparse.Namespace) -> int:
    hall = hall_of(args)
    try:
        report = import_feed(
            hall.db, args.file, clock=hall.clock, zone=hall.zone, max_mb=args.max_mb
        )
    except FeedError as exc:
        raise UsageError(str(exc)) from None
    finally:
        hall.close()
    emit(args, _report_payload(args.file, report), _report_text(args.file, report))
    return EXIT_FAULT if report.rejected else 0


def _report_payload(path: Path, report: ImportReport) -> dict[str, Any]:
    return {
        "file": str(path),
        "p3mi": {"added": report.p3mi_added, "updated": report.p3mi_updated},
        "postings": {"added": report.postings_added, "updated": report.postings_updated},
        "rates": report.rates,
        "rejected_records": report.rejected_records,
        "rejected": [{"position": r.position, "reason": r.reason} for r in report.rejected],
    }


def _report_text(path: Path, report: ImportReport) -> str:
    lines = [
        f"{path}: P3MI {report.p3mi_added} added, {report.p3mi_updated} updated; "
        f"postings {report.postings_added} added, {report.postings_updated} updated; "
        f"rates {report.rates}",
    ]
    if report.rejected:
        lines.append(f"rejected {report.rejected_records} record(s):")
        lines.extend(f"  {r.position}: {r.reason}" for r in report.rejected)
    return "\n".join(lines)


def _search(args: argparse.Namespace) -> int:
    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"--limit must be from 1 to {MAX_LIMIT:,}, not {args.limit}")
    query = JobQuery(
        text=args.text,
        country=args.country,
        sector=args.sector,
        scheme=args.scheme,
        gender=args.gender,
        education=args.education,
    )
    hall = hall_of(args)
    try:
        page = hall.jobs.search(query, limit=args.limit)
    finally:
        hall.close()
    emit(
        args,
        {"total": page.total, "postings": [_summary_payload(p) for p in page.postings]},
        "\n".join([f"{page.total} posting(s)", *(_summary_text(p) for p in page.postings)]),
    )
    return 0


def _summary_payload(posting: PostingSummary) -> dict[str, Any]:
    return {
        "id": posting.id,
        "position": posting.position,
        "country": posting.country,
        "city": posting.city,
        "sector": posting.sector.value,
        "scheme": posting.scheme.value,
        "employer": posting.employer,
        "salary": {"amount": str(posting.salary.amount), "currency": posting.salary.currency},
        "salary_period": posting.salary_period.value,
        "salary_idr": posting.salary_idr,
        "closes_on": posting.closes_on.isoformat(),
        "zero_cost": posting.zero_cost,
    }


def _summary_text(posting: PostingSummary) -> str:
    rupiah = f" (≈ Rp {posting.salary_idr:,})".replace(",", ".") if posting.salary_idr else ""
    return (
        f"{posting.id:>6}  {posting.closes_on}  {posting.country} {posting.city}  "
        f"{posting.position}  {posting.salary.currency} {posting.salary.amount:,}/"
        f"{posting.salary_period.value}{rupiah}  {posting.employer}"
    )


def _schema(_args: argparse.Namespace) -> int:
    print(json.dumps(feed_schema(), indent=2, ensure_ascii=False))
    return 0
