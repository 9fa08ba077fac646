"""Quality assurance pages: the month's progress, settings, frameworks, samples, audits,
moderation, figures and learning. Auditors reach only the audits assigned to them."""

import json
from contextlib import suppress
from datetime import date
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import act, submit
from sendboard.core.views import form_page
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.lib.periods import add_months
from sendboard.quality import figures, forms, importing, learning, queries, services
from sendboard.quality.models import AuditUpload, Moderation
from sendboard.workbooks.problems import WorkbookInvalid


def _url(name: str, partnership: Partnership, *args) -> str:
    return reverse(name, args=[partnership.slug, *args])


def _month(request: HttpRequest) -> date:
    """The month asked for as ?month=2025-03, else this month."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        return today.replace(year=year, month=month, day=1)
    except ValueError:
        return today.replace(day=1)


@partnership_view(Capability.VIEW)
def quality_home(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    access = request.access
    return render(
        request,
        "quality/home.html",
        {
            "partnership": partnership,
            "progress": queries.month_progress(partnership, as_at=timezone.localdate()),
            "settings": queries.settings_of(partnership),
            "framework": queries.current_framework(partnership),
            "may_manage": access.can(Capability.MANAGE),
            "may_audit": access.can(Capability.AUDIT),
            "may_moderate": queries.is_moderator(access),
            "mine": queries.open_audits_of(access),
        },
    )


@partnership_view(Capability.MANAGE)
def quality_settings(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    found = queries.settings_of(partnership)
    initial = {
        "target_percent": found.target_percent,
        "target_base": found.target_base,
        "lookback_months": found.lookback_months,
        "moderation_percent": found.moderation_percent,
        "moderators": list(found.moderators.all()) if found.pk else [],
    }
    form = forms.SettingsForm(request.POST or None, initial=initial, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: services.quality_settings_update(
            partnership=partnership, **fields, by=request.user
        ),
        done="Quality assurance settings saved",
    )
    if outcome.saved:
        return redirect(_url("quality_home", partnership))
    return form_page(
        request,
        outcome.form,
        title="Audit target and moderation",
        button="Save the settings",
        back=_url("quality_home", partnership),
    )


@partnership_view(Capability.VIEW)
def framework_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = None
    if request.access.can(Capability.MANAGE):
        form = forms.FrameworkUploadForm(request.POST or None, request.FILES or None)
        outcome = submit(
            request,
            form,
            lambda fields: services.framework_import(
                partnership=partnership, **fields, by=request.user
            ),
            done=lambda framework: f"{framework} imported",
        )
        if outcome.saved:
            return redirect(_url("quality_framework", partnership, outcome.result.code))
    return render(
        request,
        "quality/framework_list.html",
        {
            "partnership": partnership,
            "frameworks": queries.frameworks_of(partnership),
            "form": form,
        },
    )


@partnership_view(Capability.VIEW)
def framework_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    framework = queries.framework_in(partnership, code)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(framework.spec, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="framework-v{framework.number}.json"'
        )
        return response
    return render(
        request,
        "quality/framework_detail.html",
        {"partnership": partnership, "framework": framework, "formula": framework.formula()},
    )


@partnership_view(Capability.MANAGE)
def sample_draw(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = forms.SampleForm(
        request.POST or None, partnership=partnership, today=timezone.localdate()
    )
    outcome = submit(
        request,
        form,
        lambda fields: services.sample_draw(partnership=partnership, **fields, by=request.user),
        done=lambda sample: (
            f"{sample.audits.count()} plans drawn for {sample.month:%B %Y} "
            f"(target {sample.target_count}, seed {sample.seed})"
        ),
    )
    if outcome.saved:
        return redirect(_url("quality_home", partnership))
    snapshot = queries.latest_snapshot(partnership)
    return form_page(
        request,
        outcome.form,
        title="Draw a month's sample",
        button="Draw the sample",
        back=_url("quality_home", partnership),
        caption=f"From the {snapshot}" if snapshot else "No casework snapshot loaded yet",
    )


@partnership_view(Capability.MANAGE)
def audit_assign(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = forms.AssignForm(request.POST or None, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: services.audit_assign(partnership=partnership, **fields, by=request.user),
        done="Audit assigned",
    )
    if outcome.saved:
        return redirect(outcome.result)
    return form_page(
        request,
        outcome.form,
        title="Assign an audit outside the sample",
        button="Assign the audit",
        back=_url("quality_audits", partnership),
    )


@partnership_view(Capability.AUDIT)
def audit_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    month = _month(request)
    audits = queries.audits_for(request.access).filter(month=month)
    return render(
        request,
        "quality/audit_list.html",
        {"partnership": partnership, "audits": audits, "month": month},
    )


def _audit_form(request, audit, *, data=None):
    grades = {
        row.section: (row.grade, row.evidence)
        for row in audit.section_grades.filter(moderation=False)
    }
    advice = {
        row.agency: services.NOT_APPLICABLE if row.not_applicable else str(row.grade)
        for row in audit.advice_grades.all()
    }
    return forms.AuditForm(
        data, audit=audit, version=audit.version, initial_grades=grades, advice=advice
    )


@partnership_view(Capability.AUDIT)
def audit_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    audit = queries.audit_for(request.access, code)
    editable = audit.status in services.OPEN and audit.auditor.user_id == request.user.pk
    form = _audit_form(request, audit, data=request.POST or None) if editable else None
    if form is not None:
        submitting = "submit" in request.POST
        outcome = submit(
            request,
            form,
            lambda fields: services.audit_save(
                audit=audit,
                **fields,
                opened_version=form.cleaned_data["opened_version"],
                by=request.user,
                and_submit=submitting,
            ),
            done="Audit submitted" if submitting else "Audit saved",
            refresh=lambda stale: _audit_form(request, queries.audit_for(request.access, code)),
        )
        if outcome.saved:
            return redirect(audit)
        form = outcome.form
        audit.refresh_from_db()  # a refused save leaves the page showing what is stored
    return render(
        request,
        "quality/audit_detail.html",
        {
            "partnership": partnership,
            "audit": audit,
            "form": form,
            "grades": queries.audit_grades(audit),
            # Until its moderator has graded the plan, only its auditor sees the grades.
            "blind": queries.awaits_blind_grades(audit)
            and audit.auditor.user_id != request.user.pk,
            "case_actions": audit.case_actions.select_related("raised_as"),
        },
    )


@partnership_view(Capability.AUDIT)
def case_action_add(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    audit = queries.audit_for(request.access, code)
    form = forms.CaseActionForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.case_action_add(audit=audit, **fields, by=request.user),
        done="Action for improvement added",
    )
    if outcome.saved:
        return redirect(audit)
    return form_page(
        request,
        outcome.form,
        title="Add an action for improvement",
        button="Add the action",
        back=audit.get_absolute_url(),
        caption=str(audit),
    )


def _moderation_for(request: HttpRequest, partnership: Partnership, code) -> Moderation:
    if not queries.is_moderator(request.access):
        raise PermissionDenied("Only moderators can moderate audits.")
    moderation = queries.moderation_in(partnership, code)
    if moderation.audit.auditor.user_id == request.user.pk:
        raise PermissionDenied("An audit is moderated by someone other than its auditor.")
    return moderation


@partnership_view(Capability.AUDIT)
def moderation_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    if not queries.is_moderator(request.access):
        raise PermissionDenied("Only moderators can moderate audits.")
    return render(
        request,
        "quality/moderation_list.html",
        {"partnership": partnership, **queries.moderation_queue(request.access)},
    )


@partnership_view(Capability.AUDIT)
def moderation_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    moderation = _moderation_for(request, partnership, code)
    audit = moderation.audit
    if moderation.grade is None:
        # Blind: the auditor's grades are not on this page until the moderator's are in.
        form = forms.ModerationForm(request.POST or None, audit=audit, version=moderation.version)

        def call(fields):
            return services.moderation_grade(
                moderation=moderation,
                **fields,
                opened_version=form.cleaned_data["opened_version"],
                by=request.user,
            )

        done, button = "Your grades are recorded", "Record my grades"
    else:
        form = forms.AgreeForm(
            request.POST or None, framework=audit.framework, version=moderation.version
        )

        def call(fields):
            return services.moderation_agree(
                moderation=moderation,
                **fields,
                opened_version=form.cleaned_data["opened_version"],
                by=request.user,
            )

        done, button = "Grade agreed: it is the audit's final grade", "Agree the final grade"
    outcome = submit(request, form, call, done=done)
    if outcome.saved:
        return redirect(_url("quality_moderation", partnership, moderation.code))
    return render(
        request,
        "quality/moderation_detail.html",
        {
            "partnership": partnership,
            "moderation": moderation,
            "audit": audit,
            "form": None if moderation.agreed_grade else outcome.form,
            "button": button,
            # Both grades of each section, once the moderator's own are in.
            "comparison": queries.audit_grades(audit) if moderation.grade else None,
        },
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def moderation_report(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    until = _month(request)
    since = add_months(until, -11)
    return render(
        request,
        "quality/moderation_report.html",
        {
            "partnership": partnership,
            "report": queries.moderation_report(partnership, since=since, until=until),
            # The plans behind a disagreement are for those who moderate them.
            "may_moderate": queries.is_moderator(request.access),
            "since": since,
            "until": until,
        },
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def quality_figures(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    # Counts about children are suppressed for readers who do not work with the cases.
    sees_counts = request.access.can(Capability.AUDIT) or request.access.can(Capability.ANALYSE)
    policy = "none" if sees_counts else partnership.small_number_policy
    month = _month(request)
    shown = queries.month_figures(partnership, month=month, policy=policy)
    return render(
        request,
        "quality/figures.html",
        {
            "partnership": partnership,
            "figures": shown,
            "chart": queries.trend_chart(shown.trend),
            "progress": queries.month_progress(partnership, months=1, as_at=month)[0],
            "month": month,
            "previous": add_months(month, -1),
            "next": add_months(month, 1),
            "suppressed": not sees_counts,
        },
    )


@partnership_view(Capability.VIEW)
def learning_summary(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    month = _month(request)
    return render(
        request,
        "quality/learning.html",
        {
            "partnership": partnership,
            "month": month,
            "summary": learning.monthly_summary(partnership, month=month),
            "themes": learning.theme_trends(partnership, until=month),
        },
    )


@partnership_view(Capability.AUDIT)
def auditor_feedback(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    person = request.access.person
    return render(
        request,
        "quality/feedback.html",
        {"partnership": partnership, "rows": learning.feedback_for(person) if person else []},
    )


@require_POST
@partnership_view(Capability.MANAGE)
def figures_publish(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return act(
        request,
        lambda: figures.quality_figures_publish(partnership=partnership, by=request.user),
        to=redirect(_url("quality_figures", partnership)),
        done="The quality figures are in the board's figures",
    )


def _upload_for(request: HttpRequest, partnership: Partnership, code) -> AuditUpload:
    """The manager's own upload: nobody else sees an export before it is imported."""
    try:
        return AuditUpload.objects.get(partnership=partnership, code=code, uploaded_by=request.user)
    except AuditUpload.DoesNotExist as error:
        raise Http404("No such upload: it may have been imported already") from error


@partnership_view(Capability.MANAGE)
def audits_import(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """Take the export; its columns are confirmed next, unless every heading in it has
    been mapped before, when it goes straight to the check."""
    form = forms.AuditsImportForm(request.POST or None, request.FILES or None)
    outcome = submit(
        request,
        form,
        lambda fields: importing.audit_upload(partnership=partnership, **fields, by=request.user),
        done=lambda upload: f"{upload.file_name} uploaded",
    )
    if outcome.saved:
        upload = outcome.result
        table = importing.upload_table(upload)
        known = queries.settings_of(partnership).import_columns
        step = (
            "quality_audits_columns"
            if importing.unmapped_headings(table, known)
            else ("quality_audits_check")
        )
        return redirect(_url(step, partnership, upload.code))
    return render(request, "quality/audits_import.html", {"partnership": partnership, "form": form})


@partnership_view(Capability.MANAGE)
def audits_columns(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    upload = _upload_for(request, partnership, code)
    table = importing.upload_table(upload)
    framework = queries.current_framework(partnership)
    if framework is None:
        messages.error(request, "Import a quality assurance framework first")
        return redirect(_url("quality_frameworks", partnership))
    layout = importing.layout_for(framework)
    known = queries.settings_of(partnership).import_columns
    form = forms.AuditColumnsForm(
        request.POST or None,
        table=table,
        layout=layout,
        columns=importing.columns_of(table, layout, known),
    )
    outcome = submit(
        request,
        form,
        lambda fields: importing.import_columns_save(
            partnership=partnership, table=table, **fields, by=request.user
        ),
        done="Columns remembered for the next import: check the rows below",
    )
    if outcome.saved:
        return redirect(_url("quality_audits_check", partnership, upload.code))
    return render(
        request,
        "quality/audits_columns.html",
        {
            "partnership": partnership,
            "upload": upload,
            "table": table,
            "form": form,
            "layout": layout,
            "remembered": bool(known),
            "new_headings": importing.unmapped_headings(table, known),
        },
    )


@partnership_view(Capability.MANAGE)
def audits_check(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    """The rows checked with the remembered columns; importing them is one button, and
    a refused import shows the same check again."""
    upload = _upload_for(request, partnership, code)
    if request.method == "POST":
        with suppress(WorkbookInvalid):
            count = importing.audit_upload_import(upload=upload, by=request.user)
            messages.success(request, f"{count} audits imported from {upload.file_name}")
            return redirect(_url("quality_home", partnership))
    table = importing.upload_table(upload)
    try:
        count = importing.audits_import(
            partnership=partnership, table=table, dry_run=True, by=request.user
        )
        problems = []
    except WorkbookInvalid as invalid:
        count, problems = 0, invalid.problems
    return render(
        request,
        "quality/audits_check.html",
        {
            "partnership": partnership,
            "upload": upload,
            "problems": problems,
            "count": count,
            "mapped": importing.mapped_columns(partnership, table),
        },
    )


PLAN_TEAMS_A_PAGE = 50


@partnership_view(Capability.MANAGE)
def plan_team_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    snapshot = queries.latest_snapshot(partnership)
    search = forms.PlanTeamSearchForm(request.GET or None)
    find = search.cleaned_data["q"] if search.is_valid() else ""
    rows = queries.plan_teams(partnership, snapshot, find=find) if snapshot else []
    page = Paginator(rows, PLAN_TEAMS_A_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "quality/plan_teams.html",
        {
            "partnership": partnership,
            "snapshot": snapshot,
            "search": search,
            "find": find,
            "page": page,
        },
    )


@partnership_view(Capability.MANAGE)
def plan_team_edit(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    snapshot = queries.latest_snapshot(partnership)
    if snapshot is None:
        raise Http404("No casework snapshot is loaded yet")
    plan_id = request.GET.get("plan", "")
    row = queries.plan_team_of(partnership, snapshot, plan_id)
    opened = row.team if row.set_here else ""
    form = forms.PlanTeamForm(request.POST or None, initial={"team": opened, "opened_team": opened})
    outcome = submit(
        request,
        form,
        lambda fields: services.plan_team_set(
            partnership=partnership, plan_id=plan_id, **fields, by=request.user
        ),
        done=lambda found: (
            f"Plan {plan_id}: "
            + (f"team set to {found.team}" if found else "the snapshot's team is used")
        ),
    )
    if outcome.saved:
        return redirect(_url("quality_plan_teams", partnership) + f"?q={quote(plan_id)}")
    if form.is_bound:
        # Refused: the page now shows the team as stored, so saving again is a choice.
        form.data = form.data.copy()
        form.data["opened_team"] = opened
    snapshot_team = row.snapshot_team or "none"
    return form_page(
        request,
        outcome.form,
        title=f"Team of plan {plan_id}",
        button="Save the team",
        back=_url("quality_plan_teams", partnership),
        caption=f"The {snapshot} gives it team: {snapshot_team}",
    )


@partnership_view(Capability.MANAGE)
def plan_teams_import(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = forms.PlanTeamsImportForm(request.POST or None, request.FILES or None)
    outcome = submit(
        request,
        form,
        lambda fields: importing.plan_teams_import(
            partnership=partnership, **fields, by=request.user
        ),
        done=lambda counts: f"{counts[0]} plan teams set, {counts[1]} cleared",
    )
    if outcome.saved:
        return redirect(_url("quality_plan_teams", partnership))
    return render(
        request, "quality/plan_teams_import.html", {"partnership": partnership, "form": form}
    )
