"""The register as a whole: the list, the board's summary with heat maps, the bands."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import submit
from sendboard.core.views import form_page
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.risks import queries, services
from sendboard.risks.forms import BandsForm, RegisterFilterForm
from sendboard.risks.page_parts import REGISTER_TOOLS


@partnership_view(Capability.VIEW)
@cached_for_reader
def risk_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    today = timezone.localdate()
    return render(
        request,
        "risks/risk_list.html",
        {
            "partnership": partnership,
            "form": form,
            "rows": queries.register(partnership, as_at=today, **form.filters()),
            "today": today,
            "bands": queries.bands_for(partnership),
            "may_edit": request.access.can(Capability.EDIT),
            "may_manage": request.access.can(Capability.MANAGE),
            **REGISTER_TOOLS.context(),
        },
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def risk_summary(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render(
        request,
        "risks/risk_summary.html",
        {
            "partnership": partnership,
            "summary": queries.register_summary(partnership, as_at=timezone.localdate()),
        },
    )


@partnership_view(Capability.MANAGE)
def risk_bands(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    bands = queries.bands_for(partnership)
    initial = {"low_max": bands.low_max, "medium_max": bands.medium_max, "high_max": bands.high_max}
    form = BandsForm(request.POST or None, initial=initial)
    outcome = submit(
        request,
        form,
        lambda fields: services.risk_settings_save(
            partnership=partnership, **fields, by=request.user
        ),
        done="Rating bands saved: every risk is banded by them now",
    )
    back = reverse("risk_list", kwargs={"partnership": partnership.slug})
    if outcome.saved:
        return redirect(back)
    return form_page(
        request,
        form,
        title="Rating bands",
        button="Save the bands",
        back=back,
        caption="Risk register",
    )
