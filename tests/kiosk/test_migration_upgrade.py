"""Schema upgrades of a hall in use: every row kept, or a failed step undone in one line.

The upgrade test walks Alembic's script directory, so a new revision is tested as soon as
it exists: a database is built at each revision, filled through that revision's own
schema (reflected, never head's ORM models), upgraded by the app, and compared.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, Table, inspect, select, text

from kiosk import db as kiosk_db
from kiosk.cli import main
from kiosk.db import DatabaseError, alembic_config, migrate, open_database, pragmas
from kiosk.migrations import SCHEMA_HEAD
from kiosk.migrations.search_index import include_name
from kiosk.settings import PROJECT_CONFIG
from tests.conftest import site_config
from tests.helpers.queue_site import ALL_DAY
from tests.helpers.toml import dump_toml

Rows = dict[str, dict[tuple[Any, ...], dict[str, Any]]]
ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")

_BROKEN_0005 = '''"""a broken step: ticket numbers unique across days, which the rows contradict"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.create_unique_constraint("uq_tickets_number", ["number"])


def downgrade() -> None:
    raise NotImplementedError
'''


def _at_revision(url: str, revision: str) -> None:
    """Build an empty database at ``revision`` as an older app left it."""
    db = open_database(url)
    try:
        with db.engine.connect() as connection, connection.begin():
            command.upgrade(alembic_config(connection), revision)
    finally:
        db.dispose()


def _revision(url: str) -> str | None:
    db = open_database(url)
    try:
        with db.engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        db.dispose()


def _add_two_days_of_tickets(url: str) -> None:
    """A-001 on two days, each with its events (plain SQL valid from schema 0001 on)."""
    db = open_database(url)
    try:
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO services (code, letter, daily_quota, priority_allowed, position)"
                    " VALUES ('jobs', 'A', 200, true, 0)"
                )
            )
            for ticket_id, day in ((1, "2026-11-21"), (2, "2026-11-23")):
                connection.execute(
                    text(
                        "INSERT INTO tickets (id, issued_service, service_code, day, sequence,"
                        " number, priority, state, issued_at, queued_at, reference, public_token)"
                        " VALUES (:id, 'jobs', 'jobs', :day, 1, 'A-001', false, 'waiting',"
                        " :at, :at, :reference, :token)"
                    ),
                    {
                        "id": ticket_id,
                        "day": day,
                        "at": f"{day} 01:05:00",
                        "reference": f"Q-{day[2:4]}{day[5:7]}{day[8:]}-7KQ2",
                        "token": f"token{ticket_id}",
                    },
                )
                connection.execute(
                    text(
                        "INSERT INTO ticket_events (ticket_id, kind, at)"
                        " VALUES (:id, 'issued', :at)"
                    ),
                    {"id": ticket_id, "at": f"{day} 01:05:00"},
                )
    finally:
        db.dispose()


def test_a_failing_step_rolls_the_whole_upgrade_back_and_says_so_in_one_line(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(
        kiosk_db.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__")
    )
    (migrations / "versions" / "0005_ticket_posting.py").unlink()
    (migrations / "versions" / "0005_broken.py").write_text(_BROKEN_0005, encoding="utf-8")
    monkeypatch.setattr(kiosk_db, "MIGRATIONS_DIR", migrations)
    _at_revision(database_url, "0003")
    _add_two_days_of_tickets(database_url)

    db = open_database(database_url)
    try:
        with pytest.raises(DatabaseError) as caught:
            migrate(db)
        message = str(caught.value)
        assert message.startswith("upgrade to schema 0005 failed: ")
        assert message.endswith("; the database was left at 0003")
        assert "\n" not in message
        assert "uq_tickets_number" in message or "UNIQUE constraint failed" in message
        with db.engine.connect() as connection:
            assert not inspect(connection).has_table("complaints")  # 0004 undone with 0005
            assert connection.execute(text("SELECT count(*) FROM ticket_events")).scalar() == 2
        if db.is_sqlite:
            assert pragmas(db)["foreign_keys"] == 1
    finally:
        db.dispose()
    assert _revision(database_url) == "0003"


def test_broken_references_fail_the_upgrade_and_init_exits_1_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hall.sqlite3"
    url = f"sqlite:///{path}"
    _at_revision(url, "0004")
    _add_two_days_of_tickets(url)
    with sqlite3.connect(path) as raw:  # foreign keys are off on a bare connection
        raw.execute("INSERT INTO ticket_events (ticket_id, kind, at) VALUES (99, 'issued', '')")
    raw.close()

    code = main(["--config", str(site_config(tmp_path, url)), "init"])

    _, err = capsys.readouterr()
    assert code == 1
    assert err == (
        f"mpp-kiosk: upgrade to schema {SCHEMA_HEAD} failed: foreign key check failed:"
        " 1 ticket_events row refers to missing tickets; the database was left at 0004\n"
    )
    assert _revision(url) == "0004"
    db = open_database(url)
    try:
        with db.engine.connect() as connection:
            columns = {column["name"] for column in inspect(connection).get_columns("tickets")}
        assert "posting_id" not in columns
    finally:
        db.dispose()


def _revisions() -> list[str]:
    """Every revision, oldest first; the head too, to catch sample rows that no longer fit."""
    script = ScriptDirectory.from_config(alembic_config())
    return [revision.revision for revision in script.walk_revisions()][::-1]


@pytest.mark.parametrize("revision", _revisions())
def test_an_upgrade_from_every_revision_keeps_every_row_and_the_days_numbering(
    revision: str, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zone = _zone_away_from_midnight(datetime.now(UTC))
    today = datetime.now(zone).date()
    _at_revision(database_url, revision)
    db = open_database(database_url)
    try:
        with db.engine.begin() as connection:
            tables = _reflect(connection)
            _fill(connection, tables, today, zone, revision)
            before = _rows(connection, tables)
        empty = sorted(name for name, rows in before.items() if not rows)
        assert not empty, f"add sample rows to _fill for the table(s) {empty} of {revision}"

        migrate(db)

        with db.engine.connect() as connection:
            after = _rows(connection, _reflect(connection))
        if db.is_sqlite:
            assert pragmas(db)["foreign_keys"] == 1
    finally:
        db.dispose()
    assert _kept(before, after) == _as_upgraded(before, revision)
    assert _revision(database_url) == SCHEMA_HEAD

    last_today = max(
        row["sequence"]
        for row in before["tickets"].values()
        if row["issued_service"] == "jobs" and row["day"] == today
    )
    config = _site_config(tmp_path, database_url, zone)
    code = main(["--config", str(config), "ticket", "issue", "jobs", "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert json.loads(out)["number"] == f"A-{last_today + 1:03d}"


def _zone_away_from_midnight(now: datetime) -> ZoneInfo:
    """A site zone whose local time is not near midnight, so "today" holds for the test."""
    for name in ZONES:
        local = now.astimezone(ZoneInfo(name)).time()
        if time(0, 10) <= local <= time(23, 45):
            return ZoneInfo(name)
    raise AssertionError("the zones are an hour apart: one is always away from midnight")


def _site_config(tmp_path: Path, database_url: str, zone: ZoneInfo) -> Path:
    """The default configuration on the test database, in ``zone``, every service open."""
    with PROJECT_CONFIG.open("rb") as handle:
        raw = tomllib.load(handle)
    raw["site"] = {**raw["site"], "timezone": zone.key}
    raw["database"] = {"url": database_url}
    raw["printer"] = {**raw["printer"], "spool_dir": str(tmp_path / "spool")}
    raw["services"] = [{**service, "hours": ALL_DAY} for service in raw["services"]]
    path = tmp_path / "kiosk.toml"
    path.write_text(dump_toml(raw), encoding="utf-8")
    return path


def _reflect(connection: Connection) -> Mapping[str, Table]:
    """The tables as this database has them, less Alembic's and the full-text index's."""
    metadata = MetaData()
    metadata.reflect(
        connection,
        only=lambda name, _: name != "alembic_version" and include_name(name, "table", {}),
    )
    return metadata.tables


def _rows(connection: Connection, tables: Mapping[str, Table]) -> Rows:
    """Every row of every table by primary key (less the full-text index's own column)."""
    rows: Rows = {}
    for name, table in tables.items():
        keys = [column.name for column in table.primary_key.columns]
        assert keys, f"{name} has no primary key"
        columns = [c for c in table.columns if include_name(c.name, "column", {})]
        rows[name] = {
            tuple(row[key] for key in keys): dict(row)
            for row in connection.execute(select(*columns)).mappings()
        }
    return rows


def _kept(before: Rows, after: Rows) -> Rows:
    """The rows after the upgrade, cut to the tables and columns there were before."""
    return {
        name: {
            key: {column: row[column] for column in before[name][key] if column in row}
            if key in before[name]
            else row
            for key, row in after.get(name, {}).items()
        }
        for name in before
    }


def _country_upper(code: str) -> str:
    return code if code == "other" else code.upper()


# What an upgrade step rewrites on purpose: the step, the table and column, and how.
_REWRITES: tuple[tuple[str, str, str, Callable[[Any], Any]], ...] = (
    ("0006", "complaints", "destination_country", _country_upper),
)


def _as_upgraded(before: Rows, revision: str) -> Rows:
    """``before`` as the steps after ``revision`` mean to leave it."""
    expected = {
        name: {key: dict(row) for key, row in rows.items()} for name, rows in before.items()
    }
    for step, table, column, rewrite in _REWRITES:
        if step > revision:
            for row in expected.get(table, {}).values():
                row[column] = rewrite(row[column])
    return expected


_SERVICES = {"A": "jobs", "B": "placement", "C": "complaint", "D": "opp"}
_EVENTS = {
    "waiting": ("issued",),
    "called": ("issued", "called"),
    "serving": ("issued", "called", "started"),
    "done": ("issued", "called", "started", "finished"),
    "no_show": ("issued", "called", "no_show"),
    "transferred": ("issued", "called", "transferred"),
}
_SEALED = b"\x01k1\x00" + bytes(range(24))  # stands for an AES-GCM ciphertext
_SEALED_FIELDS = (
    *("reporter_name", "reporter_phone", "reporter_region", "worker_name", "worker_passport"),
    *("destination_city", "p3mi", "chronology", "request"),
)


@dataclass(frozen=True)
class _Filler:
    """Inserts plain rows through the tables a revision has; a missing table is skipped."""

    connection: Connection
    tables: Mapping[str, Table]
    zone: ZoneInfo
    today: date
    revision: str

    def add(self, table_name: str, /, **values: Any) -> Any:
        """Insert with the columns the table has at this revision; the new id, if any."""
        table = self.tables.get(table_name)
        if table is None:
            return None
        row = {key: value for key, value in values.items() if key in table.columns}
        key = self.connection.execute(table.insert().values(row)).inserted_primary_key
        return key[0] if key is not None and len(key) == 1 else None

    def written(self, table: str, column: str, value: Any) -> Any:
        """A value given in its oldest form, as the app at this revision writes it."""
        for step, name, field, rewrite in _REWRITES:
            if (name, field) == (table, column) and step <= self.revision:
                value = rewrite(value)
        return value

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def at(self, days_ago: int, hour: int, minute: int) -> datetime:
        """A local time ``days_ago`` days before today, in UTC."""
        return datetime.combine(self.day(days_ago), time(hour, minute), self.zone).astimezone(UTC)


def _fill(
    connection: Connection,
    tables: Mapping[str, Table],
    today: date,
    zone: ZoneInfo,
    revision: str,
) -> None:
    """A hall in use: its set-up, yesterday's and today's queue, jobs data and complaints.

    Values follow the revision files; a row keeps only the columns its table has at the
    revision built, so a column added later gets its default in the upgrade.
    """
    hall = _Filler(connection, tables, zone, today, revision)
    for position, (letter, code) in enumerate(_SERVICES.items()):
        quota = (200, 120, 80, 60)[position]
        hall.add(
            "services",
            code=code,
            letter=letter,
            daily_quota=quota,
            priority_allowed=True,
            position=position,
        )
    for number, codes in (
        (1, ("jobs", "placement")),
        (2, ("placement", "opp")),
        (3, ("complaint", "jobs")),
    ):
        hall.add("counters", number=number, location="Ruang KP2MI, Lantai 1")
        for code in codes:
            hall.add("counter_services", counter_number=number, service_code=code)
    staff = [
        hall.add(
            "staff",
            username=username,
            name=name,
            role=role,
            pin_hash=f"$argon2id$v=19$m=65536,t=3,p=4${username}$c2FsdA",
            failed_attempts=failed,
            locked_until=hall.at(0, 7, 55) if failed else None,
            active=True,
        )
        for username, name, role, failed in (
            ("siti", "Siti Rahayu", "officer", 0),
            ("budi", "Budi Santoso", "officer", 3),
            ("rina", "Rina Wulandari", "supervisor", 0),
        )
    ]
    posting = _fill_jobs(hall)
    _fill_queue(hall, staff, posting)
    _fill_complaints(hall, staff)
    _fill_outbox(hall)
    _fill_pulled(hall)
    hall.add("hall_key", id=1, key_id="k1", recorded_at=hall.at(1, 9, 0))


def _fill_jobs(hall: _Filler) -> Any:
    """Two P3MI, two exchange rates, two postings; the id of the first posting."""
    p3mi = [
        hall.add(
            "p3mi",
            licence_number=licence,
            name=name,
            name_key=name.removeprefix("PT ").lower(),
            status=status,
            valid_from=date(2024, 6, 1),
            valid_until=date(2029, 5, 31),
            head_office="Jl. Raya Kraksaan 12, Probolinggo",
            branches=branches,
            updated_at=hall.at(1, 6, 0),
        )
        for licence, name, status, branches in (
            ("B.2/123/PK.01.00/VI/2024", "PT Maju Bersama Sejahtera", "active", ["Malang"]),
            ("B.2/77/PK.01.00/II/2021", "PT Lama Berhenti", "revoked", []),
        )
    ]
    for currency, micros in (("TWD", 510_250_000), ("HKD", 2_070_400_000)):
        hall.add("exchange_rates", currency=currency, idr_micros=micros, as_of=hall.day(1))
    common = {
        "age_min": 21,
        "age_max": 40,
        "education": "smp",
        "requirements": ["Sehat jasmani", "Paspor"],
        "salary_period": "month",
        "working_hours": "8 jam sehari, 6 hari seminggu",
        "contract_months": 24,
        "benefits": ["Asrama", "BPJS Ketenagakerjaan"],
        "how_to_apply": "Datang ke loket KP2MI dengan KTP dan ijazah",
        "posted_on": hall.day(10),
        "closes_on": hall.day(-20),
        "source": "SISKOP2MI",
        "verified_on": hall.day(1),
        "updated_at": hall.at(1, 6, 0),
    }
    posting = hall.add(
        "postings",
        **common,
        feed_id="tw-2611-001",
        reference="L-261101-7KQ2",
        public_token="postingtw2611001token",
        position="Operator pabrik",
        sector="manufacturing",
        job_type=None,
        country="TW",
        city="Taoyuan",
        scheme="p_to_p",
        employer="Formosa Plastics",
        p3mi_id=p3mi[0],
        quota=30,
        gender="any",
        salary_minor=2_895_000,
        salary_currency="TWD",
        salary_idr=14_771_000,
        rate_date=hall.day(1),
        worker_cost_idr=12_500_000,
        worker_cost_note="Pelatihan bahasa dan sertifikasi",
        search_text="operator pabrik taoyuan formosa plastics",
    )
    hall.add(
        "postings",
        **common,
        feed_id="hk-2611-004",
        reference="L-261101-M3XZ",
        public_token="postinghk2611004token",
        position="Penata laksana rumah tangga",
        sector="domestic",
        job_type="housekeeper",
        country="HK",
        city="Hong Kong",
        scheme="g_to_g",
        employer="Keluarga Chan",
        p3mi_id=None,
        quota=2,
        gender="female",
        salary_minor=499_000,
        salary_currency="HKD",
        salary_idr=None,
        rate_date=None,
        worker_cost_idr=0,
        worker_cost_note="Biaya penempatan dibebaskan",
        search_text="penata laksana rumah tangga hong kong keluarga chan",
    )
    return posting


def _fill_queue(hall: _Filler, staff: list[Any], posting: Any) -> None:
    """Service days and tickets with their events, yesterday's and today's."""
    siti, budi, _ = staff
    for code, days_ago, last, closed, quota, revision in (
        ("jobs", 1, 2, False, None, 0),
        ("opp", 1, 0, True, None, 1),
        ("jobs", 0, 3, False, None, 0),
        ("placement", 0, 2, False, None, 0),
        ("complaint", 0, 1, False, 40, 2),
    ):
        hall.add(
            "service_days",
            service_code=code,
            day=hall.day(days_ago),
            last_number=last,
            closed=closed,
            quota=quota,
            revision=revision,
        )
    visits = (  # number, days ago, what happened, at which counter, by whom
        ("A-001", 1, "done", 1, siti),
        ("A-002", 1, "done", 3, budi),
        ("A-001", 0, "done", 1, siti),
        ("A-002", 0, "serving", 1, siti),
        ("A-003", 0, "waiting", None, None),
        ("B-001", 0, "no_show", 2, siti),
        ("B-002", 0, "transferred", 2, siti),
        ("C-001", 0, "called", 3, budi),
    )
    for index, (number, days_ago, happened, counter, officer) in enumerate(visits):
        issued, moved = _SERVICES[number[0]], happened == "transferred"
        issued_at = hall.at(days_ago, 8, 2 * index)
        ticket = hall.add(
            "tickets",
            issued_service=issued,
            service_code="complaint" if moved else issued,
            day=hall.day(days_ago),
            sequence=int(number[2:]),
            number=number,
            priority=number == "A-003",
            state="waiting" if moved else happened,
            issued_at=issued_at,
            queued_at=issued_at + timedelta(minutes=6 if moved else 0),
            counter_number=None if moved else counter,
            reference=f"Q-{hall.day(days_ago):%y%m%d}-{index:02d}AB",
            public_token=f"ticket{days_ago}{index:02d}token",
            posting_id=posting if happened == "serving" else None,
            slip=("printed", "failed", "printing", None)[index % 4],
        )
        for step, kind in enumerate(_EVENTS[happened]):
            hall.add(
                "ticket_events",
                ticket_id=ticket,
                kind=kind,
                at=issued_at + timedelta(minutes=3 * step),
                counter_number=counter if step else None,
                staff_id=officer if step else None,
                service_code="complaint" if kind == "transferred" else None,
            )
        if happened == "done":  # the visitor answered the satisfaction survey
            hall.add(
                "survey_answers",
                ticket_id=ticket,
                service_code=issued,
                day=hall.day(days_ago),
                answered_at=issued_at + timedelta(hours=1),
                channel="kiosk",
                **{f"u{n}": 1 + (n + index) % 4 for n in range(1, 10)},
            )


def _fill_complaints(hall: _Filler, staff: list[Any]) -> None:
    """Two complaints with sealed personal fields, one with its notes; the access log."""
    siti, _, rina = staff
    sealed = {name: _SEALED + name.encode() for name in _SEALED_FIELDS}
    complaints = [
        hall.add(
            "complaints",
            **sealed,
            reference=reference,
            public_token=f"complaint{days_ago}token",
            created_at=hall.at(days_ago, 9, 30),
            day=hall.day(days_ago),
            status=status,
            urgent=days_ago == 1,
            categories=categories,
            relation=relation,
            worker_gender="female",
            destination_country=hall.written("complaints", "destination_country", country),
            departure_year=2023,
            official_channel="no" if days_ago else "yes",
            consent_proof="1:3f2a9c0b7d1e4f56",
            consent_language="id",
            consented_at=hall.at(days_ago, 9, 25),
            key_id="k1",
            reporter_nik=_SEALED + b"nik" if relation == "self" else None,
            worker_nik=None,
            employer=None,
            job=None,
        )
        for reference, days_ago, status, categories, relation, country in (
            ("P-261121-9QW4", 1, "in_progress", "unpaid_wages documents_held", "mother", "my"),
            ("P-261123-H7TD", 0, "received", "lost_contact", "self", "hk"),
        )
    ]
    for complaint, officer, action, minute in (
        (complaints[0], rina, "open", 10),
        (complaints[0], siti, "reprint", 40),
        (complaints[1], siti, "open", 50),
    ):
        hall.add(
            "complaint_access",
            complaint_id=complaint,
            staff_id=officer,
            at=hall.at(0, 10, minute),
            action=action,
        )
    for officer, status_from, status_to, note, minute in (
        (rina, "received", "verified", None, 15),
        (siti, None, None, _SEALED + b"called the agency", 20),
        (rina, "verified", "in_progress", _SEALED + b"sent on to BP3MI", 30),
    ):
        hall.add(
            "complaint_notes",
            complaint_id=complaints[0],
            at=hall.at(0, 10, minute),
            staff_id=officer,
            status_from=status_from,
            status_to=status_to,
            text=note,
        )


def _fill_outbox(hall: _Filler) -> None:
    """The hall's token and state, and three outbox entries: sent, refused and waiting."""
    hall.add(
        "sync_state",
        id=1,
        hall_token="HALLTOKEN234567ABCDEFGHIJK",
        hall_state='{"name": "MPP Kabupaten Probolinggo"}',
    )
    for entry_id, kind, minute, sent, refused in (
        ("0192f3a0-0000-7000-8000-000000000001", "ticket.issued", 2, True, None),
        ("0192f3a0-0000-7000-8000-000000000002", "ticket.event", 5, False, "unknown ticket"),
        ("0192f3a0-0000-7000-8000-000000000003", "complaint.status", 15, False, None),
    ):
        hall.add(
            "outbox",
            id=entry_id,
            kind=kind,
            token="TICKETTOKEN234567ABCDEFGHI",
            occurred_at=hall.at(0, 8, minute),
            payload='{"event": "called", "counter_number": 1, "service_code": "jobs"}',
            sent_at=hall.at(0, 8, minute + 1) if sent else None,
            refused_reason=refused,
            attempts=1 if sent or refused else 0,
        )


def _fill_pulled(hall: _Filler) -> None:
    """The pull cursor, and the centre's word on a complaint with one public note."""
    hall.add("pull_state", id=1, cursor="c4.p2.m1.r1", pulled_at=hall.at(0, 11, 0))
    note = {"note_id": "0192f3a0-0000-7000-8000-0000000000aa", "text": "Diteruskan ke BP3MI."}
    hall.add(
        "central_complaints",
        token="COMPLAINTTOKEN234567ABCDEF",
        status="in_progress",
        changed_at=hall.at(0, 10, 45),
        public_notes=[{**note, "known_at": "2026-11-23T04:00:00+00:00"}],
        pulled_at=hall.at(0, 11, 0),
    )
