import datetime

import factory

from sendboard.governance.tests.factories import BoardFactory, PersonFactory
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(BoardFactory)
    number = factory.Sequence(lambda n: n + 1)
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 14) + datetime.timedelta(days=28 * n))
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)
    location = "Council Chamber, Northshire County Hall"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Performance and Impact subgroup report {n}")
    purpose = AgendaItem.Purpose.ASSURANCE


class MinuteEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinuteEntry

    item = factory.SubFactory(AgendaItemFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = MinuteEntry.Kind.NOTE
    text = "The board noted the update on 20-week timeliness."


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..meeting.group.partnership")
    )
    kind = Attendance.Kind.PRESENT
