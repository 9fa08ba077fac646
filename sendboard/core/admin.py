"""Back-office pieces every capability shares."""


class ReadOnlyAdminMixin:
    """For records only a service may write: the back office shows them, never changes them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
