"""Health waiting lists: referral to first contact only, never referral to diagnosis.

The number waiting and their median wait are taken at the as-at date (incomplete
waits, as NHS waiting-list statistics are); "% seen within the standard" is of those
first seen in the period.
"""

import re
from typing import Literal

from sendboard.casework.engine.results import Scope

WaitBand = Literal["0_18", "18_52", "over_52"]

MISSING_REFERRAL_DATE = "missing referral date"
CONTACT_BEFORE_REFERRAL = "first contact dated before the referral"


def service_slug(service: str) -> str:
    """`SALT` -> `salt`, `Autism (ASD)` -> `autism_asd`: the part of an indicator code."""
    return re.sub(r"[^a-z0-9]+", "_", service.lower()).strip("_")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


BANDS: tuple[WaitBand, ...] = ("0_18", "18_52", "over_52")


def _band_sql(scope: Scope, band: WaitBand | None, days: str) -> str:
    return {
        None: "true",
        "0_18": scope.within(days, 18),
        "18_52": f"(NOT {scope.within(days, 18)} AND {scope.within(days, 52)})",
        "over_52": f"(NOT {scope.within(days, 52)})",
    }[band]


def waiting_rows(scope: Scope, *, service: str | None = None) -> str:
    """Referrals still waiting for a first contact at the as-at date, one row each with
    ``service`` and a ``counted_<band>`` flag per band; every service when ``service``
    is None (the full set is computed from one scan)."""
    day = scope.day
    days = f"datediff('day', referraldate, {day})"
    flags = ", ".join(
        f"coalesce({_band_sql(scope, band, days)}, false) AS counted_{band}" for band in BANDS
    )
    which = "true" if service is None else f"service = {_literal(service)}"
    return f"""
        SELECT referralid AS row_id, NULL::VARCHAR AS requeststableid, service,
            CASE WHEN referraldate IS NULL THEN '{MISSING_REFERRAL_DATE}' END AS excluded,
            {flags},
            {days} / 7.0 AS measure,
            referraldate, pathway, ageband
        FROM referrals
        WHERE {which}
            AND coalesce(referraldate <= {day}, true)
            AND coalesce(firstcontactdate > {day}, true)
            AND coalesce(dischargedate > {day}, true)
    """


def waiting(scope: Scope, *, service: str, band: WaitBand | None = None) -> str:
    """Referrals still waiting for a first contact at the as-at date.

    Discharged before a first contact counts as off the list. ``band`` sets
    ``counted``; the measure is weeks waited so far.
    """
    counted = "true" if band is None else f"counted_{band}"
    return f"""
        SELECT row_id, requeststableid, excluded, {counted} AS counted, measure,
            referraldate, pathway, ageband
        FROM ({waiting_rows(scope, service=service)})
    """


def seen_rows(scope: Scope, *, services: tuple[str, ...]) -> str:
    """Referrals of ``services`` first seen in the period, with ``service``; ``counted``
    when within that service's standard (one scan serves every service)."""
    days = "datediff('day', referraldate, firstcontactdate)"
    standards = " ".join(
        f"WHEN service = {_literal(service)}"
        f" THEN {scope.within(days, scope.options.waiting_standard_weeks(service))}"
        for service in services
    )
    return f"""
        SELECT referralid AS row_id, NULL::VARCHAR AS requeststableid, service,
            CASE
                WHEN referraldate IS NULL THEN '{MISSING_REFERRAL_DATE}'
                WHEN firstcontactdate < referraldate THEN '{CONTACT_BEFORE_REFERRAL}'
            END AS excluded,
            coalesce(CASE {standards} END, false) AS counted,
            {days} / 7.0 AS measure,
            referraldate, firstcontactdate, pathway, ageband
        FROM referrals
        WHERE service IN ({", ".join(_literal(s) for s in services)})
            AND {scope.in_period("firstcontactdate")}
    """


def seen(scope: Scope, *, service: str) -> str:
    """Referrals first seen in the period, ``counted`` when within the service's standard."""
    return f"""
        SELECT row_id, requeststableid, excluded, counted, measure,
            referraldate, firstcontactdate, pathway, ageband
        FROM ({seen_rows(scope, services=(service,))})
    """
