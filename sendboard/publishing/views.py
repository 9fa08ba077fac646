from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from sendboard.actions.queries import action_log_review
from sendboard.core.pagecache import cached_for_reader
from sendboard.core.services import StaleEdit
from sendboard.core.submit import act, submit
from sendboard.core.word import DOCX_TYPE
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view, public_view
from sendboard.meetings.models import Meeting
from sendboard.performance.queries import publishes_figures
from sendboard.publishing import documents, queries, services
from sendboard.publishing.forms import DraftForm, SummaryForm, VersionForm, WithdrawForm
from sendboard.publishing.markup import parse, prose
from sendboard.publishing.models import PublicSummary
from sendboard.publishing.plain_english import (
    TARGET_READING_EASE,
    TARGET_SENTENCE_LENGTH,
    names_in,
    readability,
    unexplained_acronyms,
)


@partnership_view(Capability.VIEW)
@cached_for_reader
def summary_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    undrafted = (
        queries.board_meetings_without_summary(partnership, today=timezone.localdate())[:6]
        if request.access.can(Capability.EDIT)
        else []
    )
    return render(
        request,
        "publishing/summary_list.html",
        {
            "partnership": partnership,
            "summaries": queries.summaries(partnership),
            "undrafted": undrafted,
        },
    )


@require_POST
@partnership_view(Capability.EDIT)
def summary_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = DraftForm(request.POST)
    if not form.is_valid():
        raise Http404("No meeting was chosen.")
    meeting = queries.meeting_for(partnership, form.cleaned_data["meeting"])
    existing = PublicSummary.objects.filter(meeting=meeting).first()
    if existing is not None:
        messages.info(request, "This meeting already has a summary.")
        return redirect("summary_detail", partnership.slug, existing.code)
    return act(
        request,
        lambda: services.summary_draft(meeting=meeting, by=request.user),
        to=redirect("summary_list", partnership.slug),
        done="The summary was drafted from the meeting records. Check it and edit it.",
        then=lambda summary: redirect("summary_edit", partnership.slug, summary.code),
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def summary_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    return _detail(request, partnership, queries.summary_for(partnership, code))


@partnership_view(Capability.EDIT)
def summary_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    summary = queries.summary_for(partnership, code)
    if summary.status not in services.EDITABLE:
        messages.error(
            request, "A published summary cannot be changed. Withdraw it first, then edit it."
        )
        return redirect("summary_detail", partnership.slug, summary.code)
    form = SummaryForm(request.POST or None, instance=summary)
    preview = None
    if "preview" in request.POST:
        if form.is_valid():
            preview = form.cleaned_data["body"]
    else:
        outcome = submit(
            request,
            form,
            lambda fields: services.summary_update(
                summary=summary,
                **fields,
                opened_version=form.cleaned_data["opened_version"],
                by=request.user,
            ),
            done="The summary was saved.",
            refresh=lambda stale: SummaryForm(
                _at_version(request.POST, stale), instance=stale.record
            ),
        )
        if outcome.saved:
            return redirect("summary_detail", partnership.slug, summary.code)
        form = outcome.form
    shown = preview if preview is not None else PublicSummary.objects.get(pk=summary.pk).body
    return render(
        request,
        "publishing/summary_edit.html",
        {
            "partnership": partnership,
            "summary": summary,
            "form": form,
            "is_preview": preview is not None,
        }
        | _reading(shown, partnership),
    )


@partnership_view(Capability.EDIT)
def summary_redraft(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    summary = queries.summary_for(partnership, code)
    if summary.status not in services.EDITABLE:
        messages.error(request, "A published summary cannot be redrafted. Withdraw it first.")
        return redirect("summary_detail", partnership.slug, summary.code)
    form = VersionForm(request.POST or None, initial={"opened_version": summary.version})
    if submit(
        request,
        form,
        lambda fields: services.summary_redraft(
            summary=summary, opened_version=form.cleaned_data["opened_version"], by=request.user
        ),
        done="The summary was redrafted from the meeting records.",
    ).saved:
        return redirect("summary_edit", partnership.slug, summary.code)
    return render(
        request,
        "publishing/summary_redraft.html",
        {"partnership": partnership, "summary": summary, "form": form},
    )


@require_POST
@partnership_view(Capability.MANAGE)
def summary_publish(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    summary = queries.summary_for(partnership, code)
    form = VersionForm(request.POST)
    if submit(
        request,
        form,
        lambda fields: services.summary_publish(
            summary=summary, opened_version=form.cleaned_data["opened_version"], by=request.user
        ),
        done="The summary is published. Anyone can now read it.",
    ).saved:
        return redirect("summary_detail", partnership.slug, summary.code)
    return _detail(request, partnership, queries.summary_for(partnership, code), problem=form)


@require_POST
@partnership_view(Capability.MANAGE)
def summary_withdraw(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    summary = queries.summary_for(partnership, code)
    form = WithdrawForm(request.POST)
    if submit(
        request,
        form,
        lambda fields: services.summary_withdraw(
            summary=summary,
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done="The summary was withdrawn from the public pages.",
    ).saved:
        return redirect("summary_detail", partnership.slug, summary.code)
    return _detail(request, partnership, queries.summary_for(partnership, code), problem=form)


@partnership_view(Capability.VIEW)
def summary_docx(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    summary = queries.summary_for(partnership, code)
    return _docx(documents.summary_docx(summary), _filename(summary.meeting, "summary"))


@partnership_view(Capability.VIEW)
def meeting_agenda_docx(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.meeting_for(partnership, code)
    return _docx(documents.agenda_docx(meeting), _filename(meeting, "agenda"))


@partnership_view(Capability.VIEW)
def meeting_minutes_docx(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.meeting_for(partnership, code)
    return _docx(documents.minutes_docx(meeting), _filename(meeting, "minutes"))


@public_view
@cached_for_reader
def public_home(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render(
        request,
        "publishing/public_home.html",
        {
            "partnership": partnership,
            "summaries": queries.published_summaries(partnership),
            "minutes": queries.published_minutes(partnership),
            "publishes_figures": publishes_figures(partnership),
        },
    )


@public_view
@cached_for_reader
def summary_public(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    summary = queries.published_summary_for(partnership, code)
    return render(
        request,
        "publishing/summary_public.html",
        {"partnership": partnership, "summary": summary, "blocks": parse(summary.body)},
    )


@public_view
def public_summary_docx(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    summary = queries.published_summary_for(partnership, code)
    return _docx(documents.summary_docx(summary), _filename(summary.meeting, "summary"))


@public_view
@cached_for_reader
def public_minutes(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.published_minutes_for(partnership, code)
    return render(
        request,
        "publishing/public_minutes.html",
        {
            "partnership": partnership,
            "meeting": meeting,
            "when_and_where": documents.meeting_when_and_where(meeting),
            "attendance": queries.attendance_by_kind(meeting),
            "items": queries.meeting_items(meeting, public=True),
            # As the Word minutes give it, these being the board's own record; read only
            # when the minutes have an item for the last meeting's minutes and actions.
            "review": SimpleLazyObject(
                lambda: action_log_review(board=meeting.group.board, meeting=meeting)
            ),
        },
    )


@public_view
def public_minutes_docx(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.published_minutes_for(partnership, code)
    return _docx(documents.minutes_docx(meeting, public=True), _filename(meeting, "minutes"))


def _detail(
    request: HttpRequest, partnership: Partnership, summary: PublicSummary, problem=None
) -> HttpResponse:
    version = {"opened_version": summary.version}
    return render(
        request,
        "publishing/summary_detail.html",
        {
            "partnership": partnership,
            "summary": summary,
            "can_edit": request.access.can(Capability.EDIT) and summary.status in services.EDITABLE,
            "can_manage": request.access.can(Capability.MANAGE),
            "version_form": VersionForm(initial=version),
            "withdraw_form": WithdrawForm(initial=version),
            "problem": problem,
        }
        | _reading(summary.body, partnership),
        status=400 if problem is not None else 200,
    )


def _reading(body: str, partnership: Partnership) -> dict:
    """The body as blocks, with plain English guidance for the editor."""
    blocks = parse(body)
    texts = prose(blocks)
    people = partnership.people.values_list("name", flat=True)
    return {
        "blocks": blocks,
        "readability": readability(texts),
        "unexplained": unexplained_acronyms(texts),
        "named": names_in(body, people),
        "target_sentence_length": TARGET_SENTENCE_LENGTH,
        "target_reading_ease": TARGET_READING_EASE,
    }


def _at_version(posted: QueryDict, stale: StaleEdit) -> QueryDict:
    """What the editor posted, as if opened at the latest version.

    Their text is kept on the form, and the latest is shown below as the preview, so
    the next save is made knowing it.
    """
    data = posted.copy()
    data["opened_version"] = stale.record.version
    return data


def _filename(meeting: Meeting, what: str) -> str:
    return f"{meeting.group.slug}-{meeting.date:%Y-%m-%d}-{what}.docx"


def _docx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
