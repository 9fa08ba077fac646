from sendboard.meetings.forms import AgendaItemForm, MeetingForm


def test_changing_a_meeting_shows_its_date_in_the_date_box(meeting, partnership):
    form = MeetingForm(instance=meeting, partnership=partnership)
    assert 'value="2026-03-11"' in str(form["date"])


def test_the_number_date_and_time_boxes_look_like_the_other_govuk_boxes(partnership):
    form = MeetingForm(partnership=partnership)
    for name in ("number", "date", "start_time", "end_time"):
        assert "govuk-input" in str(form[name]), name


def test_the_minutes_allowed_box_looks_like_the_other_govuk_boxes(partnership):
    form = AgendaItemForm(partnership=partnership)
    assert "govuk-input" in str(form["minutes_allowed"])
