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


def waiting(scope: Scope, *, service: str, band: WaitBand | None = None) -> str:
    """Referrals still waiting for a first contact at the as-at date.

    Discharged before a first contact counts as off the list. ``band`` sets
    ``counted``; the measure is weeks waited so far.
    """
    day = scope.day
    days = f"datediff('day', referraldate, {day})"
    counted = {
        None: "true",
        "0_18": scope.within(days, 18),
        "18_52": f"(NOT {scope.within(days, 18)} AND {scope.within(days, 52)})",
        "over_52": f"(NOT {scope.within(days, 52)})",
    }[band]
    return f"""
        SELECT referralid AS row_id, NULL::VARCHAR AS requeststableid,
            CASE WHEN referraldate IS NULL THEN '{MISSING_REFERRAL_DATE}' END AS excluded,
            coalesce({counted}, false) AS counted,
            {days} / 7.0 AS measure,
            referraldate, pathway, ageband
        FROM referrals
        WHERE service = {_literal(service)}
            AND coalesce(referraldate <= {day}, true)
            AND coalesce(firstcontactdate > {day}, true)
            AND coalesce(dischargedate > {day}, true)
    """


def seen(scope: Scope, *, service: str) -> str:
    """Referrals first seen in the period, ``counted`` when within the service's standard."""
    weeks = scope.options.waiting_standard_weeks(service)
    days = "datediff('day', referraldate, firstcontactdate)"
    return f"""
        SELECT referralid AS row_id, NULL::VARCHAR AS requeststableid,
            CASE
                WHEN referraldate IS NULL THEN '{MISSING_REFERRAL_DATE}'
                WHEN firstcontactdate < referraldate THEN '{CONTACT_BEFORE_REFERRAL}'
            END AS excluded,
            coalesce({scope.within(days, weeks)}, false) AS counted,
            {days} / 7.0 AS measure,
            referraldate, firstcontactdate, pathway, ageband
        FROM referrals
        WHERE service = {_literal(service)} AND {scope.in_period("firstcontactdate")}
    """
