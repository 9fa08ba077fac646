"""The plan's page and the risk register offer themselves as Excel, and importing to editors."""

from django.urls import reverse

from sendboard.plans.tests.factories import ImprovementPlanFactory


def test_the_plan_page_offers_the_tracker_as_excel(persona, partnership):
    plan = ImprovementPlanFactory(partnership=partnership)
    download = reverse("plan_tracker_download", args=[partnership.slug, plan.code])
    upload = reverse("plan_tracker_upload", args=[partnership.slug])

    for_editor = persona["editor"].get(plan.get_absolute_url()).content.decode()
    for_member = persona["member"].get(plan.get_absolute_url()).content.decode()

    assert download in for_editor and upload in for_editor
    assert download in for_member and upload not in for_member


def test_the_risk_register_offers_itself_as_excel(persona, partnership):
    register = reverse("risk_list", args=[partnership.slug])

    page = persona["member"].get(register).content.decode()

    assert reverse("risk_register_download", args=[partnership.slug]) in page
    assert reverse("risk_register_upload", args=[partnership.slug]) not in page
