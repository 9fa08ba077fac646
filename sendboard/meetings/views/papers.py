"""The papers of an agenda item: uploaded, downloaded, withdrawn."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from sendboard.core.submit import act, submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.meetings import services
from sendboard.meetings.forms import PaperForm
from sendboard.meetings.views._shared import form_page, get_item, get_paper


@partnership_view(Capability.EDIT)
def paper_upload(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = get_item(partnership, code)
    form = PaperForm(request.POST or None, request.FILES or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.paper_upload(item=item, **fields, by=request.user),
        done="Paper added",
    )
    if outcome.saved:
        return redirect(item)
    return form_page(
        request,
        form,
        title=f"Add a paper to item {item.position}",
        caption=item.title,
        back=item.meeting.get_absolute_url(),
        button="Upload paper",
        multipart=True,
    )


@partnership_view(Capability.VIEW)
def paper_download(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    paper = get_paper(partnership, code)
    # Editors keep the withdrawn file as a record; everyone else no longer sees it.
    if paper.withdrawn_at and not request.access.can(Capability.EDIT):
        raise Http404("This paper was withdrawn")
    # Opening the file is no service call: a file gone from storage is a page not found.
    try:
        opened = paper.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file of this paper is missing") from missing
    name = paper.file.name.rsplit("/", 1)[-1].split("-", 1)[-1]
    return FileResponse(opened, as_attachment=True, filename=name)


@require_POST
@partnership_view(Capability.EDIT)
def paper_withdraw(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    paper = get_paper(partnership, code)
    return act(
        request,
        lambda: services.paper_withdraw(paper=paper, by=request.user),
        to=redirect(paper.item),
        done=f"“{paper.title}” withdrawn",
    )
