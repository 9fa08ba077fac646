"""Tests across the layers: a lower app's machinery or pages with the records of the
apps above it (the page cache through the action log, a meeting's page with its
actions). They sit outside every app, so no app imports one above it."""

from sendboard.meetings.tests.conftest import _media_in_tmp, meeting  # noqa: F401
