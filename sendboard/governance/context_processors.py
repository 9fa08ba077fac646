from django.http import HttpRequest
from django.urls import reverse

from sendboard.governance.permissions import Capability

# (label, url name, capability needed, first path segment that marks it active). The
# partnership's home is the header's "sendboard" link, as a service's name is on GOV.UK;
# the groups and people, set up once and seldom visited, are linked from that home so the
# menu stays on one line.
_SECTIONS = (
    ("Meetings", "meeting_list", Capability.VIEW, "meetings"),
    ("Action log", "action_list", Capability.VIEW, "actions"),
    ("Forward plan", "forward_plan", Capability.VIEW, "forward-plan"),
    ("Plans", "plan_list", Capability.VIEW, "plans"),
    ("Risks", "risk_list", Capability.VIEW, "risks"),
    ("Summaries", "summary_list", Capability.VIEW, "summaries"),
    ("Figures", "scorecard", Capability.VIEW, "figures"),
    ("Casework", "snapshot_list", Capability.ANALYSE, "casework"),
    ("Quality", "quality_home", Capability.VIEW, "quality"),
)


def partnership(request: HttpRequest) -> dict:
    access = getattr(request, "access", None)
    if access is None:
        return {"navigation": []}
    slug = access.partnership.slug
    if not access.capabilities:
        return {
            "navigation": [
                {
                    "text": "Published pages",
                    "href": reverse("public_home", args=[slug]),
                    "active": True,
                }
            ]
        }
    section = request.path.strip("/").split("/")[1:2]
    current = section[0] if section else ""
    return {
        "navigation": [
            {"text": text, "href": reverse(name, args=[slug]), "active": current == marker}
            for text, name, capability, marker in _SECTIONS
            if access.can(capability)
        ]
    }
