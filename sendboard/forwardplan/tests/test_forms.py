import datetime

from django.utils import timezone

from sendboard.core.people_picker import PersonChoiceField
from sendboard.forwardplan.forms import ForwardPlanDeferForm, ForwardPlanItemEditForm
from sendboard.forwardplan.tests.factories import ForwardPlanItemFactory
from sendboard.governance.tests.factories import PartnershipFactory, PersonFactory
from sendboard.meetings.tests.factories import MeetingFactory


def test_an_item_is_deferred_only_to_a_meeting_after_the_one_it_is_due_at(board):
    today = timezone.localdate()
    _sooner, due, later = (
        MeetingFactory(group=board, number=number, date=today + datetime.timedelta(days=days))
        for number, days in ((1, 7), (2, 35), (3, 63))
    )
    item = ForwardPlanItemFactory(group=board, target_meeting=due)

    offered = list(ForwardPlanDeferForm(item=item).fields["to_meeting"].queryset)

    assert offered == [later]


def test_the_owner_is_chosen_with_the_people_picker_as_on_actions_and_risks(board, people):
    # Issue 8: the owner was the last plain list of a partnership's people.
    item = ForwardPlanItemFactory(group=board, owner=people["member"])
    elsewhere = PartnershipFactory(slug="southshire", name="Southshire SEND Partnership")
    PersonFactory(partnership=elsewhere, name="Someone Elsewhere")

    form = ForwardPlanItemEditForm(partnership=board.partnership, instance=item)
    html = str(form["owner"])

    assert isinstance(form.fields["owner"], PersonChoiceField)
    assert 'data-module="sendboard-person-picker"' in html
    member = people["member"]
    assert f'value="{member.pk}" selected>{member.name}, {member.organisation}<' in html
    assert "Someone Elsewhere" not in html
    assert ">Not set yet<" in html
