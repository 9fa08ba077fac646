"""`{% change_history record %}`: who changed what and when, from django-simple-history."""

from collections import defaultdict

from django import template
from django.db import models

register = template.Library()

_HIDDEN = {"version", "updated_at", "created_at", "id", "code"}


def _related(field: models.Field) -> tuple[type[models.Model], str] | None:
    """The model a relation points to, and how simple-history names it in an m2m row."""
    if field.many_to_many:
        return field.related_model, field.m2m_reverse_field_name()
    if field.many_to_one or field.one_to_one:
        return field.related_model, ""
    return None


def _raw_changes(newer, older) -> list[tuple[models.Field, object, object]]:
    if older is None:
        return []
    delta = newer.diff_against(older, foreign_keys_are_objs=False)
    model = newer.instance_type
    return [
        (model._meta.get_field(change.field), change.old, change.new)
        for change in delta.changes
        if change.field not in _HIDDEN
    ]


def _keys(field: models.Field, value) -> list:
    """The primary keys a relation's value holds: one for a foreign key, a list for m2m."""
    if value in (None, ""):
        return []
    if field.many_to_many:
        _, name = _related(field)
        return [row[name] for row in value]
    return [value]


def _shown(field: models.Field, value, names: dict) -> str:
    """A value as a reader knows it: a choice's label, a person's name, Yes or No."""
    relation = _related(field)
    if relation is not None:
        model, _ = relation
        shown = [names[model].get(key, "a deleted record") for key in _keys(field, value)]
        return ", ".join(sorted(shown))
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value


# Beyond this, a text is a document (a summary's body, an action's description): showing it
# whole before and after each change buries the history, so only its size is given.
LONG_TEXT = 200


def _change(field: models.Field, old, new, names: dict) -> dict:
    if isinstance(field, models.TextField) and max(len(old or ""), len(new or "")) > LONG_TEXT:
        return {"field": field.verbose_name, "old": "", "new": "", "summary": _sized(old, new)}
    return {
        "field": field.verbose_name,
        "old": _shown(field, old, names),
        "new": _shown(field, new, names),
        "summary": "",
    }


def _sized(old: str | None, new: str | None) -> str:
    """A long text's change as a reader can weigh it without reading both versions."""
    if not old:
        return f"added, {len(new):,} characters"
    if not new:
        return f"removed, {len(old):,} characters"
    return f"changed, from {len(old):,} to {len(new):,} characters"


def _names(raw: list[list[tuple[models.Field, object, object]]]) -> dict:
    """Every related record the changes mention, read with one query per model."""
    wanted = defaultdict(set)
    for changes in raw:
        for field, old, new in changes:
            if (relation := _related(field)) is not None:
                wanted[relation[0]].update(_keys(field, old) + _keys(field, new))
    return {
        model: {record.pk: str(record) for record in model._default_manager.filter(pk__in=keys)}
        for model, keys in wanted.items()
    }


@register.inclusion_tag("core/change_history.html")
def change_history(record, limit: int = 50) -> dict:
    # Rows often share a time (one request's save and its owners, the demo's clock, a
    # coarse clock): only the order they were written in says which came first, and
    # each row is compared with the one before it. Simple-history's own order is that:
    # newest first, then last written first.
    records = list(record.history.select_related("history_user")[: limit + 1])
    raw = [
        _raw_changes(newer, records[index + 1] if index + 1 < len(records) else None)
        for index, newer in enumerate(records[:limit])
    ]
    names = _names(raw)
    entries = [
        {
            "when": newer.history_date,
            "who": newer.history_user,
            "kind": newer.get_history_type_display(),
            "reason": newer.history_change_reason,
            "changes": [_change(field, old, new, names) for field, old, new in changes],
        }
        for newer, changes in zip(records[:limit], raw, strict=True)
    ]
    return {"entries": entries}
