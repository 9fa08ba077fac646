"""Times of day as the papers write them: 10.00am, 12.30pm."""

import datetime


def clock(moment: datetime.time | datetime.datetime) -> str:
    """`moment`'s time of day on the 12-hour clock, "10.00am", as in the Word documents.

    Django's own "a.m."/"p.m." ("10.00a.m.") matches neither the documents nor
    the public pages.
    """
    return f"{moment:%-I.%M}{'am' if moment.hour < 12 else 'pm'}"
