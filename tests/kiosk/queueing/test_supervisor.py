"""The supervisor's day (open, close, quota, day report): the core refuses anyone else."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import update

from kiosk.hall import Hall
from kiosk.models import Staff
from kiosk.queueing import QueueError, QueueService
from kiosk.staff import StaffMember
from tests.helpers.queue_site import MONDAY_9
from tests.helpers.staff import officer, supervisor


def _attempts(queue: QueueService, actor: StaffMember) -> dict[str, Callable[[], object]]:
    return {
        "close": lambda: queue.close_today("jobs", actor),
        "open": lambda: queue.open_today("jobs", actor),
        "quota": lambda: queue.set_quota_today("jobs", 3, actor),
        "report": lambda: queue.day_report(MONDAY_9.date(), actor),
    }


@pytest.mark.parametrize("operation", ["close", "open", "quota", "report"])
def test_an_officer_is_refused_and_nothing_changes(
    hall: Hall, queue: QueueService, operation: str
) -> None:
    before = queue.services_status(), queue.change_marker()
    with pytest.raises(QueueError) as refused:
        _attempts(queue, officer(hall))[operation]()
    assert refused.value.key == "queue.supervisors_only"
    assert "siti" in refused.value.message("en")
    assert "supervisor" in refused.value.message("id")
    assert (queue.services_status(), queue.change_marker()) == before


def test_a_supervisor_no_longer_active_is_refused(hall: Hall, queue: QueueService) -> None:
    kepala = supervisor(hall)
    queue.close_today("jobs", kepala)
    with hall.db.sessions.begin() as session:
        session.execute(update(Staff).where(Staff.id == kepala.id).values(active=False))
    with pytest.raises(QueueError, match="supervisors_only"):
        queue.open_today("jobs", kepala)
    assert next(s for s in queue.services_status() if s.code == "jobs").closed_today


def test_a_member_claiming_the_role_is_checked_against_the_database(
    hall: Hall, queue: QueueService
) -> None:
    siti = officer(hall)
    forged = StaffMember(id=siti.id, username=siti.username, name=siti.name, role="supervisor")
    with pytest.raises(QueueError, match="supervisors_only"):
        queue.close_today("jobs", forged)


def test_a_supervisor_runs_the_day(hall: Hall, queue: QueueService) -> None:
    kepala = supervisor(hall)
    assert queue.close_today("jobs", kepala).closed
    assert not queue.open_today("jobs", kepala).closed
    assert queue.set_quota_today("jobs", 3, kepala).quota == 3
    assert queue.day_report(MONDAY_9.date(), kepala).rows[0].issued == 0
