from sendboard.governance.models import Membership
from sendboard.governance.tests.factories import MembershipFactory, PersonFactory


def test_a_renamed_person_keeps_their_old_name_in_history(partnership):
    person = PersonFactory(partnership=partnership, name="Sam Okafor")

    person.name = "Sam Okafor-Reid"
    person.save()

    names = list(person.history.order_by("history_date").values_list("name", flat=True))
    assert names == ["Sam Okafor", "Sam Okafor-Reid"]


def test_a_membership_deleted_in_the_back_office_leaves_a_trace(board, partnership):
    membership = MembershipFactory(group=board, person=PersonFactory(partnership=partnership))
    pk = membership.pk

    membership.delete()

    assert not Membership.objects.filter(pk=pk).exists()
    assert Membership.history.filter(id=pk, history_type="-").exists()


def test_the_group_page_shows_who_changed_its_terms_of_reference(persona, board, people):
    board._history_user = people["manager"].user
    board.terms_of_reference = "Meets monthly; quorate with a third of members."
    board.save()

    page = persona["viewer"].get(board.get_absolute_url()).content.decode()

    assert "Changed</strong> by Manager Tester" in page
    assert "quorate with a third of members" in page
