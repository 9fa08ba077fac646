import datetime

from sendboard.risks import services
from sendboard.risks.models import Risk

SCORES = {"likelihood": 4, "impact": 5, "residual_likelihood": 3, "residual_impact": 4}


def add_risk(partnership, *, owner, by, **changes) -> Risk:
    """A risk added through the service, as an editor adds it: with its first score row."""
    fields = {
        "title": "ND pathway provider closes its waiting list for assessment",
        "category": Risk.Category.SERVICE,
        "owner": owner,
        **SCORES,
        **changes,
    }
    return services.risk_create(partnership=partnership, **fields, by=by)


def review(risk: Risk, *, by, likelihood: int, impact: int, on: datetime.date | None = None):
    services.risk_review(
        risk=risk,
        residual_likelihood=likelihood,
        residual_impact=impact,
        note="Reviewed at the operations board",
        reviewed_on=on,
        opened_version=None,
        by=by,
    )
    risk.refresh_from_db()
