from django.core.files.uploadedfile import SimpleUploadedFile

from sendboard.meetings.forms import AgendaItemForm, MeetingForm, MinuteEntryForm, PaperForm


def test_changing_a_meeting_shows_its_date_in_the_date_box(meeting, partnership):
    form = MeetingForm(instance=meeting, partnership=partnership)
    assert 'value="2026-03-11"' in str(form["date"])


def test_the_number_date_and_time_boxes_look_like_the_other_govuk_boxes(partnership):
    form = MeetingForm(partnership=partnership)
    for name in ("number", "date", "start_time", "end_time"):
        # A fixed width, as the GOV.UK width utilities have no "auto".
        assert "govuk-input govuk-input--width-" in str(form[name]), name


def test_a_meeting_without_a_date_says_to_enter_the_date(partnership, board):
    form = MeetingForm({"group": board.pk, "format": "in_person"}, partnership=partnership)
    assert form.errors["date"] == ["Enter the date of the meeting"]


def test_an_item_without_a_title_says_to_enter_the_title(meeting, partnership):
    form = AgendaItemForm({"title": ""}, partnership=partnership)
    assert form.errors["title"] == ["Enter the title of the item"]


def test_negative_minutes_allowed_says_what_is_allowed(meeting, partnership):
    form = AgendaItemForm({"title": "Deep dive", "minutes_allowed": "-5"}, partnership=partnership)
    assert form.errors["minutes_allowed"] == ["Enter the minutes allowed as 0 or more"]


def test_an_entry_without_text_says_to_enter_the_minutes(meeting):
    form = MinuteEntryForm({"kind": "note", "text": ""}, item=meeting.items.first())
    assert form.errors["text"] == ["Enter the minutes"]


def test_a_paper_without_a_file_says_to_choose_the_file():
    form = PaperForm({"title": "Sufficiency plan"}, {})
    assert form.errors["file"] == ["Choose the file of the paper"]


def test_an_empty_paper_says_the_chosen_file_is_empty():
    empty = SimpleUploadedFile("plan.pdf", b"", content_type="application/pdf")
    form = PaperForm({"title": ""}, {"file": empty})
    assert form.errors["file"] == ["The chosen file is empty"]


def test_the_minutes_allowed_box_looks_like_the_other_govuk_boxes(partnership):
    form = AgendaItemForm(partnership=partnership)
    assert "govuk-input" in str(form["minutes_allowed"])
