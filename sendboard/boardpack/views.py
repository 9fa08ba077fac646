"""The board pack's page, building it from the meeting page, and its files."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendboard.boardpack import queries, services
from sendboard.boardpack.contents import pack_for
from sendboard.boardpack.pdf import pack_context
from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import act
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.meetings.queries import meeting_in


@partnership_view(Capability.VIEW)
@cached_for_reader
def board_pack(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = meeting_in(partnership, code)
    context = pack_context(pack_for(meeting), printing=False)
    context["board_pack"] = queries.latest_pack(meeting)
    context["can_edit"] = request.access.can(Capability.EDIT)
    return render(request, "boardpack/pack.html", context)


@require_POST
@partnership_view(Capability.EDIT)
def board_pack_build(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = meeting_in(partnership, code)
    return act(
        request,
        lambda: services.board_pack_build(
            meeting=meeting, site=request.build_absolute_uri("/"), by=request.user
        ),
        to=redirect("board_pack", partnership.slug, meeting.code),
        done="The board pack was built. Download the Word or PDF file below.",
    )


@partnership_view(Capability.VIEW)
def board_pack_word(request: HttpRequest, partnership: Partnership, code) -> FileResponse:
    return _download(queries.pack_in(partnership, code).word)


@partnership_view(Capability.VIEW)
def board_pack_pdf(request: HttpRequest, partnership: Partnership, code) -> FileResponse:
    return _download(queries.pack_in(partnership, code).pdf)


def _download(file) -> FileResponse:
    try:
        opened = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("This file of the board pack is missing; build the pack again.") from missing
    # The stored name ends with the readable one: "<8 hex>-board-2025-06-03-board-pack.pdf".
    name = file.name.rsplit("/", 1)[-1].split("-", 1)[-1]
    return FileResponse(opened, as_attachment=True, filename=name)
