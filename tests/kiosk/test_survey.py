"""The satisfaction survey (SKM): the index's arithmetic on worked examples, who may answer,
the report per service, and ``mpp-kiosk report skm``."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.errors import InvalidInput
from kiosk.hall import Hall
from kiosk.models import SurveyAnswer
from kiosk.survey.index import ELEMENTS, grade_of, rounded, skm_index
from kiosk.survey.questions import questions
from kiosk.survey.service import SurveyService
from tests.helpers.clock import FakeClock

GOOD = (4, 3, 3, 4, 3, 4, 4, 3, 2)


def test_nine_fours_make_100_exactly_not_the_99_90_of_a_0_111_weight() -> None:
    found = skm_index([(4,) * 9])
    assert found is not None
    assert found.index == Decimal("100.00")
    assert found.grade == "A"
    assert rounded(Fraction(4 * 9) * Fraction("0.111") * 25) == Decimal("99.90")


def test_a_worked_example_of_three_respondents() -> None:
    answers = [GOOD, (3, 3, 4, 4, 3, 3, 4, 3, 3), (4, 2, 3, 4, 3, 4, 4, 2, 3)]
    found = skm_index(answers)
    assert found is not None
    assert found.respondents == 3
    # U1 (4+3+4)/3, U2 (3+3+2)/3 ... U9 (2+3+3)/3: the nine means add up to 89/3.
    assert found.means == tuple(Fraction(n, 3) for n in (11, 8, 10, 12, 9, 11, 12, 8, 8))
    # 89/3 / 9 × 25 = 2225/27 = 82.407… → 82.41, grade B; a weight of 0.111 gives 82.33.
    assert found.index == Decimal("82.41")
    assert found.grade == "B"
    assert rounded(Fraction(89, 3) * Fraction("0.111") * 25) == Decimal("82.33")


def test_all_threes_and_all_ones() -> None:
    threes, ones = skm_index([(3,) * 9] * 5), skm_index([(1,) * 9])
    assert threes is not None
    assert ones is not None
    assert (threes.index, threes.grade) == (Decimal("75.00"), "C")
    assert (ones.index, ones.grade) == (Decimal("25.00"), "D")
    assert skm_index([]) is None


@pytest.mark.parametrize(
    ("index", "grade"),
    [
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
    ],
)
def test_the_grades_bounds(index: str, grade: str) -> None:
    assert grade_of(Decimal(index)) == grade


def test_rounding_is_half_up_once_at_the_end() -> None:
    assert rounded(Fraction(88305, 1000)) == Decimal("88.31")
    assert grade_of(rounded(Fraction(88305, 1000))) == "A"
    assert rounded(Fraction(76605, 1000)) == Decimal("76.61")


@pytest.mark.parametrize("answer", [(4,) * 8, (4,) * 10, (0, 4, 4, 4, 4, 4, 4, 4, 4), (5,) * 9])
def test_an_answer_that_is_not_nine_values_of_1_to_4_is_refused(
    answer: tuple[int, ...],
) -> None:
    with pytest.raises(ValueError, match="nine values of 1 to 4"):
        skm_index([answer])  # type: ignore[list-item]


def _served(hall: Hall, service: str = "jobs") -> str:
    issued = hall.queue.issue_ticket(service)
    counter = 1 if service == "jobs" else 3
    hall.queue.call_next(counter)
    hall.queue.start(counter)
    hall.queue.finish(counter)
    return issued.reference


def _answers(hall: Hall) -> int:
    with hall.db.reads() as session:
        return session.scalar(select(func.count()).select_from(SurveyAnswer)) or 0


@pytest.fixture
def survey(hall: Hall) -> SurveyService:
    return hall.survey


def test_a_served_ticket_answers_once_and_only_it(hall: Hall, survey: SurveyService) -> None:
    reference = _served(hall)
    assert survey.check(reference.lower()) == reference  # typed as people type it
    survey.submit(reference, GOOD)
    with pytest.raises(InvalidInput) as twice:
        survey.submit(reference, GOOD)
    assert twice.value.key == "survey.answered"
    assert twice.value.message("en") == (
        "The survey for this ticket has been answered already. Thank you."
    )
    waiting = hall.queue.issue_ticket("jobs").reference
    for reference, key in (
        (waiting, "survey.not_served"),
        ("P-261123-7K3M", "survey.not_a_ticket"),
        ("not a reference", "survey.not_a_ticket"),
        ("Q-261123-7K3M", "survey.unknown_ticket"),
    ):
        with pytest.raises(InvalidInput) as refused:
            survey.submit(reference, GOOD)
        assert refused.value.key == key
    assert _answers(hall) == 1


@pytest.mark.parametrize("answers", [GOOD[:8], (*GOOD[:8], 5), (*GOOD[:8], True), ()])
def test_incomplete_answers_write_nothing(
    hall: Hall, survey: SurveyService, answers: tuple[int, ...]
) -> None:
    reference = _served(hall)
    with pytest.raises(InvalidInput) as refused:
        survey.submit(reference, answers)
    assert refused.value.key == "survey.incomplete"
    assert _answers(hall) == 0
    survey.submit(reference, GOOD)  # the ticket may still answer
    assert _answers(hall) == 1


def test_a_ticket_answers_up_to_30_days_after_its_day(
    hall: Hall, survey: SurveyService, clock: FakeClock
) -> None:
    early, late = _served(hall), _served(hall)
    clock.advance(minutes=30 * 24 * 60)
    survey.submit(early, GOOD)
    clock.advance(minutes=24 * 60)
    with pytest.raises(InvalidInput) as refused:
        survey.submit(late, GOOD)
    assert refused.value.message("id") == (
        "Survei hanya dapat diisi sampai 30 hari setelah kunjungan."
    )


def test_the_report_gives_the_hall_and_each_service(hall: Hall, survey: SurveyService) -> None:
    survey.submit(_served(hall, "jobs"), (4,) * 9)
    survey.submit(_served(hall, "jobs"), (3,) * 9)
    survey.submit(_served(hall, "complaint"), (2,) * 9)
    day = hall.today()
    report = survey.report(day, day)
    rows = {row.code: row for row in report.rows}
    assert list(rows) == [None, "jobs", "placement", "complaint", "opp"]
    hall_row, jobs, complaint = rows[None], rows["jobs"], rows["complaint"]
    assert hall_row.index is not None
    assert jobs.index is not None
    assert complaint.index is not None
    assert (hall_row.index.respondents, hall_row.index.index) == (3, Decimal("75.00"))
    assert (jobs.index.index, jobs.index.grade) == (Decimal("87.50"), "B")
    assert (complaint.index.index, complaint.index.grade) == (Decimal("50.00"), "D")
    assert rows["placement"].index is None
    only = survey.report(day, day, "complaint")
    assert [row.code for row in only.rows] == ["complaint"]
    assert survey.report(day - timedelta(days=1), day - timedelta(days=1)).rows[0].index is None
    for wrong, key in (
        ((day, day - timedelta(days=1), None), "survey.bad_period"),
        ((day, day, "nope"), "survey.unknown_service"),
    ):
        with pytest.raises(InvalidInput) as refused:
            survey.report(*wrong)
        assert refused.value.key == key


def test_report_skm_writes_csv_and_a_pdf(
    hall: Hall,
    survey: SurveyService,
    config_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    survey.submit(_served(hall, "jobs"), GOOD)
    day = hall.today().isoformat()
    assert main(["--config", str(config_file), "report", "skm", "--from", day]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [
        "Layanan",
        "Responden",
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "U7",
        "U8",
        "U9",
        "Indeks",
        "Mutu",
    ]
    assert rows[2][:2] == ["Informasi Lowongan Kerja", "1"]
    assert rows[2][-2:] == ["83.33", "B (Baik)"]
    assert rows[3][1:3] == ["0", "–"]
    pdf = tmp_path / "skm.pdf"
    args = ["--config", str(config_file), "report", "skm", "--from", day, "--to", day]
    assert main([*args, "--format", "pdf", "--output", str(pdf)]) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Indeks Kepuasan Masyarakat (SKM)" in text
    assert "83.33" in text
    assert "tepat 1/9" in text


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--from", "2026-13-01"], "--from '2026-13-01' is not a date like 2026-11-23"),
        (["--from", "2026-11-23", "--to", "2026-11-01"], "Tanggal akhir tidak boleh sebelum"),
        (["--service", "nope"], "Layanan nope tidak ada di ruang layanan ini."),
    ],
)
def test_report_skm_refuses_bad_flags_in_one_line(
    config_file: Path, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    assert main(["--config", str(config_file), "report", "skm", *flags]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("language", ["id", "en"])
def test_nine_questions_with_four_answers_each_in_both_languages(language: str) -> None:
    asked = questions(language)
    assert [q.element for q in asked] == list(ELEMENTS)
    assert all(q.heading and q.text.endswith(("?", ".)")) for q in asked)
    assert all(len(set(q.choices)) == 4 and all(q.choices) for q in asked)
    assert questions("id")[3].choices[3] == "Gratis"
