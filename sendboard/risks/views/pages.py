"""What the risk pages share: a risk for its owner or editors."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from sendboard.governance.models import Partnership
from sendboard.governance.permissions import may_change_owned
from sendboard.risks import queries
from sendboard.risks.models import Risk


def risk_for_owner(request: HttpRequest, partnership: Partnership, code) -> Risk:
    """The risk, for its owner and editors only.

    The service checks this too; asking first refuses the form, not only its saving.
    """
    risk = queries.risk_in(partnership, code)
    if not may_change_owned(request.access, [risk.owner]):
        raise PermissionDenied("Only editors and the risk's owner can review it.")
    return risk
