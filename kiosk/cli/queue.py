"""Queue commands of ``mpp-kiosk``: ``ticket issue``, ``queue …`` and ``report day``."""

from __future__ import annotations

import argparse
import dataclasses
import enum
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.cli import common as cli
from kiosk.cli.staff import authenticate
from kiosk.cli.survey import add_survey_report
from kiosk.errors import InvalidInput
from kiosk.hall import Hall
from kiosk.queueing import QueueError, QueueService, TicketView
from kiosk.queueing.report import figures_csv
from kiosk.queueing.report_doc import figures_pdf

CounterAction = Callable[[QueueService, argparse.Namespace, int | None], TicketView | None]
COUNTER_ACTIONS: dict[str, tuple[str, CounterAction]] = {
    "call": ("call the next visitor", lambda q, a, s: q.call_next(a.counter, s)),
    "recall": ("call the counter's visitor again", lambda q, a, s: q.recall(a.counter, s)),
    "start": ("the visitor has arrived: start serving", lambda q, a, s: q.start(a.counter, s)),
    "finish": ("the visitor has been served", lambda q, a, s: q.finish(a.counter, s)),
    "no-show": ("the called visitor did not come", lambda q, a, s: q.no_show(a.counter, s)),
    "transfer": (
        "send the visitor to another service's queue",
        lambda q, a, s: q.transfer(a.counter, a.service, s),
    ),
}


def add_queue_commands(commands: cli.Commands, common: argparse.ArgumentParser) -> None:
    """Register ``ticket issue``, ``queue status|call|…`` and ``report day``."""
    ticket = commands.add_parser("ticket", help="queue tickets").add_subparsers(
        dest="ticket_command", metavar="ACTION", required=True
    )
    issue = ticket.add_parser("issue", parents=[common], help="issue a ticket (number and link)")
    issue.add_argument("service", metavar="SERVICE", help="service code, e.g. jobs")
    issue.add_argument("--priority", action="store_true", help="priority service (prioritas)")
    issue.set_defaults(handler=_issue)

    queue = commands.add_parser("queue", help="queue operations").add_subparsers(
        dest="queue_command", metavar="ACTION", required=True
    )
    queue.add_parser("status", parents=[common], help="queues and counters now").set_defaults(
        handler=_status
    )
    for name, (summary, _) in COUNTER_ACTIONS.items():
        action = queue.add_parser(name, parents=[common], help=summary)
        action.add_argument("counter", metavar="COUNTER", type=int, help="counter number")
        if name == "transfer":
            action.add_argument("service", metavar="SERVICE", help="target service code")
        action.add_argument("--staff", metavar="USER", help="the officer's username")
        action.set_defaults(handler=_counter_action, action=name)

    report = commands.add_parser("report", help="reports").add_subparsers(
        dest="report_command", metavar="KIND", required=True
    )
    day = report.add_parser("day", parents=[common], help="the day's queue figures")
    day.add_argument(
        "--staff",
        metavar="USER",
        required=True,
        help="the supervisor asking for the report (signed in with their PIN)",
    )
    day.add_argument("--date", metavar="YYYY-MM-DD", help="local day (default: today)")
    day.add_argument("--format", choices=("csv", "pdf"), default="csv")
    day.add_argument("--output", metavar="PATH", help="file to write (default: CSV on stdout)")
    day.set_defaults(handler=_report_day)
    add_survey_report(report, common)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _run(args: argparse.Namespace, use: Callable[[Hall, QueueService], int]) -> int:
    hall = cli.hall_of(args)
    try:
        return use(hall, hall.queue)
    except QueueError as exc:
        raise cli.UsageError(exc.message(hall.settings.kiosk.languages[0])) from None
    finally:
        hall.close()


def _issue(args: argparse.Namespace) -> int:
    def use(_: Hall, queue: QueueService) -> int:
        issued = queue.issue_ticket(args.service, args.priority)
        cli.emit(args, _plain(issued), f"{issued.number}  {issued.reference}  {issued.url}")
        return 0

    return _run(args, use)


def _status(args: argparse.Namespace) -> int:
    def use(_: Hall, queue: QueueService) -> int:
        services, counters = queue.services_status(), queue.now_serving()
        lines = [
            f"{s.letter} {s.code}: {s.waiting} waiting ({s.priority_waiting} priority), "
            f"~{s.estimated_wait_minutes} min, {s.issued}/{s.quota} issued"
            + ("" if s.open_now and not s.closed_today else ", closed")
            for s in services
        ]
        lines += [
            f"counter {c.counter_number}: "
            + (f"{c.ticket.number} {c.ticket.state.value}" if c.ticket else "free")
            for c in counters
        ]
        cli.emit(
            args, {"services": _plain(services), "counters": _plain(counters)}, "\n".join(lines)
        )
        return 0

    return _run(args, use)


def _counter_action(args: argparse.Namespace) -> int:
    def use(_: Hall, queue: QueueService) -> int:
        staff = queue.staff_id(args.staff) if args.staff else None
        ticket = COUNTER_ACTIONS[args.action][1](queue, args, staff)
        text = f"{ticket.number} {ticket.state.value}" if ticket else "nobody is waiting"
        cli.emit(args, {"ticket": _plain(ticket)}, text)
        return 0

    return _run(args, use)


def _report_day(args: argparse.Namespace) -> int:
    requested = _day(args.date) if args.date else None

    def use(hall: Hall, queue: QueueService) -> int:
        language = hall.settings.kiosk.languages[0]
        day = requested or hall.today()
        try:
            supervisor = authenticate(hall, args.staff)
        except InvalidInput as exc:
            raise cli.UsageError(exc.message(language)) from None
        figures = queue.day_report(day, supervisor, language)
        if args.format == "csv" and not args.output:
            if args.json:
                cli.emit(args, {"day": day.isoformat(), "rows": _plain(figures.rows)}, "")
            else:
                sys.stdout.write(figures_csv(figures))
            return 0
        path = Path(args.output or f"mpp-queue-{day.isoformat()}.pdf")
        pdf = args.format == "pdf"
        cli.write_report(path, figures_pdf(figures, language) if pdf else figures_csv(figures))
        cli.emit(args, {"day": day.isoformat(), "path": str(path)}, str(path))
        return 0

    return _run(args, use)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise cli.UsageError(f"--date {text!r} is not a date like 2026-11-23") from None
