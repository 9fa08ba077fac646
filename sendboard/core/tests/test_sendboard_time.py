import datetime

from django.template import Context, Template
from django.utils import timezone


def _render(text: str, **context) -> str:
    return Template("{% load sendboard_time %}" + text).render(Context(context))


def test_a_time_of_day_is_written_as_the_papers_write_it():
    times = [datetime.time(10), datetime.time(12, 30), datetime.time(14, 5), None]
    shown = [_render("{{ at|clock }}", at=at) for at in times]
    assert shown == ["10.00am", "12.30pm", "2.05pm", ""]


def test_a_moment_is_shown_in_local_time():
    moment = datetime.datetime(2026, 7, 1, 9, 15, tzinfo=datetime.UTC)
    with timezone.override("Europe/London"):
        assert _render("{{ at|clock }}", at=moment) == "10.15am"
