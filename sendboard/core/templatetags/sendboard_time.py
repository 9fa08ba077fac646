"""`{{ meeting.start_time|clock }}`: a time of day as the papers write it, "10.00am"."""

import datetime

from django import template

from sendboard.lib.clock import clock as _clock

register = template.Library()


@register.filter(expects_localtime=True)
def clock(moment: datetime.time | datetime.datetime | None) -> str:
    return _clock(moment) if moment else ""
