import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sendboard.meetings import services
from sendboard.meetings.models import Attendance, Meeting, MinuteEntry
from sendboard.meetings.services import AttendanceRow


def _url(name, *args):
    return reverse(name, args=["northshire", *args])


def test_the_create_page_leaves_the_number_blank_so_any_group_gets_its_next_one(
    persona, meeting, subgroup
):
    page = persona["editor"].get(_url("meeting_create") + "?group=board")
    assert page.context["form"]["number"].value() is None
    # Choosing another group than the one the page opened with must not carry the
    # board's number over to it.
    persona["editor"].post(
        _url("meeting_create"),
        {"group": subgroup.pk, "number": "", "date": "2026-04-01", "format": "online"},
    )
    assert Meeting.objects.get(group=subgroup).number == 1


def test_an_editor_creates_a_meeting_with_its_standing_items(persona, board):
    response = persona["editor"].post(
        _url("meeting_create"),
        {
            "group": board.pk,
            "number": 7,
            "date": "2026-05-13",
            "start_time": "10:00",
            "end_time": "12:30",
            "location": "County Hall",
            "format": Meeting.Format.HYBRID,
        },
    )
    meeting = Meeting.objects.get(group=board, number=7)
    assert response.url == meeting.get_absolute_url()
    assert meeting.items.count() == 5
    assert meeting.history.first().history_user.username == "editor"


def test_meeting_times_are_written_as_in_the_papers(persona, meeting):
    page = persona["viewer"].get(meeting.get_absolute_url()).content.decode()
    assert "10.00am" in page
    assert "a.m." not in page
    listing = persona["viewer"].get(_url("meeting_list")).content.decode()
    assert "Number 1, 10.00am" in listing


def test_the_create_form_shows_errors_in_the_error_summary(persona, board):
    response = persona["editor"].post(_url("meeting_create"), {"group": board.pk})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content


def test_a_stale_edit_of_the_meeting_is_refused_with_a_message(persona, meeting, manager_user):
    opened = meeting.version
    services.meeting_update(
        meeting=meeting, opened_version=opened, location="Room 1", by=manager_user
    )
    response = persona["editor"].post(
        _url("meeting_edit", meeting.code),
        {
            "number": 1,
            "date": "2026-03-11",
            "location": "Room 9",
            "format": Meeting.Format.IN_PERSON,
            "opened_version": opened,
        },
    )
    assert response.status_code == 200
    assert "changed by Manager Tester after you opened it" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).location == "Room 1"


def test_a_stale_edit_of_minutes_is_refused_with_a_message(persona, meeting, manager_user):
    entry = services.minute_entry_add(
        item=meeting.items.first(), kind="note", text="First.", by=manager_user
    )
    edit = _url("minute_entry_edit", entry.code)
    opened = persona["editor"].get(edit).context["form"]["opened_version"].value()
    services.minute_entry_update(
        entry=entry, opened_version=opened, text="Changed meanwhile.", by=manager_user
    )
    response = persona["editor"].post(
        edit, {"kind": "note", "text": "Mine.", "opened_version": opened}
    )
    assert "govuk-error-summary" in response.content.decode()
    assert "after you opened it" in response.content.decode()
    assert MinuteEntry.objects.get(pk=entry.pk).text == "Changed meanwhile."


def test_adding_a_response_offers_the_items_challenges(persona, meeting, manager_user):
    item = meeting.items.get(position=3)
    challenge = services.minute_entry_add(
        item=item, kind="challenge", text="Are young people heard?", by=manager_user
    )
    services.minute_entry_add(
        item=meeting.items.get(position=4), kind="challenge", text="Elsewhere", by=manager_user
    )
    form = persona["editor"].get(_url("minute_entry_create", item.code)).context["form"]
    assert list(form.fields["responds_to"].queryset) == [challenge]
    response = persona["editor"].post(
        _url("minute_entry_create", item.code),
        {"kind": "response", "text": "A survey is planned.", "responds_to": challenge.pk},
    )
    assert response.status_code == 302
    assert challenge.responses.get().text == "A survey is planned."


def test_the_meeting_page_sets_out_the_minutes_like_formal_minutes(
    persona, meeting, manager_user, subgroup
):
    item = meeting.items.get(position=3)
    challenge = services.minute_entry_add(
        item=item, kind="challenge", text="Are young people heard?", by=manager_user
    )
    services.minute_entry_add(item=item, kind="note", text="A note after.", by=manager_user)
    services.minute_entry_add(
        item=item,
        kind="response",
        text="Yes, through POWAR.",
        responds_to=challenge,
        by=manager_user,
    )
    services.minute_entry_add(
        item=item, kind="escalation", text="Delays.", escalated_from=subgroup, by=manager_user
    )
    page = persona["viewer"].get(meeting.get_absolute_url()).content.decode()
    assert "<strong>Challenge:</strong> Are young people heard?" in page
    assert "<strong>Response:</strong> Yes, through POWAR." in page
    assert "<strong>Escalation from Performance and Impact Subgroup:</strong>" in page
    # The response sits under its challenge, before the note that was typed first.
    assert page.index("Yes, through POWAR.") < page.index("A note after.")
    assert "sb-minute-entry--response" in page


def test_the_meeting_page_groups_attendance_like_formal_minutes(
    persona, meeting, manager_user, people
):
    services.attendance_record(
        meeting=meeting,
        rows=[
            AttendanceRow(people["chair"], Attendance.Kind.PRESENT),
            AttendanceRow(people["editor"], Attendance.Kind.DEPUTISING, people["member"]),
            AttendanceRow(people["analyst"], Attendance.Kind.EXTERNAL),
            AttendanceRow(people["manager"], Attendance.Kind.IN_ATTENDANCE),
            AttendanceRow(people["member"], Attendance.Kind.APOLOGIES),
        ],
        by=manager_user,
    )
    page = persona["member"].get(meeting.get_absolute_url()).content.decode()
    headings = ["Board members present", "External attendees", "In attendance", "Apologies"]
    positions = [page.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "(deputising for Member Tester)" in page


def test_the_attendance_page_lists_members_and_refuses_a_deputy_for_nobody(
    persona, meeting, people
):
    url = _url("attendance_edit", meeting.code)
    form = persona["editor"].get(url).context["form"]
    assert [person.name for person in form.listed] == ["Chair Tester", "Member Tester"]
    chair, member = people["chair"], people["member"]
    response = persona["editor"].post(
        url, {f"kind_{chair.pk}": "present", f"kind_{member.pk}": "deputising"}
    )
    assert response.status_code == 200
    assert "Choose whom Member Tester was deputising for" in response.content.decode()
    assert not meeting.attendance.exists()
    response = persona["editor"].post(
        url,
        {
            f"kind_{chair.pk}": "present",
            f"kind_{member.pk}": "apologies",
            "extra_person_0": people["editor"].pk,
            "extra_kind_0": "deputising",
            "extra_deputising_for_0": member.pk,
        },
    )
    assert response.status_code == 302
    assert meeting.attendance.get(person=people["editor"]).deputising_for == member


def test_a_paper_is_uploaded_downloaded_and_withdrawn(persona, meeting):
    item = meeting.items.first()
    response = persona["editor"].post(
        _url("paper_upload", item.code),
        {"title": "Inspection briefing", "file": SimpleUploadedFile("pack.pdf", b"%PDF-1.4 pack")},
    )
    assert response.status_code == 302
    paper = item.papers.get()
    download = persona["viewer"].get(_url("paper_download", paper.code))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 pack"
    assert 'filename="pack.pdf"' in download["Content-Disposition"]
    persona["editor"].post(_url("paper_withdraw", paper.code))
    page = persona["viewer"].get(meeting.get_absolute_url()).content.decode()
    assert "Inspection briefing" not in page


def _upload_pack(persona, item, content=b"%PDF-1.4 pack"):
    persona["editor"].post(
        _url("paper_upload", item.code),
        {"title": "Board pack", "file": SimpleUploadedFile("pack.pdf", content)},
    )
    return item.papers.get()


def test_a_paper_link_says_its_type_and_size(persona, meeting):
    _upload_pack(persona, meeting.items.first(), content=b"%PDF-" + b"x" * 2043)

    page = persona["viewer"].get(meeting.get_absolute_url()).content.decode()

    assert '<span class="sb-meta">PDF, 2.0\xa0KB</span>' in page


def test_a_paper_missing_from_storage_leaves_the_page_working(persona, meeting):
    paper = _upload_pack(persona, meeting.items.first())
    paper.file.storage.delete(paper.file.name)

    page = persona["viewer"].get(meeting.get_absolute_url()).content.decode()

    assert '<span class="sb-meta">PDF</span>' in page


def test_a_withdrawn_paper_is_kept_for_editors_but_gone_for_readers(persona, meeting):
    paper = _upload_pack(persona, meeting.items.first())
    persona["editor"].post(_url("paper_withdraw", paper.code))
    assert persona["viewer"].get(_url("paper_download", paper.code)).status_code == 404
    assert persona["editor"].get(_url("paper_download", paper.code)).status_code == 200


def test_a_paper_of_the_wrong_type_is_refused_with_a_clear_error(persona, meeting):
    item = meeting.items.first()
    response = persona["editor"].post(
        _url("paper_upload", item.code),
        {"file": SimpleUploadedFile("macro.xlsm", b"PK")},
    )
    assert response.status_code == 200
    assert "The paper must be a PDF, DOCX" in response.content.decode()
    assert not item.papers.exists()


def test_a_meeting_still_to_come_offers_neither_to_mark_it_held_nor_to_agree_its_minutes(
    persona, board, manager_user
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    coming = services.meeting_create(group=board, date=tomorrow, by=manager_user)
    after = services.meeting_create(
        group=board, date=tomorrow + datetime.timedelta(days=28), by=manager_user
    )
    assert "Mark as held" not in persona["manager"].get(coming.get_absolute_url()).content.decode()
    assert (
        "Agree the minutes" not in persona["manager"].get(after.get_absolute_url()).content.decode()
    )


def test_the_last_minutes_are_offered_for_agreement_only_once_the_next_meeting_sits(
    persona, meeting, manager_user
):
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    coming = services.meeting_create(group=meeting.group, date=next_week, by=manager_user)

    page = persona["manager"].get(coming.get_absolute_url()).content.decode()

    assert "Agree the minutes" not in page


def test_the_next_meeting_agrees_the_last_minutes(persona, meeting, manager_user):
    later = services.meeting_create(
        group=meeting.group, date=meeting.date + datetime.timedelta(days=28), by=manager_user
    )
    page = persona["manager"].get(later.get_absolute_url()).content.decode()
    assert "Agree the minutes of 11 March 2026 as accurate" in page
    assert "Review of the action log" in page
    assert (
        "Agree the minutes" not in persona["editor"].get(later.get_absolute_url()).content.decode()
    )
    response = persona["manager"].post(
        _url("meeting_minutes_approve", meeting.code), {"approved_at": later.code}
    )
    assert response.url == later.get_absolute_url()
    meeting.refresh_from_db()
    assert meeting.minutes_approved_at == later


def test_the_next_meeting_publishes_the_last_minutes_once_agreed(persona, meeting, manager_user):
    later = services.meeting_create(
        group=meeting.group, date=meeting.date + datetime.timedelta(days=28), by=manager_user
    )
    services.meeting_minutes_approve(meeting=meeting, approved_at=later, by=manager_user)
    page = persona["manager"].get(later.get_absolute_url()).content.decode()
    assert "Publish the minutes of 11 March 2026" in page
    assert (
        "Publish the minutes"
        not in persona["editor"].get(later.get_absolute_url()).content.decode()
    )
    response = persona["manager"].post(
        _url("meeting_minutes_publish", meeting.code), {"back_to": later.code}
    )
    assert response.url == later.get_absolute_url()
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.PUBLISHED


def test_agreed_minutes_show_no_editing_links(persona, meeting, manager_user):
    later = services.meeting_create(
        group=meeting.group, date=meeting.date + datetime.timedelta(days=28), by=manager_user
    )
    services.meeting_minutes_approve(meeting=meeting, approved_at=later, by=manager_user)
    page = persona["editor"].get(meeting.get_absolute_url()).content.decode()
    assert "re-open them" in page
    assert "Add to the minutes" not in page
    item = meeting.items.first()
    response = persona["editor"].post(
        _url("minute_entry_create", item.code), {"kind": "note", "text": "Too late."}
    )
    assert "re-open them" in response.content.decode()
    assert not item.entries.exists()


def test_the_list_separates_upcoming_and_past_and_filters_by_group(
    persona, board, subgroup, manager_user
):
    soon = datetime.date.today() + datetime.timedelta(days=30)
    upcoming = services.meeting_create(group=board, date=soon, by=manager_user)
    services.meeting_create(group=subgroup, date=datetime.date(2020, 1, 8), by=manager_user)
    response = persona["viewer"].get(_url("meeting_list") + "?group=performance")
    assert list(response.context["upcoming"]) == []
    assert [m.group for m in response.context["past"]] == [subgroup]
    response = persona["viewer"].get(_url("meeting_list"))
    assert list(response.context["upcoming"]) == [upcoming]


def test_a_new_entry_is_a_note_unless_chosen_otherwise(persona, meeting):
    item = meeting.items.first()
    form = persona["editor"].get(_url("minute_entry_create", item.code)).context["form"]
    assert form["kind"].value() == MinuteEntry.Kind.NOTE


def test_agreeing_minutes_at_no_meeting_is_not_found(persona, meeting):
    response = persona["manager"].post(
        _url("meeting_minutes_approve", meeting.code), {"approved_at": "not-a-meeting"}
    )
    assert response.status_code == 404


def test_readers_see_the_meeting_without_editing_controls(persona, meeting):
    page = persona["member"].get(meeting.get_absolute_url()).content.decode()
    assert "Welcome, introductions and apologies" in page
    for control in ("Add to the minutes", "Record attendance", "Move up", "Put on the agenda"):
        assert control not in page


def test_the_meeting_page_shows_removed_items_and_deleted_minutes_in_its_history(
    persona, meeting, manager_user
):
    voice = meeting.items.get(standing="cyp_voice")
    entry = services.minute_entry_add(
        item=meeting.items.first(), kind="challenge", text="Who checks this?", by=manager_user
    )
    services.minute_entry_delete(entry=entry, by=manager_user)
    services.agenda_item_remove(item=voice, by=manager_user)
    page = persona["viewer"].get(meeting.get_absolute_url()).content.decode()
    history = page[page.index("Changes to the agenda and minutes") :]
    assert "Removed from the agenda" in history
    assert "Children and young people&#x27;s voice" in history
    assert "Minutes deleted" in history
    assert "Challenge: Who checks this?" in history


def test_a_meeting_created_without_a_number_takes_the_next_one(persona, meeting):
    response = persona["manager"].post(
        _url("meeting_create"),
        {"group": meeting.group.pk, "date": "2026-04-08", "format": Meeting.Format.ONLINE},
    )
    assert response.status_code == 302
    assert Meeting.objects.get(date=datetime.date(2026, 4, 8)).number == 2


def test_the_cancel_page_offers_to_keep_the_meeting_rather_than_another_cancel(persona, meeting):
    page = persona["editor"].get(_url("meeting_cancel", meeting.code)).content.decode()
    assert "Keep the meeting</a>" in page
    assert ">Cancel</a>" not in page


def test_a_meeting_still_to_come_has_no_minutes_yet_rather_than_minutes_in_draft(
    persona, board, manager_user
):
    coming = services.meeting_create(
        group=board, date=timezone.localdate() + datetime.timedelta(days=7), by=manager_user
    )

    page = persona["manager"].get(coming.get_absolute_url()).content.decode()
    listed = persona["manager"].get(_url("meeting_list")).content.decode()

    assert "No minutes yet" in page and "No minutes yet" in listed
    assert "Minutes in draft" not in page + listed


def test_a_meeting_that_has_happened_has_minutes_in_draft(persona, meeting):
    page = persona["manager"].get(meeting.get_absolute_url()).content.decode()

    assert "Minutes in draft" in page
    assert "No minutes yet" not in page
