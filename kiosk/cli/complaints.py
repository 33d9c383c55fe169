"""The ``mpp-kiosk complaints`` commands for staff scripting: list, show, note and status."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date

from kiosk.cli.common import EXIT_FAULT, Commands, UsageError, emit, hall_of
from kiosk.cli.staff import authenticate
from kiosk.complaints.categories import Status, label
from kiosk.complaints.views import ComplaintNoteView
from kiosk.errors import InvalidInput
from kiosk.hall import Hall
from kiosk.i18n import translate
from kiosk.infra.sealed import KeyFileError


def add_complaints_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register ``complaints list|show|note|status``."""
    complaints = commands.add_parser("complaints", help="complaints (pengaduan) for staff")
    actions = complaints.add_subparsers(dest="complaints_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="a day's complaints, masked")
    listing.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD")
    listing.set_defaults(handler=_list)

    officer = argparse.ArgumentParser(add_help=False)
    officer.add_argument("reference", metavar="REFERENCE", help="e.g. P-261123-7K3M")
    officer.add_argument(
        "--staff", metavar="USER", required=True, help="the officer, signed in with their PIN"
    )

    show = actions.add_parser(
        "show", parents=[common, officer], help="open one complaint (personal data masked)"
    )
    show.add_argument(
        "--reveal", action="store_true", help="personal data in full (recorded as a show)"
    )
    show.set_defaults(handler=_show)

    note = actions.add_parser("note", parents=[common, officer], help="add a dated note")
    note.add_argument("text", metavar="TEXT")
    note.set_defaults(handler=_note)

    status = actions.add_parser("status", parents=[common, officer], help="move the status")
    status.add_argument("status", type=Status, choices=list(Status), metavar="STATUS")
    status.add_argument("--note", default="", metavar="TEXT")
    status.set_defaults(handler=_status)


def _run(args: argparse.Namespace, use: Callable[[Hall, str], int]) -> int:
    hall = hall_of(args)
    language = hall.settings.kiosk.languages[0]
    try:
        return use(hall, language)
    except InvalidInput as exc:
        raise UsageError(exc.message(language)) from None
    except KeyFileError as exc:
        print(f"mpp-kiosk: {exc}", file=sys.stderr)
        return EXIT_FAULT
    finally:
        hall.close()


def _list(args: argparse.Namespace) -> int:
    def use(hall: Hall, language: str) -> int:
        lines = hall.complaints.list_today(args.date)
        emit(
            args,
            {
                "complaints": [
                    {
                        "reference": c.reference,
                        "created_at": c.created_at.isoformat(),
                        "status": c.status.value,
                        "urgent": c.urgent,
                        "categories": [category.value for category in c.categories],
                        "reporter": c.reporter_name_masked,
                        "phone": c.reporter_phone_masked,
                        "readable": c.readable,
                    }
                    for c in lines
                ]
            },
            "\n".join(
                f"{c.reference}  {'!' if c.urgent else ' '} {label(c.status, language):<16} "
                + (
                    f"{c.reporter_name_masked}  {c.reporter_phone_masked}"
                    if c.readable
                    else translate("hallkey.row_unreadable", language)
                )
                for c in lines
            ),
        )
        return 0

    return _run(args, use)


def _show(args: argparse.Namespace) -> int:
    def use(hall: Hall, language: str) -> int:
        officer = authenticate(hall, args.staff).id
        detail = hall.complaints.open(args.reference, officer, show=args.reveal)
        lines = detail.lines(language)
        notes = [_note_line(n, language) for n in detail.notes]
        emit(
            args,
            {
                "reference": detail.reference,
                "status": detail.status.value,
                "url": detail.url,
                "created_at": detail.created_at.isoformat(),
                "answers": dict(lines),
                "notes": notes,
            },
            "\n".join(
                [f"{detail.reference}  {label(detail.status, language)}  {detail.url}"]
                + [f"{name}: {value}" for name, value in lines]
                + notes
            ),
        )
        return 0

    return _run(args, use)


def _note(args: argparse.Namespace) -> int:
    def use(hall: Hall, language: str) -> int:
        officer = authenticate(hall, args.staff).id
        note = hall.complaints.add_note(args.reference, officer, args.text)
        emit(args, {"note": _note_line(note, language)}, _note_line(note, language))
        return 0

    return _run(args, use)


def _status(args: argparse.Namespace) -> int:
    def use(hall: Hall, language: str) -> int:
        officer = authenticate(hall, args.staff).id
        note = hall.complaints.move_status(args.reference, args.status, officer, args.note)
        emit(args, {"note": _note_line(note, language)}, _note_line(note, language))
        return 0

    return _run(args, use)


def _note_line(note: ComplaintNoteView, language: str) -> str:
    move = (
        f"{label(note.status_from, language)} → {label(note.status_to, language)} "
        if note.status_from and note.status_to
        else ""
    )
    return f"{note.at.isoformat(timespec='minutes')} #{note.staff_id} {move}{note.text}".rstrip()
