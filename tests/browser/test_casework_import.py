"""An analyst says once what the council's export calls things, imports the SEN2 XML
return, and reads what was not used and every figure, each empty one with its reason."""

import pytest
from playwright.sync_api import expect

from sendboard.casework.snapshot.sen2xml_write import sen2_only, xml_from_export
from sendboard.casework.tests.exports import write_export

from .helpers import assert_accessible, error_summary, sign_in, success_banner, visit

pytestmark = pytest.mark.browser


def test_an_analyst_names_the_export_imports_the_xml_return_and_reads_its_figures(
    new_context, partnership, people, settings, tmp_path
):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    xml = xml_from_export(sen2_only(write_export(tmp_path / "export")), tmp_path / "RETURN.xml")
    xml.write_text(xml.read_text().replace("<Sex>", "<Colour>red</Colour><Sex>"))
    page = new_context().new_page()
    sign_in(page, "analyst")
    visit(page, f"/{partnership.slug}/casework/")

    page.get_by_role(
        "link", name="say once what your export\N{RIGHT SINGLE QUOTATION MARK}s names mean"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your export\N{RIGHT SINGLE QUOTATION MARK}s own names"
    )
    page.get_by_label("Your export's own names").fill("[events]\nPanel A = panel_9")
    page.get_by_role("button", name="Save names").click()
    expect(error_summary(page)).to_contain_text("'panel_9' is not an event the engine knows")
    assert_accessible(page, "The export's names with an error")
    page.get_by_label("Your export's own names").fill("[events]\nPanel A = panel_1")
    page.get_by_role("button", name="Save names").click()
    expect(success_banner(page)).to_contain_text("Saved your export's names")

    page.get_by_label("Case-level export").set_input_files(str(xml))
    page.get_by_role("button", name="Import").click()
    expect(success_banner(page)).to_contain_text("1 warnings about what was not used")
    expect(page.get_by_text("Colour: is not an element the SEN2 return has")).to_be_visible()
    expect(page.get_by_text("event “panel a” as panel_1")).to_be_visible()
    expect(
        page.get_by_text("Not available: needs the date each final amended plan")
    ).to_be_visible()
    assert_accessible(page, "A snapshot imported from the XML return")
