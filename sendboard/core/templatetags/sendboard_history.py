"""`{% change_history record %}`: who changed what and when, from django-simple-history."""

from django import template

register = template.Library()

_HIDDEN = {"version", "updated_at", "created_at", "id", "code"}


def _changes(newer, older) -> list[dict]:
    if older is None:
        return []
    delta = newer.diff_against(older, foreign_keys_are_objs=False)
    return [
        {
            "field": newer.instance_type._meta.get_field(change.field).verbose_name,
            "old": change.old,
            "new": change.new,
        }
        for change in delta.changes
        if change.field not in _HIDDEN
    ]


@register.inclusion_tag("core/change_history.html")
def change_history(record, limit: int = 50) -> dict:
    records = list(
        record.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries = [
        {
            "when": newer.history_date,
            "who": newer.history_user,
            "kind": newer.get_history_type_display(),
            "reason": newer.history_change_reason,
            "changes": _changes(newer, records[index + 1] if index + 1 < len(records) else None),
        }
        for index, newer in enumerate(records[:limit])
    ]
    return {"entries": entries}
