from sendboard.meetings.forms import MeetingForm


def test_changing_a_meeting_shows_its_date_in_the_date_box(meeting, partnership):
    form = MeetingForm(instance=meeting, partnership=partnership)
    assert 'value="2026-03-11"' in str(form["date"])
