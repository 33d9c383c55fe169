"""The job slip ("Cetak info lowongan"): a vacancy's facts, its QR link and reference L-…."""

from __future__ import annotations

from kiosk.i18n import translate
from kiosk.jobs.postings import PostingDetail
from kiosk.jobs.wording import (
    date_text,
    licence_text,
    salary_idr_text,
    salary_text,
    worker_cost_text,
)
from kiosk.references import public_url
from kiosk.settings import Settings
from kiosk.slips import footer_text
from kiosk.vocab import country_name
from printing import Slip


def job_slip(detail: PostingDetail, settings: Settings, language: str) -> Slip:
    """Country, position, salary (currency and rupiah), cost, licence, warning, QR, reference.

    The country is the headline: it fits the roll in large type, where a long position
    would be cut; the position follows in full as the first row.
    """
    rows = [
        (translate("jobsui.position", language), detail.position),
        (translate("jobsui.city", language), detail.city),
        (
            translate("jobsui.salary", language),
            salary_text(detail.salary, detail.salary_period, language),
        ),
    ]
    if detail.salary_idr is not None:
        rows.append(("", salary_idr_text(detail.salary_idr, detail.salary_period, language)))
    rows.append(
        (
            translate("jobsui.contract", language),
            translate("jobsui.months", language, months=detail.contract_months),
        )
    )
    if detail.p3mi is not None:
        rows += [
            (translate("jobsui.p3mi", language), detail.p3mi.name),
            (translate("jobsui.licence", language), detail.p3mi.licence_number),
        ]
    rows += [
        (translate("jobsui.licence_status", language), licence_text(detail.p3mi, language)),
        (translate("jobsui.closes", language), date_text(detail.closes_on, language)),
    ]
    return Slip(
        agency=settings.site.agency,
        site=settings.site.name,
        headline_label=translate("jobsui.slip_headline", language),
        headline=country_name(detail.country, language),
        badge=translate("jobs.zero_cost", language).upper() if detail.zero_cost else None,
        rows=tuple(rows),
        qr_url=public_url(settings.central.base_url, detail.public_token),
        reference=detail.reference,
        notes=(
            worker_cost_text(detail, language),
            translate("jobsui.how_to_apply_note", language, how=detail.how_to_apply),
            translate("jobs.broker_warning", language),
            translate("jobsui.slip_scan", language),
        ),
        footer=footer_text(settings, language),
    )
