"""Northshire's risk register: about fifteen risks, each with a year of reviews behind it."""

import pytest

from sendboard.demo.tests.building import TODAY
from sendboard.meetings.models import MinuteEntry
from sendboard.risks.models import Risk, RiskReview
from sendboard.risks.queries import register_summary


@pytest.fixture
def risks(demo, db):
    return demo.risks.all()


def test_the_register_holds_about_fifteen_risks_across_the_categories(risks):
    assert 13 <= risks.count() <= 17
    assert len(set(risks.values_list("category", flat=True))) >= 6
    for risk in risks:
        assert risk.inherent_score >= risk.residual_score
        assert risk.mitigations.exists()


def test_the_waiting_list_closure_is_a_risk_linked_to_the_nd_lines(risks):
    closure = risks.get(title__icontains="closes its waiting list")
    assert closure.escalated_to_board
    assert {"4.2", "4.7"} <= set(closure.plan_actions.values_list("reference", flat=True))
    peak = max(review.residual_score for review in closure.reviews.all())
    assert peak > closure.residual_score


def test_every_risk_has_a_dated_score_history(risks):
    for risk in risks:
        reviews = list(risk.reviews.order_by("reviewed_on", "pk"))
        assert reviews[0].kind == RiskReview.Kind.ADDED
        assert len(reviews) >= 2
        assert reviews[0].reviewed_on < reviews[-1].reviewed_on <= TODAY
        assert all(review.written_at.date() == review.reviewed_on for review in reviews)
        assert risk.history.earliest("history_date").history_date.date() == reviews[0].reviewed_on


def test_two_risks_are_with_the_board_one_is_closed_and_one_review_is_overdue(demo, risks):
    summary = register_summary(demo, as_at=TODAY)
    assert risks.filter(escalated_to_board=True, escalated_on__lt=TODAY).count() == 2
    assert risks.filter(status=Risk.Status.CLOSED).count() == 1
    assert len(summary.overdue) == 1
    assert risks.filter(plan_actions__isnull=False).distinct().count() >= 10


def test_the_board_minutes_each_escalation_with_its_score_from_the_register(demo, board):
    for risk in demo.risks.filter(escalated_to_board=True):
        minuted = MinuteEntry.objects.get(
            item__meeting__group=board, kind="escalation", text__contains=risk.title
        )
        meeting = minuted.item.meeting
        latest = risk.reviews.filter(reviewed_on__lte=meeting.date).last()
        assert risk.escalated_on < meeting.date
        assert f"scored {latest.residual_score} out of 25" in minuted.text
        assert minuted.escalated_from.name == "Strategic Delivery Group"
