"""Changing the register: scores, reviews, mitigations, escalation, closing, bands."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sendboard.core.services import StaleEdit
from sendboard.governance.tests.factories import PartnershipFactory, PersonFactory
from sendboard.lib.periods import add_months
from sendboard.plans.tests.factories import PlanActionFactory
from sendboard.risks import services
from sendboard.risks.models import Risk, RiskReview
from sendboard.risks.queries import bands_for
from sendboard.risks.scoring import Band
from sendboard.risks.tests.factories import SCORES, add_risk, review

TODAY = timezone.localdate()


def _fields(risk: Risk, **changes) -> dict:
    names = [
        "title",
        "description",
        "category",
        "category_other",
        "owner",
        "likelihood",
        "impact",
        "residual_likelihood",
        "residual_impact",
        "target_likelihood",
        "target_impact",
        "review_every_months",
        "review_due_on",
    ]
    return {**{name: getattr(risk, name) for name in names}, **changes}


def test_a_new_risk_takes_the_next_reference_and_records_its_first_scores(risk, people):
    assert risk.reference == "R01"
    assert (risk.inherent_score, risk.residual_score) == (20, 12)
    assert risk.review_due_on == add_months(TODAY, 3)
    first = risk.reviews.get()
    assert first.kind == RiskReview.Kind.ADDED
    assert (first.inherent_score, first.residual_score) == (20, 12)
    second = add_risk(risk.partnership, owner=people["member"], by=people["editor"].user)
    assert second.reference == "R02"


def test_a_reference_already_on_the_register_is_refused(risk, people):
    with pytest.raises(ValidationError) as refused:
        add_risk(
            risk.partnership, owner=people["member"], by=people["editor"].user, reference="R01"
        )
    assert refused.value.message_dict == {"reference": ["The register already has a risk R01"]}


def test_each_bad_field_is_named_so_an_import_can_name_its_column(partnership, people):
    stranger = PersonFactory(partnership=PartnershipFactory(slug="southshire"))
    with pytest.raises(ValidationError) as refused:
        add_risk(
            partnership,
            owner=stranger,
            by=people["editor"].user,
            title=" ",
            likelihood=6,
            residual_impact=0,
            category=Risk.Category.OTHER,
            target_likelihood=2,
        )
    errors = refused.value.message_dict
    assert set(errors) == {
        "owner",
        "title",
        "likelihood",
        "residual_impact",
        "category_other",
        "target_impact",
    }
    assert errors["likelihood"] == [
        "Likelihood before mitigation must be a whole number from 1 to 5"
    ]


def test_only_editors_add_risks(partnership, people):
    with pytest.raises(PermissionDenied):
        add_risk(partnership, owner=people["member"], by=people["member"].user)


def test_the_owner_reviews_their_own_risk(risk, people):
    review(risk, by=people["member"].user, likelihood=2, impact=4)
    assert risk.residual_score == 8
    assert risk.last_reviewed_on == TODAY
    assert risk.review_due_on == add_months(TODAY, 3)
    assert [row.kind for row in risk.reviews.all()] == ["added", "reviewed"]
    assert risk.history.first().history_change_reason == "Reviewed"


@pytest.mark.parametrize("who", ["chair", "viewer", "analyst"])
def test_nobody_else_without_the_editors_role_may_review_it(risk, people, who):
    with pytest.raises(PermissionDenied):
        review(risk, by=people[who].user, likelihood=2, impact=4)


def test_a_review_says_what_it_found_and_is_not_dated_ahead(risk, people):
    with pytest.raises(ValidationError) as refused:
        services.risk_review(
            risk=risk,
            residual_likelihood=2,
            residual_impact=4,
            note="",
            reviewed_on=TODAY + datetime.timedelta(days=1),
            opened_version=None,
            by=people["member"].user,
        )
    assert set(refused.value.message_dict) == {"note", "reviewed_on"}


def test_a_review_may_set_its_own_next_date(risk, people):
    soon = TODAY + datetime.timedelta(days=14)
    services.risk_review(
        risk=risk,
        residual_likelihood=3,
        residual_impact=4,
        note="List reopens next month; look again in two weeks",
        next_review_due_on=soon,
        opened_version=risk.version,
        by=people["member"].user,
    )
    risk.refresh_from_db()
    assert risk.review_due_on == soon


def test_it_refuses_a_stale_edit(risk, people):
    opened = risk.version
    review(risk, by=people["member"].user, likelihood=2, impact=4)
    with pytest.raises(StaleEdit):
        services.risk_update(
            risk=risk,
            **_fields(risk, title="Changed"),
            opened_version=opened,
            by=people["editor"].user,
        )


def test_an_edit_that_changes_the_scores_is_kept_as_a_row_of_history(risk, people):
    editor = people["editor"].user
    services.risk_update(
        risk=risk, **_fields(risk, title="ND list closed"), opened_version=risk.version, by=editor
    )
    assert risk.reviews.count() == 1
    services.risk_update(
        risk=risk, **_fields(risk, impact=4), opened_version=risk.version, by=editor
    )
    assert [row.kind for row in risk.reviews.all()] == ["added", "rescored"]
    assert risk.reviews.last().inherent_score == 16


def test_plan_actions_of_another_partnership_are_not_linked(risk, people):
    elsewhere = PlanActionFactory(
        outcome__area__plan__partnership=PartnershipFactory(slug="southshire")
    )
    with pytest.raises(ValidationError) as refused:
        services.risk_plan_action_link(risk=risk, plan_action=elsewhere, by=people["editor"].user)
    assert "plan_actions" in refused.value.message_dict


def test_a_plan_action_is_linked_with_history(risk, people):
    line = PlanActionFactory(outcome__area__plan__partnership=risk.partnership)
    services.risk_plan_action_link(risk=risk, plan_action=line, by=people["editor"].user)
    assert list(line.risks.all()) == [risk]


def test_escalation_to_the_board_is_dated_and_undone(risk, people):
    editor = people["editor"].user
    services.risk_escalate(risk=risk, by=editor)
    assert (risk.escalated_to_board, risk.escalated_on) == (True, TODAY)
    with pytest.raises(ValidationError):
        services.risk_escalate(risk=risk, by=editor)
    services.risk_escalate(risk=risk, escalate=False, by=editor)
    assert risk.escalated_to_board is False
    with pytest.raises(PermissionDenied):
        services.risk_escalate(risk=risk, by=people["member"].user)


def test_a_closed_risk_stays_on_record_and_is_no_longer_reviewed(risk, people):
    with pytest.raises(ValidationError):
        services.risk_close(risk=risk, reason="", by=people["editor"].user)
    services.risk_close(risk=risk, reason="List reopened", by=people["editor"].user)
    assert (risk.status, risk.closed_on) == (Risk.Status.CLOSED, TODAY)
    with pytest.raises(ValidationError):
        review(risk, by=people["member"].user, likelihood=1, impact=1)


def test_a_mitigation_is_added_by_the_risk_owner_and_done_by_its_own_owner(risk, people):
    mitigation = services.mitigation_add(
        risk=risk,
        text="Spot-purchase assessments from a second provider",
        owner=people["chair"],
        due_on=TODAY,
        by=people["member"].user,
    )
    with pytest.raises(PermissionDenied):
        services.mitigation_complete(mitigation=mitigation, by=people["viewer"].user)
    services.mitigation_complete(mitigation=mitigation, by=people["chair"].user)
    assert mitigation.done_on == TODAY
    with pytest.raises(ValidationError):
        services.mitigation_complete(mitigation=mitigation, by=people["chair"].user)


def test_an_empty_mitigation_is_refused(risk, people):
    with pytest.raises(ValidationError) as refused:
        services.mitigation_add(risk=risk, text=" ", by=people["editor"].user)
    assert "text" in refused.value.message_dict


def test_the_manager_sets_the_bands_and_every_risk_is_banded_by_them(risk, people):
    assert bands_for(risk.partnership).band_for(risk.residual_score) == Band.HIGH
    with pytest.raises(PermissionDenied):
        services.risk_settings_save(
            partnership=risk.partnership,
            low_max=3,
            medium_max=6,
            high_max=11,
            by=people["editor"].user,
        )
    services.risk_settings_save(
        partnership=risk.partnership,
        low_max=3,
        medium_max=6,
        high_max=11,
        by=people["manager"].user,
    )
    assert bands_for(risk.partnership).band_for(risk.residual_score) == Band.VERY_HIGH


def test_bands_out_of_order_are_refused_by_name(partnership, people):
    with pytest.raises(ValidationError) as refused:
        services.risk_settings_save(
            partnership=partnership,
            low_max=9,
            medium_max=9,
            high_max=15,
            by=people["manager"].user,
        )
    assert "medium_max" in refused.value.message_dict


def test_the_scores_are_whole_numbers_from_one_to_five(partnership, people):
    with pytest.raises(ValidationError):
        add_risk(
            partnership,
            owner=people["member"],
            by=people["editor"].user,
            **{**SCORES, "impact": "3"},
        )


def test_a_review_is_not_dated_before_the_last_recorded_score(risk, people):
    with pytest.raises(ValidationError) as refused:
        review(
            risk,
            by=people["member"].user,
            likelihood=2,
            impact=4,
            on=TODAY - datetime.timedelta(days=1),
        )
    assert "the last one" in refused.value.message_dict["reviewed_on"][0]


def test_an_edit_that_does_not_name_plan_actions_keeps_the_links(risk, people):
    line = PlanActionFactory(outcome__area__plan__partnership=risk.partnership)
    editor = people["editor"].user
    services.risk_plan_action_link(risk=risk, plan_action=line, by=editor)
    services.risk_update(
        risk=risk, **_fields(risk, title="Renamed"), opened_version=None, by=editor
    )
    assert list(risk.plan_actions.all()) == [line]
    services.risk_update(
        risk=risk, **_fields(risk), plan_actions=[], opened_version=None, by=editor
    )
    assert not risk.plan_actions.exists()
