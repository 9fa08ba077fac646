import datetime
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sendboard.core.services import StaleEdit
from sendboard.core.tests.files import word_file
from sendboard.governance.tests.factories import PersonFactory
from sendboard.meetings import services
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry
from sendboard.meetings.services import AttendanceRow


def _titles(meeting: Meeting) -> list[str]:
    return list(meeting.items.order_by("position").values_list("title", flat=True))


def _later(meeting: Meeting, user, days: int = 28) -> Meeting:
    return services.meeting_create(
        group=meeting.group, date=meeting.date + datetime.timedelta(days=days), by=user
    )


class TestMeetingCreate:
    def test_it_numbers_meetings_next_in_the_groups_series(self, meeting, manager_user):
        assert meeting.number == 1
        assert _later(meeting, manager_user).number == 2

    def test_it_refuses_a_number_already_used_by_the_group(self, meeting, manager_user):
        with pytest.raises(ValidationError, match="already has a meeting number 1"):
            services.meeting_create(
                group=meeting.group, date=datetime.date(2026, 4, 8), number=1, by=manager_user
            )

    def test_it_refuses_an_end_before_the_start(self, board, manager_user):
        with pytest.raises(ValidationError, match="The end time must be after the start time"):
            services.meeting_create(
                group=board,
                date=datetime.date(2026, 4, 8),
                start_time=datetime.time(12),
                end_time=datetime.time(10),
                by=manager_user,
            )

    def test_it_puts_the_standing_items_on_the_agenda_with_any_other_business_last(self, meeting):
        assert _titles(meeting) == [
            "Welcome, introductions and apologies",
            "Minutes and actions of the last meeting",
            "Children and young people's voice",
            "Parent carer update",
            "Any other business",
        ]

    def test_it_records_who_created_the_meeting(self, meeting, manager_user):
        assert meeting.history.first().history_user == manager_user

    def test_it_refuses_a_stale_edit_of_the_details(self, meeting, manager_user):
        opened = meeting.version
        services.meeting_update(
            meeting=meeting, opened_version=opened, location="Room 2", by=manager_user
        )
        stale = Meeting.objects.get(pk=meeting.pk)
        with pytest.raises(StaleEdit, match="changed by Manager Tester after you opened it"):
            services.meeting_update(
                meeting=stale, opened_version=opened, location="Room 3", by=manager_user
            )
        assert Meeting.objects.get(pk=meeting.pk).location == "Room 2"

    def test_a_held_meeting_cannot_be_cancelled(self, meeting, manager_user):
        services.meeting_mark_held(meeting=meeting, by=manager_user)
        with pytest.raises(ValidationError, match="has been held, so it cannot be cancelled"):
            services.meeting_cancel(meeting=meeting, by=manager_user)

    def test_a_meeting_still_to_come_cannot_be_marked_as_held(self, board, manager_user):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        coming = services.meeting_create(group=board, date=tomorrow, by=manager_user)
        with pytest.raises(ValidationError, match="has not happened yet"):
            services.meeting_mark_held(meeting=coming, by=manager_user)
        assert Meeting.objects.get(pk=coming.pk).status == Meeting.Status.PLANNED


class TestAgenda:
    def test_a_new_item_goes_before_any_other_business(self, meeting, manager_user):
        services.agenda_item_add(meeting=meeting, title="SEND sufficiency", by=manager_user)
        assert _titles(meeting)[-2:] == ["SEND sufficiency", "Any other business"]
        assert list(meeting.items.values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6]

    def test_it_moves_an_item_up_and_down(self, meeting, manager_user):
        item = services.agenda_item_add(meeting=meeting, title="SEND sufficiency", by=manager_user)
        services.agenda_item_move(item=item, direction="up", by=manager_user)
        assert _titles(meeting)[3] == "SEND sufficiency"
        services.agenda_item_move(item=item, direction="down", by=manager_user)
        assert _titles(meeting)[4] == "SEND sufficiency"

    def test_moving_the_first_item_up_changes_nothing(self, meeting, manager_user):
        first = meeting.items.get(position=1)
        before = _titles(meeting)
        services.agenda_item_move(item=first, direction="up", by=manager_user)
        assert _titles(meeting) == before

    def test_removing_an_item_renumbers_the_rest_and_history_keeps_it(self, meeting, manager_user):
        voice = meeting.items.get(standing=AgendaItem.Standing.CYP_VOICE)
        services.agenda_item_remove(item=voice, by=manager_user)
        assert list(meeting.items.values_list("position", flat=True)) == [1, 2, 3, 4]
        assert AgendaItem.history.filter(code=voice.code, history_type="-").exists()

    def test_a_removed_standing_item_can_be_added_back_in_its_place(self, meeting, manager_user):
        welcome = meeting.items.get(standing=AgendaItem.Standing.WELCOME)
        services.agenda_item_remove(item=welcome, by=manager_user)
        services.agenda_standing_item_add(
            meeting=meeting, standing=AgendaItem.Standing.WELCOME, by=manager_user
        )
        assert _titles(meeting)[0] == "Welcome, introductions and apologies"

    def test_a_standing_item_already_there_is_not_added_twice(self, meeting, manager_user):
        with pytest.raises(ValidationError, match="That standing item is already on the agenda"):
            services.agenda_standing_item_add(
                meeting=meeting, standing=AgendaItem.Standing.PARENT_CARER, by=manager_user
            )

    def test_it_refuses_a_stale_edit_of_an_item(self, meeting, manager_user):
        item = services.agenda_item_add(meeting=meeting, title="SEND sufficiency", by=manager_user)
        opened = item.version
        services.agenda_item_update(
            item=item, opened_version=opened, title="Sufficiency", by=manager_user
        )
        with pytest.raises(StaleEdit, match="changed by Manager Tester after you opened it"):
            services.agenda_item_update(
                item=AgendaItem.objects.get(pk=item.pk),
                opened_version=opened,
                title="Places",
                by=manager_user,
            )


class TestPapers:
    def test_it_refuses_a_file_of_another_type(self, meeting, manager_user):
        item = meeting.items.first()
        with pytest.raises(ValidationError, match="must be a PDF, DOCX, XLSX, PPTX") as refused:
            services.paper_upload(
                item=item, title="", file=SimpleUploadedFile("run.exe", b"MZ"), by=manager_user
            )
        assert refused.value.message_dict["file"] == [
            "The paper must be a PDF, DOCX, XLSX, PPTX, ODT, TXT or CSV file"
        ]

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("pack.pdf", b"MZ\x90\x00 a program"),
            ("data.xlsx", b"%PDF-1.4"),
            ("notes.txt", b"\x00\x01"),
        ],
    )
    def test_it_refuses_a_file_whose_content_belies_its_name(
        self, meeting, manager_user, name, content
    ):
        with pytest.raises(ValidationError, match="it may be damaged or renamed") as refused:
            services.paper_upload(
                item=meeting.items.first(),
                title="",
                file=SimpleUploadedFile(name, content),
                by=manager_user,
            )
        kind = name.rsplit(".", 1)[1].upper()
        assert refused.value.message_dict["file"] == [
            f"The file is not a {kind} file inside: it may be damaged or renamed"
        ]

    def test_it_takes_text_and_office_files_that_are_what_they_say(self, meeting, manager_user):
        for name, content in [
            ("notes.csv", b"area,rate\nNorth,42\n"),
            ("pack.docx", word_file()),
        ]:
            services.paper_upload(
                item=meeting.items.first(),
                title="",
                file=SimpleUploadedFile(name, content),
                by=manager_user,
            )
        assert meeting.items.first().papers.count() == 2

    def test_it_refuses_a_file_over_the_limit(self, meeting, manager_user, monkeypatch):
        monkeypatch.setattr(services.papers, "PAPER", replace(services.PAPER, max_bytes=1024))
        with pytest.raises(ValidationError, match="smaller than 1 KB"):
            services.paper_upload(
                item=meeting.items.first(),
                title="",
                file=SimpleUploadedFile("pack.pdf", b"%PDF-1.4 " + b"x" * 2000),
                by=manager_user,
            )

    def test_a_withdrawn_paper_is_kept(self, meeting, manager_user):
        paper = services.paper_upload(
            item=meeting.items.first(),
            title="",
            file=SimpleUploadedFile("Board pack.pdf", b"%PDF-1.4"),
            by=manager_user,
        )
        assert paper.title == "Board pack"
        services.paper_withdraw(paper=paper, by=manager_user)
        paper.refresh_from_db()
        assert paper.withdrawn_at is not None
        assert paper.history.count() == 2


class TestAttendance:
    def test_it_records_and_replaces_attendance(self, meeting, manager_user, people):
        services.attendance_record(
            meeting=meeting,
            rows=[
                AttendanceRow(people["chair"], Attendance.Kind.PRESENT),
                AttendanceRow(people["member"], Attendance.Kind.APOLOGIES),
            ],
            by=manager_user,
        )
        services.attendance_record(
            meeting=meeting,
            rows=[
                AttendanceRow(people["chair"], Attendance.Kind.PRESENT),
                AttendanceRow(people["editor"], Attendance.Kind.DEPUTISING, people["member"]),
            ],
            by=manager_user,
        )
        recorded = {(row.person, row.kind) for row in meeting.attendance.all()}
        assert recorded == {
            (people["chair"], Attendance.Kind.PRESENT),
            (people["editor"], Attendance.Kind.DEPUTISING),
        }

    def test_a_deputy_must_name_whom_they_deputise_for(self, meeting, manager_user, people):
        with pytest.raises(ValidationError, match="deputising for"):
            services.attendance_record(
                meeting=meeting,
                rows=[AttendanceRow(people["editor"], Attendance.Kind.DEPUTISING)],
                by=manager_user,
            )

    def test_a_person_is_recorded_once(self, meeting, manager_user, people):
        with pytest.raises(ValidationError, match="more than once"):
            services.attendance_record(
                meeting=meeting,
                rows=[
                    AttendanceRow(people["chair"], Attendance.Kind.PRESENT),
                    AttendanceRow(people["chair"], Attendance.Kind.APOLOGIES),
                ],
                by=manager_user,
            )

    def test_people_of_another_partnership_cannot_attend(self, meeting, manager_user):
        from sendboard.governance.tests.factories import PartnershipFactory

        stranger = PersonFactory(partnership=PartnershipFactory(slug="elsewhere"))
        with pytest.raises(ValidationError, match="not in this partnership"):
            services.attendance_record(
                meeting=meeting,
                rows=[AttendanceRow(stranger, Attendance.Kind.PRESENT)],
                by=manager_user,
            )


class TestMinutes:
    def test_a_response_answers_a_challenge_of_the_same_item(self, meeting, manager_user):
        voice, parents = meeting.items.filter(
            standing__in=[AgendaItem.Standing.CYP_VOICE, AgendaItem.Standing.PARENT_CARER]
        ).order_by("position")
        challenge = services.minute_entry_add(
            item=voice, kind=MinuteEntry.Kind.CHALLENGE, text="How is voice heard?", by=manager_user
        )
        with pytest.raises(ValidationError, match="Choose the challenge"):
            services.minute_entry_add(
                item=voice, kind=MinuteEntry.Kind.RESPONSE, text="Surveys.", by=manager_user
            )
        with pytest.raises(ValidationError, match="same item"):
            services.minute_entry_add(
                item=parents,
                kind=MinuteEntry.Kind.RESPONSE,
                text="Surveys.",
                responds_to=challenge,
                by=manager_user,
            )
        response = services.minute_entry_add(
            item=voice,
            kind=MinuteEntry.Kind.RESPONSE,
            text="Surveys.",
            responds_to=challenge,
            by=manager_user,
        )
        assert list(challenge.responses.all()) == [response]
        assert response.position == 2

    def test_only_an_escalation_keeps_the_group_that_escalated_it(
        self, meeting, manager_user, subgroup
    ):
        note = services.minute_entry_add(
            item=meeting.items.first(),
            kind=MinuteEntry.Kind.NOTE,
            text="The group reported progress.",
            escalated_from=subgroup,
            by=manager_user,
        )
        assert MinuteEntry.objects.get(pk=note.pk).escalated_from is None

    def test_an_escalation_names_its_group(self, meeting, manager_user, subgroup):
        item = meeting.items.first()
        with pytest.raises(ValidationError, match="escalated"):
            services.minute_entry_add(
                item=item, kind=MinuteEntry.Kind.ESCALATION, text="Delays.", by=manager_user
            )
        entry = services.minute_entry_add(
            item=item,
            kind=MinuteEntry.Kind.ESCALATION,
            text="Delays.",
            escalated_from=subgroup,
            by=manager_user,
        )
        assert entry.escalated_from == subgroup

    def test_it_refuses_a_stale_edit_when_someone_else_changed_the_entry(
        self, meeting, manager_user, people
    ):
        entry = services.minute_entry_add(
            item=meeting.items.first(), kind="note", text="First words.", by=manager_user
        )
        opened = entry.version
        services.minute_entry_update(
            entry=MinuteEntry.objects.get(pk=entry.pk),
            opened_version=opened,
            text="Their words.",
            by=people["editor"].user,
        )
        with pytest.raises(StaleEdit, match="changed by Editor Tester"):
            services.minute_entry_update(
                entry=entry, opened_version=opened, text="My words.", by=manager_user
            )
        assert MinuteEntry.objects.get(pk=entry.pk).text == "Their words."

    def test_deleting_and_reordering_entries(self, meeting, manager_user):
        item = meeting.items.first()
        first, _, third = (
            services.minute_entry_add(item=item, kind="note", text=text, by=manager_user)
            for text in ("one", "two", "three")
        )
        services.minute_entry_move(entry=third, direction="up", by=manager_user)
        assert list(item.entries.values_list("text", flat=True)) == ["one", "three", "two"]
        services.minute_entry_delete(entry=first, by=manager_user)
        assert list(item.entries.values_list("text", "position")) == [("three", 1), ("two", 2)]
        assert MinuteEntry.history.filter(code=first.code, history_type="-").exists()


class TestMinutesWorkflow:
    def test_minutes_are_agreed_at_a_later_meeting_then_published(self, meeting, manager_user):
        later = _later(meeting, manager_user)
        services.meeting_minutes_approve(meeting=meeting, approved_at=later, by=manager_user)
        meeting.refresh_from_db()
        assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED
        assert meeting.minutes_approved_at == later
        services.meeting_minutes_publish(meeting=meeting, by=manager_user)
        assert meeting.minutes_status == Meeting.MinutesStatus.PUBLISHED
        assert meeting.minutes_published_at is not None

    def test_minutes_are_not_agreed_at_the_same_or_an_earlier_meeting(self, meeting, manager_user):
        earlier = services.meeting_create(
            group=meeting.group,
            date=meeting.date - datetime.timedelta(days=28),
            number=0,  # before meeting 1 of the series
            by=manager_user,
        )
        for at in (meeting, earlier):
            with pytest.raises(ValidationError, match="later meeting"):
                services.meeting_minutes_approve(meeting=meeting, approved_at=at, by=manager_user)

    def test_minutes_of_a_meeting_still_to_come_cannot_be_agreed(self, board, manager_user):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        coming = services.meeting_create(group=board, date=tomorrow, by=manager_user)
        later = _later(coming, manager_user)
        with pytest.raises(ValidationError, match="has not happened yet"):
            services.meeting_minutes_approve(meeting=coming, approved_at=later, by=manager_user)
        coming.refresh_from_db()
        assert coming.minutes_status == Meeting.MinutesStatus.DRAFT
        assert coming.status == Meeting.Status.PLANNED

    def test_minutes_are_not_agreed_at_a_meeting_still_to_come(self, meeting, manager_user):
        next_week = timezone.localdate() + datetime.timedelta(days=7)
        coming = services.meeting_create(group=meeting.group, date=next_week, by=manager_user)
        with pytest.raises(ValidationError, match="cannot have agreed any minutes yet"):
            services.meeting_minutes_approve(meeting=meeting, approved_at=coming, by=manager_user)
        meeting.refresh_from_db()
        assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT

    def test_minutes_are_not_agreed_at_another_groups_meeting(
        self, meeting, manager_user, subgroup
    ):
        other = services.meeting_create(
            group=subgroup, date=meeting.date + datetime.timedelta(days=7), by=manager_user
        )
        with pytest.raises(ValidationError, match="same group"):
            services.meeting_minutes_approve(meeting=meeting, approved_at=other, by=manager_user)

    def test_draft_minutes_cannot_be_published(self, meeting, manager_user):
        with pytest.raises(ValidationError, match="Only minutes agreed"):
            services.meeting_minutes_publish(meeting=meeting, by=manager_user)

    def test_agreed_minutes_cannot_change_until_reopened(self, meeting, manager_user, people):
        item = meeting.items.first()
        entry = services.minute_entry_add(item=item, kind="note", text="Agreed.", by=manager_user)
        services.meeting_minutes_approve(
            meeting=meeting, approved_at=_later(meeting, manager_user), by=manager_user
        )
        item.meeting.refresh_from_db()
        entry = MinuteEntry.objects.select_related("item__meeting").get(pk=entry.pk)
        changes = [
            lambda: services.minute_entry_add(
                item=entry.item, kind="note", text="x", by=manager_user
            ),
            lambda: services.minute_entry_update(
                entry=entry, opened_version=entry.version, text="x", by=manager_user
            ),
            lambda: services.minute_entry_delete(entry=entry, by=manager_user),
            lambda: services.agenda_item_add(
                meeting=entry.item.meeting, title="x", by=manager_user
            ),
            lambda: services.attendance_record(
                meeting=entry.item.meeting,
                rows=[AttendanceRow(people["chair"], Attendance.Kind.PRESENT)],
                by=manager_user,
            ),
        ]
        for change in changes:
            with pytest.raises(ValidationError, match="re-open"):
                change()
        services.meeting_minutes_reopen(meeting=entry.item.meeting, by=manager_user)
        services.minute_entry_update(
            entry=entry, opened_version=entry.version, text="Corrected.", by=manager_user
        )
        assert MinuteEntry.objects.get(pk=entry.pk).text == "Corrected."
        meeting.refresh_from_db()
        assert meeting.minutes_approved_at is None
