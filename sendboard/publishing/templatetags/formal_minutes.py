"""Lines of formal minutes, worded the same on the page as in the Word document."""

from django import template

from sendboard.publishing import documents

register = template.Library()
register.filter("attendee_line", documents.attendee_line)
register.filter("entry_label", documents.entry_label)
register.filter("action_line", documents.action_line)
