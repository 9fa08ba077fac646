"""What the meeting views share: fetching a record of the partnership, and the form page."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sendboard.governance.models import Partnership
from sendboard.meetings.models import AgendaItem, MinuteEntry, Paper


def get_item(partnership: Partnership, code) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__group__partnership"),
        meeting__group__partnership=partnership,
        code=code,
    )


def get_entry(partnership: Partnership, code) -> MinuteEntry:
    return get_object_or_404(
        MinuteEntry.objects.select_related("item__meeting__group__partnership"),
        item__meeting__group__partnership=partnership,
        code=code,
    )


def get_paper(partnership: Partnership, code) -> Paper:
    return get_object_or_404(
        Paper.objects.select_related("item__meeting__group"),
        item__meeting__group__partnership=partnership,
        code=code,
    )


def form_page(
    request: HttpRequest, form: forms.Form, *, title: str, back: str, caption: str = "", **extra
) -> HttpResponse:
    context = {"form": form, "title": title, "back": back, "caption": caption, **extra}
    return render(request, "meetings/form.html", context)
