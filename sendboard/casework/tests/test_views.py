"""The analyst's casework pages: who may see them, the upload, the figures and the
drill-downs (which never reach anyone but the analyst role)."""

import datetime
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from sendboard.casework.models import Snapshot
from sendboard.casework.tests.builders import SnapshotBuilder
from sendboard.casework.tests.exports import write_export
from sendboard.conftest import PERSONAS
from sendboard.performance.models import Observation
from sendboard.performance.tests.factories import SnapshotFactory

ANALYSTS = ("manager", "analyst")
EXPECTED = {"anonymous": 302, **{who: 200 for who in ANALYSTS}}


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()


@pytest.fixture
def snapshot(partnership, people):
    builder = SnapshotBuilder()
    builder.plan(received="2024-01-08", issued="2024-05-27", team="North")  # 140 days
    builder.plan(received="2024-01-08", issued="2024-05-28", team="North")  # 141 days
    builder.plan(received="2024-03-04", issued="2024-07-15", week20=1, team="South")
    for _ in range(7):
        builder.plan(received="2024-02-01", issued="2024-04-01", team="North")
    found = SnapshotFactory(partnership=partnership, as_at=datetime.date(2025, 1, 16))
    builder.write(found.folder, as_at="2025-01-16")
    return found


def _url(name: str, snapshot: Snapshot, *args) -> str:
    return reverse(name, args=[snapshot.partnership.slug, snapshot.code, *args])


def _zipped_export(tmp_path, **changes) -> Path:
    folder = write_export(tmp_path / "export", **changes)
    archive = tmp_path / "northshire-sen2.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in folder.iterdir():
            out.write(file, file.name)
    return archive


@pytest.mark.parametrize("who", PERSONAS)
def test_only_analysts_and_the_manager_see_the_snapshot_list(persona, partnership, people, who):
    response = persona[who].get(reverse("snapshot_list", args=[partnership.slug]))
    assert response.status_code == EXPECTED.get(who, 403)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_analysts_and_the_manager_see_a_snapshots_figures(persona, snapshot, who):
    response = persona[who].get(_url("snapshot_detail", snapshot))
    assert response.status_code == EXPECTED.get(who, 403)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_analysts_and_the_manager_see_a_drill_down(persona, snapshot, who):
    response = persona[who].get(_url("snapshot_indicator", snapshot, "ehcp_20w_incl"))
    assert response.status_code == EXPECTED.get(who, 403)


@pytest.mark.parametrize("who", ("member", "chair", "viewer", "editor", "auditor"))
def test_a_drill_down_is_never_shown_to_a_member(persona, snapshot, who):
    response = persona[who].get(
        _url("snapshot_indicator", snapshot, "ehcp_20w_incl"),
        {"period_type": "calendar-year", "period": "2024"},
    )

    assert response.status_code == 403
    assert b"R0000" not in response.content


def test_the_snapshot_list_shows_the_manifest_and_reads_few_queries(
    persona, snapshot, django_assert_max_num_queries
):
    SnapshotFactory(partnership=snapshot.partnership, as_at=datetime.date(2024, 1, 18))
    client = persona["analyst"]

    with django_assert_max_num_queries(7):
        response = client.get(reverse("snapshot_list", args=[snapshot.partnership.slug]))

    page = response.content.decode()
    assert "16 January 2025" in page
    assert "18 January 2024" in page
    assert "northshire-sen2.zip" in page


def test_an_analyst_imports_a_zipped_export(persona, partnership, people, tmp_path, settings):
    archive = _zipped_export(tmp_path)

    with archive.open("rb") as file:
        response = persona["analyst"].post(
            reverse("snapshot_list", args=[partnership.slug]), {"file": file}
        )

    snapshot = Snapshot.objects.get()
    assert response.status_code == 302
    assert response.url == _url("snapshot_detail", snapshot)
    assert snapshot.partnership == partnership
    assert snapshot.imported_by == people["analyst"].user
    assert snapshot.source_name == "northshire-sen2.zip"


def test_an_export_with_problems_imports_nothing_and_lists_each_problem(
    persona, partnership, people, tmp_path
):
    archive = _zipped_export(
        tmp_path,
        changes={"requests.csv": {2: {"requestoutcome": "Q"}, 3: {"receiveddate": "2024-13-40"}}},
    )

    with archive.open("rb") as file:
        response = persona["analyst"].post(
            reverse("snapshot_list", args=[partnership.slug]), {"file": file}
        )

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "requests.csv:2: requestoutcome:" in page
    assert "requests.csv:3: receiveddate:" in page
    assert "Nothing was imported" in page
    assert not Snapshot.objects.exists()


def test_it_refuses_a_file_that_is_not_an_export(persona, partnership, people, tmp_path):
    document = tmp_path / "minutes.docx"
    document.write_bytes(b"not an export")

    with document.open("rb") as file:
        response = persona["analyst"].post(
            reverse("snapshot_list", args=[partnership.slug]), {"file": file}
        )

    assert "must be an .xml, .zip, .xlsx or .csv" in response.content.decode()
    assert not Snapshot.objects.exists()


def test_the_snapshot_page_shows_every_indicator_with_what_was_left_out(persona, snapshot):
    response = persona["analyst"].get(
        _url("snapshot_detail", snapshot), {"period_type": "calendar-year", "period": "2024"}
    )

    page = response.content.decode()
    assert "Figures for 2024" in page
    assert "EHC plans issued within 20 weeks, excluding exceptions" in page
    assert "88.9%" in page  # 8 of 9 without the exception
    assert "20-week exception applies (week20 = 1): 1" in page
    assert "Choices in force" in page
    assert "Inclusive (day 7N is within N weeks)" in page
    assert "Where the delay sits" in page


def test_the_choices_change_the_figures_and_are_shown(persona, snapshot):
    response = persona["analyst"].get(
        _url("snapshot_detail", snapshot),
        {"period_type": "month", "period": "2024-05", "weeks": "exclusive"},
    )

    page = response.content.decode()
    assert "Exclusive (day 7N is late)" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">0.0%' in page


def test_a_period_that_cannot_be_read_is_explained(persona, snapshot):
    response = persona["analyst"].get(
        _url("snapshot_detail", snapshot), {"period_type": "month", "period": "May"}
    )

    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "is not a period" in page


def test_the_projection_says_what_it_is_and_takes_a_what_if_capacity(persona, snapshot):
    response = persona["analyst"].get(
        _url("snapshot_detail", snapshot),
        {"period_type": "calendar-year", "period": "2024", "capacity": "12"},
    )

    page = response.content.decode()
    assert "This is a projection, not a prediction" in page
    assert "Completions: 12.0 a month (what-if capacity)." in page
    assert "projected at 12.0 a month" in page


def test_an_analyst_sees_the_cases_behind_a_figure_by_pseudonymous_id(persona, snapshot):
    response = persona["analyst"].get(
        _url("snapshot_indicator", snapshot, "ehcp_20w_excl"),
        {"period_type": "calendar-year", "period": "2024"},
    )

    page = response.content.decode()
    assert "Cases 1 to 10 of 10" in page
    assert "R000002" in page
    assert "20-week exception applies (week20 = 1)" in page


def test_breakdowns_hide_small_groups(persona, snapshot):
    response = persona["analyst"].get(
        _url("snapshot_indicator", snapshot, "ehcp_20w_incl"),
        {"period_type": "calendar-year", "period": "2024"},
    )

    page = response.content.decode()
    assert "By team or locality" in page
    assert "Hidden: small numbers" in page


def test_the_drill_down_pages_keep_the_period(persona, partnership, people):
    builder = SnapshotBuilder()
    for _ in range(60):
        builder.plan(received="2024-01-08", issued="2024-05-20")
    found = SnapshotFactory(partnership=partnership, as_at=datetime.date(2025, 1, 16))
    builder.write(found.folder, as_at="2025-01-16")

    response = persona["analyst"].get(
        _url("snapshot_indicator", found, "ehcp_20w_incl"),
        {"period_type": "month", "period": "2024-05"},
    )

    page = response.content.decode()
    assert "Cases 1 to 50 of 60" in page
    assert "period_type=month&amp;period=2024-05&amp;page=2" in page


def test_an_unknown_indicator_is_not_found(persona, snapshot):
    response = persona["analyst"].get(_url("snapshot_indicator", snapshot, "no_such_thing"))
    assert response.status_code == 404


def test_another_partnerships_snapshot_is_not_found(persona, snapshot, partnership):
    other = SnapshotFactory(partnership__slug="southshire", partnership__name="Southshire")

    response = persona["analyst"].get(
        reverse("snapshot_detail", args=[partnership.slug, other.code])
    )

    assert response.status_code == 404


def test_adding_a_snapshot_to_the_boards_figures_stores_observations(persona, snapshot):
    response = persona["analyst"].post(_url("snapshot_publish_figures", snapshot))

    assert response.status_code == 302
    assert response.url == reverse("scorecard", args=[snapshot.partnership.slug])
    may = Observation.objects.get(indicator__key="ehcp_20w_incl", period_label="May 2024")
    assert (may.numerator, may.denominator, may.snapshot) == (1, 2, snapshot)


def test_a_withdrawn_snapshot_is_refused_with_a_message_on_its_page(persona, snapshot):
    Snapshot.objects.filter(pk=snapshot.pk).update(status=Snapshot.Status.WITHDRAWN)

    response = persona["analyst"].post(_url("snapshot_publish_figures", snapshot), follow=True)

    assert response.redirect_chain[-1][0] == _url("snapshot_detail", snapshot)
    assert "was withdrawn, so its figures cannot be used" in response.content.decode()
    assert not Observation.objects.exists()


@pytest.mark.parametrize("who", ("member", "editor", "viewer"))
def test_only_analysts_add_a_snapshot_to_the_boards_figures(persona, snapshot, who):
    response = persona[who].post(_url("snapshot_publish_figures", snapshot))

    assert response.status_code == 403
    assert not Observation.objects.exists()


@pytest.mark.parametrize("name", ("snapshot_detail", "snapshot_indicator"))
def test_the_snapshot_pages_read_a_bounded_number_of_queries(
    persona, snapshot, name, django_assert_max_num_queries
):
    args = ("ehcp_20w_incl",) if name == "snapshot_indicator" else ()
    client = persona["analyst"]

    with django_assert_max_num_queries(7):
        response = client.get(
            _url(name, snapshot, *args), {"period_type": "calendar-year", "period": "2024"}
        )

    assert response.status_code == 200
