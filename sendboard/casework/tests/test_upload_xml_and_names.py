"""The upload page takes the XML return, shows what was not used, and keeps the
partnership's own names from its form."""

import pytest
from django.urls import reverse

from sendboard.casework.models import ExportMapping, Snapshot
from sendboard.casework.snapshot.sen2xml_write import sen2_only, xml_from_export
from sendboard.casework.tests.exports import write_export
from sendboard.conftest import PERSONAS, expected_status


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()


def test_an_analyst_uploads_the_xml_return_and_sees_what_was_not_used(
    persona, partnership, people, tmp_path
):
    xml = xml_from_export(sen2_only(write_export(tmp_path / "export")), tmp_path / "RETURN.xml")
    xml.write_text(xml.read_text().replace("<Sex>", "<Colour>red</Colour><Sex>"))
    with xml.open("rb") as file:
        response = persona["analyst"].post(
            reverse("snapshot_list", args=[partnership.slug]), {"file": file}, follow=True
        )
    snapshot = Snapshot.objects.get()
    page = response.content.decode()
    assert snapshot.source_name == "RETURN.xml"
    assert "1 warnings about what was not used" in page
    assert "Colour: is not an element the SEN2 return has inside Person" in page


@pytest.mark.parametrize("who", PERSONAS)
def test_only_analysts_and_the_manager_set_the_export_names(persona, people, partnership, who):
    response = persona[who].get(reverse("export_mapping_edit", args=[partnership.slug]))
    assert response.status_code == expected_status(who, ("manager", "analyst"))


def test_the_names_form_keeps_the_names_and_refuses_a_line_it_cannot_use(
    persona, partnership, people
):
    url = reverse("export_mapping_edit", args=[partnership.slug])
    bad = persona["analyst"].post(url, {"text": "[events]\nPanel = panel_9"})
    assert bad.status_code == 200
    assert "mapping:2: &#x27;panel_9&#x27; is not an event" in bad.content.decode()
    good = persona["analyst"].post(url, {"text": "[events]\nPanel A = panel_1"})
    assert good.status_code == 302
    saved = ExportMapping.objects.get(partnership=partnership)
    assert saved.text == "[events]\npanel a = panel_1"
    again = persona["analyst"].get(url).content.decode()
    assert "panel a = panel_1" in again


def test_an_upload_is_read_with_the_partnership_names(persona, partnership, people, tmp_path):
    persona["analyst"].post(
        reverse("export_mapping_edit", args=[partnership.slug]),
        {"text": "[columns]\nrequests.Date Received = receiveddate"},
    )
    export = write_export(tmp_path / "export", only=("referrals.csv",))
    path = export / "referrals.csv"
    path.write_text(path.read_text().replace("referraldate", "Date Received"))
    with path.open("rb") as file:
        response = persona["analyst"].post(
            reverse("snapshot_list", args=[partnership.slug]), {"file": file}
        )
    # The mapping names the requests table only, so the referral column is still unknown.
    assert "referrals.csv:1: referraldate: missing required column" in response.content.decode()


def test_a_column_the_import_does_not_read_is_shown_on_the_upload_result(
    persona, partnership, people, tmp_path
):
    export = write_export(tmp_path / "export", only=("referrals.csv",))
    path = export / "referrals.csv"
    path.write_text(path.read_text().replace("ageband", "Age Band Now"))
    with path.open("rb") as file:
        response = persona["analyst"].post(
            reverse("snapshot_list", args=[partnership.slug]), {"file": file}, follow=True
        )
    page = response.content.decode()
    assert "1 warnings about what was not used" in page
    assert "referrals.csv:1: Age Band Now: is not a column the import reads" in page
    assert Snapshot.objects.get().warnings[0].startswith("referrals.csv:1: Age Band Now:")
