"""Northshire's figures tell the story the plan tells, and the pages show it."""

from decimal import Decimal

from django.test import Client
from django.urls import reverse

from sendboard.performance.models import Commentary, Rag


def test_the_standard_set_has_three_years_of_figures_owners_and_scorecards(demo, db):
    waits = demo.indicators.get(key="autism_wait_median")
    assert waits.observations.filter(period_type="month").count() == 36
    assert waits.owner.name == "Aisha Bello"
    assert waits.targets.count() == 2
    assert waits.benchmarks.filter(series="neighbours").count() == 36
    assert demo.scorecards.count() == 4
    assert demo.indicators.get(key="pupils_ehcp_pct").benchmarks.get().value == Decimal("5.3")


def test_the_commentary_quotes_the_records(demo, db):
    waits = demo.indicators.get(key="autism_wait_median")
    latest = waits.observations.filter(superseded_by__isnull=True).order_by("-period_start")[0]
    note = Commentary.objects.get(indicator=waits)
    assert f"was {latest.value:.1f} weeks in {latest.period_label}" in note.telling_us
    assert note.has_exception_note
    assert waits.rag(latest.value, target=26) == Rag.RED


def test_the_dashboard_asks_for_the_therapy_exception_note(demo, db):
    client = Client()
    assert client.login(username="northshire.viewer", password="demo-viewer")
    response = client.get(reverse("scorecard", args=[demo.slug]))
    page = response.content.decode()
    assert "Speech and language therapy: median wait" in page
    assert "Exception note needed from Claire Donnelly" in page


def test_families_read_the_published_figures_without_signing_in(demo, db):
    page = Client().get(reverse("public_figures", args=[demo.slug])).content.decode()
    assert "How many of every hundred pupils" in page
    assert "Annual reviews held on time" in page
