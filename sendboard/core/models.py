"""Pieces every capability's models share."""

import uuid

from django.db import models


class Tracked(models.Model):
    """A record edited by several people: a UUID for URLs and a version for stale edits.

    `version` goes up by one on every save through `sendboard.core.services.save_tracked`;
    a form carries the version it was opened at, and a save from an older version is
    refused with `StaleEdit`.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
