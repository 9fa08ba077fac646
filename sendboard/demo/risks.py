"""Northshire's SEND risk register, reviewed through the plan's year.

Each risk is added, reviewed and mitigated through the risk register's services on
the days the story gives; the services date their records "today", so the demo
re-dates them as the plan's story does.
"""

import datetime
from collections.abc import Callable

from django.contrib.auth.models import User

from sendboard.demo import risk_content as words
from sendboard.demo.cast import Cast
from sendboard.demo.plan import AGENDA_TITLE, AUTHORS, last_day, plan_months
from sendboard.governance.models import Group, Partnership
from sendboard.lib.periods import add_months
from sendboard.meetings.models import Meeting, MinuteEntry
from sendboard.plans.models import PlanAction
from sendboard.risks.models import Mitigation, Risk, RiskReview
from sendboard.risks.services import (
    mitigation_add,
    mitigation_complete,
    risk_close,
    risk_create,
    risk_escalate,
    risk_review,
)

REPORTER = "dcs"  # chairs the Strategic Delivery Group, which keeps the register
REVIEW_DAY = 10  # owners review their risks before the Strategic Delivery Group meets


class RiskStory:
    def __init__(self, cast: Cast, plan_lines: dict[str, PlanAction]) -> None:
        self.cast = cast
        self.months = plan_months(cast.today)
        self.plan_lines = plan_lines
        self.editor = cast.users["editor"]

    def minute(
        self, meeting: Meeting, entry: Callable[..., MinuteEntry], escalated_from: Group
    ) -> None:
        """Minute the risks escalated since the Board last met, with their latest scores."""
        before = meeting.group.meetings.filter(date__lt=meeting.date).order_by("-date").first()
        since = before.date if before else meeting.date - datetime.timedelta(days=31)
        risks = Risk.objects.filter(
            partnership=meeting.group.partnership,
            escalated_on__gte=since,
            escalated_on__lt=meeting.date,
        )
        item = meeting.items.get(title=AGENDA_TITLE)
        for risk in risks.order_by("reference"):
            latest = risk.reviews.filter(reviewed_on__lte=meeting.date).last()
            entry(
                item,
                "escalation",
                f"The {escalated_from.name} escalated risk {risk.reference}, {risk.title}: "
                f"scored {latest.residual_score} out of 25 after mitigation at its review on "
                f"{latest.reviewed_on:%-d %B %Y}, against {risk.inherent_score} before.",
                REPORTER,
                escalated_from=escalated_from,
            )
            entry(item, "decision", words.ESCALATION_DECISION, "chair")

    def day(self, month: int, day: int = REVIEW_DAY) -> datetime.date:
        return min(self.months[month].replace(day=day), self.cast.today)

    def build(self) -> list[Risk]:
        return [self.risk_build(spec) for spec in words.RISKS]

    def author(self, spec: words.RiskSpec) -> User:
        return self.cast.users[spec.owner] if spec.owner in AUTHORS else self.editor

    def risk_build(self, spec: words.RiskSpec) -> Risk:
        (added, likelihood, impact, _note), *reviews = spec.scores
        day = self.day(added)
        moment = self.cast.on(day)
        risk = risk_create(
            partnership=self.cast.people[spec.owner].partnership,
            title=spec.title,
            description=spec.description,
            category=spec.category,
            owner=self.cast.people[spec.owner],
            likelihood=spec.inherent[0],
            impact=spec.inherent[1],
            residual_likelihood=likelihood,
            residual_impact=impact,
            target_likelihood=spec.target[0],
            target_impact=spec.target[1],
            review_every_months=spec.every,
            review_due_on=add_months(day, spec.every),
            plan_actions=[self.plan_lines[reference] for reference in spec.lines],
            by=self.editor,
        )
        RiskReview.objects.filter(risk=risk).update(reviewed_on=day, written_at=moment)
        for text, owner, due, done in spec.mitigations:
            self.mitigate(risk, text, owner, due, done, added=added)
        for month, likelihood, impact, note in reviews:
            if spec.escalated is not None and spec.escalated <= month:
                self.escalate(risk, spec.escalated)
            self.review(risk, spec, month, likelihood, impact, note)
        if spec.closed:
            month, reason = spec.closed
            self.cast.on(self.day(month))
            risk_close(risk=risk, reason=reason, closed_on=self.day(month), by=self.editor)
        return risk

    def mitigate(
        self, risk: Risk, text: str, owner: str, due: int, done: int | None, *, added: int
    ) -> None:
        self.cast.on(self.day(added))
        mitigation = mitigation_add(
            risk=risk,
            text=text,
            owner=self.cast.people[owner],
            due_on=last_day(add_months(self.months[0], due)),
            by=self.editor,
        )
        if done is not None and self.day(done) <= self.cast.today:
            self.cast.on(self.day(done, 20))
            mitigation_complete(mitigation=mitigation, done_on=self.day(done, 20), by=self.editor)

    def escalate(self, risk: Risk, month: int) -> None:
        if risk.escalated_to_board:
            return
        day = self.day(month, 1)
        self.cast.on(day)
        risk_escalate(risk=risk, by=self.cast.users["manager"])
        risk.escalated_on = day
        Risk.objects.filter(pk=risk.pk).update(escalated_on=day)

    def review(
        self, risk: Risk, spec: words.RiskSpec, month: int, likelihood: int, impact: int, note: str
    ) -> None:
        day = self.day(month)
        moment = self.cast.on(day)
        review = risk_review(
            risk=risk,
            residual_likelihood=likelihood,
            residual_impact=impact,
            note=note,
            reviewed_on=day,
            opened_version=None,
            by=self.author(spec),
        )
        RiskReview.objects.filter(pk=review.pk).update(written_at=moment)


def risks_remove(*, partnership: Partnership) -> None:
    """Delete the partnership's risks with their history, so no rebuilt risk inherits it."""
    risks = set(Risk.history.filter(partnership_id=partnership.pk).values_list("id", flat=True))
    for model, found in [
        (Mitigation, {"risk_id__in": risks}),
        (Risk, {"id__in": risks}),
    ]:
        model.objects.filter(**found).delete()
        model.history.filter(**found).delete()
