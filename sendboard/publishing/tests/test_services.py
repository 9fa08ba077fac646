import pytest
from django.core.exceptions import ValidationError

from sendboard.core.services import StaleEdit
from sendboard.publishing.models import PublicSummary
from sendboard.publishing.services import (
    summary_publish,
    summary_update,
    summary_withdraw,
)
from sendboard.publishing.tests.factories import PublicSummaryFactory

Status = PublicSummary.Status


@pytest.fixture
def summary(board):
    return PublicSummaryFactory(meeting__group=board)


def test_it_saves_an_edit_and_keeps_who_made_it(summary, people):
    editor = people["editor"].user

    summary_update(summary=summary, by=editor, opened_version=1, title="New title", body="- Done.")

    summary.refresh_from_db()
    assert (summary.title, summary.body, summary.version) == ("New title", "- Done.", 2)
    assert summary.history.first().history_user == editor


def test_it_refuses_a_stale_edit(summary, people):
    summary_update(
        summary=summary, by=people["editor"].user, opened_version=1, title="First", body="A."
    )

    with pytest.raises(StaleEdit, match="Editor Tester"):
        summary_update(
            summary=PublicSummary.objects.get(pk=summary.pk),
            by=people["manager"].user,
            opened_version=1,
            title="Second",
            body="B.",
        )

    assert PublicSummary.objects.get(pk=summary.pk).title == "First"


def test_it_refuses_an_empty_summary(summary, people):
    with pytest.raises(ValidationError, match="Enter the summary"):
        summary_update(
            summary=summary, by=people["editor"].user, opened_version=1, title="T", body=" "
        )


def test_publishing_records_when_and_by_whom(summary, people):
    manager = people["manager"].user

    summary_publish(summary=summary, by=manager, opened_version=1)

    summary.refresh_from_db()
    assert summary.status == Status.PUBLISHED
    assert summary.published_by == manager
    assert summary.published_at is not None


def test_a_published_summary_cannot_be_edited_until_withdrawn(summary, people):
    manager = people["manager"].user
    summary_publish(summary=summary, by=manager, opened_version=1)

    with pytest.raises(ValidationError, match="Withdraw it first"):
        summary_update(summary=summary, by=manager, opened_version=2, title="T", body="Changed.")

    summary_withdraw(summary=summary, by=manager, opened_version=2, reason="A date was wrong")
    summary_update(summary=summary, by=manager, opened_version=3, title="T", body="Changed.")
    assert PublicSummary.objects.get(pk=summary.pk).body == "Changed."


def test_withdrawing_keeps_the_summary_and_its_history(summary, people):
    manager = people["manager"].user
    summary_publish(summary=summary, by=manager, opened_version=1)

    summary_withdraw(summary=summary, by=manager, opened_version=2, reason="A date was wrong")

    summary.refresh_from_db()
    assert summary.status == Status.WITHDRAWN
    assert [entry.history_change_reason for entry in summary.history.all()][:2] == [
        "Withdrawn: A date was wrong",
        "Published",
    ]


def test_only_a_published_summary_can_be_withdrawn(summary, people):
    with pytest.raises(ValidationError, match="Only a published summary can be withdrawn"):
        summary_withdraw(summary=summary, by=people["manager"].user, opened_version=1)


def test_a_published_summary_cannot_be_published_again(summary, people):
    summary_publish(summary=summary, by=people["manager"].user, opened_version=1)

    with pytest.raises(ValidationError, match="This summary is already published"):
        summary_publish(summary=summary, by=people["manager"].user, opened_version=2)


def test_publishing_a_version_nobody_has_seen_is_refused(summary, people):
    summary_update(
        summary=summary, by=people["editor"].user, opened_version=1, title="T", body="New."
    )

    with pytest.raises(StaleEdit, match="changed by Editor Tester after you opened it"):
        summary_publish(
            summary=PublicSummary.objects.get(pk=summary.pk),
            by=people["manager"].user,
            opened_version=1,
        )
