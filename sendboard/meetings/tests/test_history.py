"""The meeting page's "Changes to the agenda and minutes" lists changes in the order they
were made, even when they share a time (issue 8: rows of the same time came out in any
order)."""

from sendboard.meetings import queries, services


def test_changes_of_the_same_time_are_listed_last_made_first(
    one_clock, meeting, people, manager_user
):
    item = services.agenda_item_add(
        meeting=meeting, title="Sufficiency plan", presenters=[people["member"]], by=manager_user
    )
    services.agenda_item_update(
        item=item,
        opened_version=item.version,
        title="SEND sufficiency plan",
        presenters=[people["member"]],
        by=manager_user,
    )

    changes = queries.agenda_changes(meeting)[:4]

    assert [change.when for change in changes] == [one_clock] * 4
    assert [change.reason for change in changes] == [
        "Item changed",
        "Presenters named",
        "Reordered",
        "Added to the agenda",
    ]
