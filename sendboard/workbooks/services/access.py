"""Who may import: the partnership's managers and editors."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, access_for


def require_editor(by: User, partnership: Partnership) -> None:
    if not access_for(by, partnership).can(Capability.EDIT):
        raise PermissionDenied("Only the partnership's managers and editors can import workbooks.")
