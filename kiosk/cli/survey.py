"""``mpp-kiosk report skm``: the satisfaction survey's index per service and period."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from kiosk.cli import common as cli
from kiosk.errors import InvalidInput
from kiosk.survey.report import skm_csv, skm_pdf


def add_survey_report(report: cli.Commands, common: argparse.ArgumentParser) -> None:
    """Register ``report skm`` under ``report``."""
    skm = report.add_parser(
        "skm", parents=[common], help="the satisfaction survey's index (SKM) per service"
    )
    skm.add_argument(
        "--from", dest="first", metavar="YYYY-MM-DD", help="first day (default: today)"
    )
    skm.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last day (default: --from)")
    skm.add_argument("--service", metavar="CODE", help="one service only")
    skm.add_argument("--format", choices=("csv", "pdf"), default="csv")
    skm.add_argument("--output", metavar="PATH", help="file to write (default: CSV on stdout)")
    skm.set_defaults(handler=_report_skm)


def _report_skm(args: argparse.Namespace) -> int:
    first = _day("--from", args.first) if args.first else None
    last = _day("--to", args.last) if args.last else None
    hall = cli.hall_of(args)
    language = hall.settings.kiosk.languages[0]
    try:
        start = first or last or hall.today()
        end = last or start
        try:
            report = hall.survey.report(start, end, args.service)
        except InvalidInput as wrong:
            raise cli.UsageError(wrong.message(language)) from None
    finally:
        hall.close()
    if args.format == "csv" and not args.output:
        sys.stdout.write(skm_csv(report, language))
        return 0
    path = Path(args.output or f"mpp-skm-{start.isoformat()}-{end.isoformat()}.{args.format}")
    pdf = args.format == "pdf"
    cli.write_report(path, skm_pdf(report, language) if pdf else skm_csv(report, language))
    cli.emit(args, {"path": str(path)}, str(path))
    return 0


def _day(flag: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise cli.UsageError(f"{flag} {text!r} is not a date like 2026-11-23") from None
