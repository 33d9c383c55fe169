"""What the board and consoles read, the day figures, the catalogs and the command line."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.hall import Hall
from kiosk.i18n import available_languages, catalog
from kiosk.queueing import QueueService, TicketState
from kiosk.queueing.report import figures_csv, percentile
from kiosk.queueing.report_doc import REPORT_KEYS, figures_pdf, figures_report
from kiosk.queueing.states import MESSAGE_KEYS
from tests.helpers.clock import FakeClock
from tests.helpers.queue_site import MONDAY_9, queue_config
from tests.helpers.staff import supervisor

STATES = Path(__file__).parents[3] / "kiosk" / "queueing" / "states.py"


def test_board_and_console_views(queue: QueueService, clock: FakeClock) -> None:
    for service, priority in (("jobs", False), ("jobs", True), ("placement", False)):
        queue.issue_ticket(service, priority)
        clock.advance(minutes=2)
    queue.call_next(1)  # the priority visitor first
    clock.advance(minutes=1)
    jobs, placement, complaint, _ = queue.services_status()
    assert (jobs.waiting, jobs.priority_waiting, jobs.issued, jobs.quota) == (1, 0, 2, 200)
    assert (placement.waiting, placement.estimated_wait_minutes) == (1, 5)
    assert (complaint.waiting, complaint.open_now, complaint.closed_today) == (0, True, False)
    serving = {c.counter_number: c.ticket for c in queue.now_serving()}
    assert serving[2] is None
    assert serving[1] is not None
    assert (serving[1].number, serving[1].state) == ("A-002", TicketState.CALLED)
    waiting = queue.waiting_list(1)
    assert [(w.number, w.priority, w.waiting_minutes) for w in waiting] == [
        ("A-001", False, 7),
        ("B-001", False, 3),
    ]
    assert [c.number for c in queue.last_calls(limit=5)] == ["A-002"]


def test_change_marker_moves_on_every_change_and_only_then(
    queue: QueueService, hall: Hall, clock: FakeClock
) -> None:
    marks = [queue.change_marker()]
    queue.issue_ticket("jobs")
    marks.append(queue.change_marker())
    clock.advance(minutes=1)
    queue.services_status()
    assert queue.change_marker() == marks[-1]
    queue.call_next(1)
    marks.append(queue.change_marker())
    kepala = supervisor(hall)
    queue.close_today("opp", kepala)
    marks.append(queue.change_marker())
    queue.set_quota_today("opp", 10, kepala)
    marks.append(queue.change_marker())
    assert len(set(marks)) == len(marks)


def test_a_ticket_shows_its_history(queue: QueueService, clock: FakeClock) -> None:
    issued = queue.issue_ticket("jobs")
    clock.advance(minutes=3)
    queue.call_next(3)
    detail = queue.ticket(issued.ticket_id)
    assert detail.ticket.reference == issued.reference
    assert [(e.kind, e.counter_number, e.at) for e in detail.history] == [
        ("issued", None, MONDAY_9),
        ("called", 3, MONDAY_9 + timedelta(minutes=3)),
    ]


def test_day_figures_per_service_counter_and_hall(
    queue: QueueService, hall: Hall, clock: FakeClock
) -> None:
    for _ in range(3):
        queue.issue_ticket("jobs")
    queue.issue_ticket("placement")
    for counter, wait, service in ((1, 2, 10), (3, 4, 20)):
        clock.advance(minutes=wait)
        queue.call_next(counter)
        queue.start(counter)
        clock.advance(minutes=service)
        queue.finish(counter)
    queue.call_next(1)
    queue.no_show(1)
    figures = queue.day_report(MONDAY_9.date(), supervisor(hall), "en")
    rows = {(row.scope, row.name): row for row in figures.rows}
    hall_row, jobs, counter_1 = rows["hall", "all"], rows["service", "jobs"], rows["counter", "1"]
    assert (hall_row.issued, hall_row.called, hall_row.served, hall_row.no_shows) == (4, 3, 2, 1)
    assert (jobs.issued, jobs.served, jobs.no_shows, jobs.wait_median) == (3, 2, 1, 16.0)
    # waits of the jobs tickets: 2 and 16 minutes (and 36 for the one that did not come)
    assert (jobs.wait_p90, jobs.service_median, jobs.service_p90) == (36.0, 15.0, 20.0)
    assert (counter_1.issued, counter_1.called, counter_1.served) == (None, 2, 1)
    assert rows["service", "opp"].wait_median is None
    parsed = list(csv.DictReader(io.StringIO(figures_csv(figures))))
    assert parsed[0]["scope"] == "hall"
    assert parsed[1]["name"] == "jobs"
    assert parsed[1]["wait_p90"] == "36.0"
    assert len(parsed) == 1 + 4 + 3
    report = figures_report(figures, "en")
    assert [table.headings[0] for table in report.tables] == ["Whole hall", "Service", "Counter"]
    assert report.tables[1].rows[0][:6] == (jobs.title, "3", "3", "2", "1", "16.0")
    assert report.tables[2].rows[0][:2] == (counter_1.title, "–")
    assert figures_pdf(figures, "id").startswith(b"%PDF")


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 0.9) is None
    assert percentile([7.0], 0.9) == 7.0
    assert percentile([float(n) for n in range(1, 11)], 0.9) == 9.0
    assert percentile([float(n) for n in range(1, 21)], 0.9) == 18.0


def test_every_queue_message_exists_in_every_language_and_none_is_unused() -> None:
    used = set(re.findall(r'"(queue\.[a-z_]+)"', STATES.read_text(encoding="utf-8")))
    assert used == MESSAGE_KEYS
    for language in available_languages():
        declared = {key for key in catalog(language) if key.startswith("queue.")}
        assert declared == MESSAGE_KEYS | REPORT_KEYS, language


def _run(capsys: pytest.CaptureFixture[str], config: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--config", str(config), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_command_line_runs_a_visit_end_to_end(
    tmp_path: Path,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("kiosk.cli.common.system_clock", lambda: MONDAY_9.astimezone(UTC))
    config = queue_config(tmp_path, database_url)
    assert _run(capsys, config, "init", "--demo")[0] == 0
    code, out, _ = _run(capsys, config, "ticket", "issue", "jobs", "--priority", "--json")
    issued = json.loads(out)
    assert code == 0
    assert (issued["number"], issued["priority"]) == ("A-001", True)
    assert issued["url"].endswith(issued["public_token"])
    code, out, _ = _run(capsys, config, "ticket", "issue", "placement")
    assert re.fullmatch(r"B-001  Q-261123-\w{4}  https://\S+/r/\w{26}\n", out)
    assert _run(capsys, config, "queue", "call", "1")[1] == "A-001 called\n"
    for action, state in (("recall", "called"), ("start", "serving"), ("finish", "done")):
        code, out, _ = _run(capsys, config, "queue", action, "1", "--json")
        assert (code, json.loads(out)["ticket"]["state"]) == (0, state)
    assert _run(capsys, config, "queue", "call", "2")[1] == "B-001 called\n"
    assert _run(capsys, config, "queue", "transfer", "2", "jobs")[1] == "B-001 waiting\n"
    code, out, _ = _run(capsys, config, "queue", "status", "--json")
    status = json.loads(out)
    assert [s["waiting"] for s in status["services"]] == [1, 0, 0, 0]
    assert "counter 2: free" in _run(capsys, config, "queue", "status")[1]
    monkeypatch.setattr("sys.stdin", io.StringIO("1111\n0000\n9999\n9999\n"))  # PINs typed
    code, out, err = _run(capsys, config, "report", "day", "--staff", "siti")
    assert (code, out) == (2, "")
    assert "siti bukan supervisor" in err
    report = ("report", "day", "--staff", "kepala", "--date", "2026-11-23")
    code, out, err = _run(capsys, config, *report)  # a supervisor's name without the PIN
    assert (code, out, err) == (2, "", "mpp-kiosk: PIN salah. Sisa percobaan: 4.\n")
    code, out, _ = _run(capsys, config, *report)
    assert out.splitlines()[1].startswith("hall,all,")
    target = tmp_path / "day.pdf"
    code, out, _ = _run(capsys, config, *report, "--format", "pdf", "--output", str(target))
    assert (code, out.strip()) == (0, str(target))
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ticket", "issue", "visa"], "Layanan ini tidak ada."),
        (["queue", "finish", "1"], "Loket 1 belum memanggil nomor."),
        (["queue", "call", "1", "--staff", "ghost"], "Tidak ada petugas aktif bernama ghost."),
        (["report", "day", "--staff", "x", "--date", "23/11/2026"], "is not a date like 2026-11"),
        (["report", "day", "--staff", "ghost"], "Nama pengguna tidak dikenal."),
    ],
)
def test_command_line_refusals_exit_2_in_one_line(
    tmp_path: Path,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.setattr(
        "kiosk.cli.common.system_clock", lambda: datetime(2026, 11, 23, 2, tzinfo=UTC)
    )
    code, out, err = _run(capsys, queue_config(tmp_path, database_url), *argv)
    assert (code, out) == (2, "")
    assert err.startswith("mpp-kiosk: ")
    assert message in err
    assert err.count("\n") == 1


def test_the_board_announces_each_new_call_once_in_order(
    queue: QueueService, clock: FakeClock
) -> None:
    for _ in range(3):
        queue.issue_ticket("jobs")
    first_call = queue.call_next(1)
    assert first_call is not None
    start = queue.board(last_calls=5, seen=None)
    assert [c.number for c in start.calls] == ["A-001"]
    assert start.announce == ()  # called before the board started: shown, not spoken
    seen = start.calls[0].event_id
    queue.call_next(3)
    queue.recall(1)
    later = queue.board(last_calls=5, seen=seen)
    assert [(c.number, c.recall) for c in later.announce] == [("A-002", False), ("A-001", True)]
    assert [c.counter_number for c in later.counters if c.ticket] == [1, 3]
    assert queue.board(last_calls=5, seen=later.calls[0].event_id).announce == ()


def test_a_no_show_is_not_now_calling_on_the_board(queue: QueueService) -> None:
    for _ in range(2):
        queue.issue_ticket("jobs")
    queue.call_next(1)
    assert (called := queue.board(last_calls=5, seen=None).calling) is not None
    assert called.number == "A-001"
    queue.no_show(1)
    after = queue.board(last_calls=5, seen=None)
    assert after.calling is None
    assert [(c.number, c.missed) for c in after.calls] == [("A-001", True)]  # still listed
    queue.call_next(1)
    assert (next_call := queue.board(last_calls=5, seen=None).calling) is not None
    assert next_call.number == "A-002"


def test_the_console_reads_its_counter_in_one_go(queue: QueueService) -> None:
    issued = [queue.issue_ticket("jobs") for _ in range(2)]
    queue.call_next(1)
    officer_view = queue.console(1, supervisor=False)
    assert officer_view.held is not None
    assert officer_view.held.ticket.number == issued[0].number
    assert [w.number for w in officer_view.waiting] == [issued[1].number]
    assert officer_view.services == []
    assert len(queue.console(1, supervisor=True).services) == len(queue.services_status())
