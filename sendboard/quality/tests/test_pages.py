"""The quality assurance pages: who reaches what, and a month end to end through them."""

import datetime
import io
import json

import pytest
from django.urls import reverse

from sendboard.conftest import expected_status
from sendboard.quality.framework_file import shipped_framework
from sendboard.quality.models import Audit, Framework, Moderation, QualitySettings

SECTIONS = tuple("ABCDEFGHIJK")


def _url(name, partnership, *args):
    return reverse(name, args=[partnership.slug, *args])


def _audit_post(audit, grade, *, submit=False):
    data = {f"section_{key}": str(grade) for key in SECTIONS}
    data |= {
        "opened_version": audit.version,
        "stage": "final",
        "kind": "education",
        "advice_health": "not_applicable",
        "advice_education": str(grade),
        "strengths": "Clear voice of the child",
        "improvements": "",
        "themes": "Outcomes not specific, Health advice missing",
    }
    if submit:
        data["submit"] = "1"
    return data


@pytest.mark.parametrize("who", ["manager", "auditor", "viewer", "member", "outsider", "anonymous"])
def test_everyone_in_the_partnership_reads_the_home_and_figures(persona, partnership, people, who):
    allowed = {"manager", "auditor", "viewer", "member"}
    for name in (
        "quality_home",
        "quality_figures",
        "quality_learning",
        "quality_moderation_report",
    ):
        response = persona[who].get(_url(name, partnership))
        assert response.status_code == expected_status(who, allowed), name


@pytest.mark.parametrize("who", ["manager", "auditor", "viewer", "anonymous"])
def test_auditors_and_managers_reach_the_audits_and_their_feedback(
    persona, partnership, people, who
):
    for name in ("quality_audits", "quality_feedback"):
        response = persona[who].get(_url(name, partnership))
        assert response.status_code == expected_status(who, {"manager", "auditor"}), name


@pytest.mark.parametrize("who", ["manager", "auditor", "editor", "viewer", "anonymous"])
def test_only_the_manager_sets_the_target_and_draws(persona, partnership, people, who):
    for name in ("quality_settings", "quality_sample_draw", "quality_audit_assign"):
        response = persona[who].get(_url(name, partnership))
        assert response.status_code == expected_status(who, {"manager"}), name


def test_an_auditor_reaches_only_their_own_audits(persona, partnership, people, framework):
    from sendboard.quality import services

    theirs = services.audit_assign(
        partnership=partnership,
        plan_id="R1",
        auditor=people["manager"],
        month=datetime.date(2025, 3, 1),
        stage="final",
        kind="education",
        by=people["manager"].user,
    )
    assert persona["auditor"].get(theirs.get_absolute_url()).status_code == 404
    assert persona["viewer"].get(theirs.get_absolute_url()).status_code == 403
    assert persona["manager"].get(theirs.get_absolute_url()).status_code == 200


def test_a_framework_file_with_problems_is_refused_with_each_named(persona, partnership, people):
    spec = shipped_framework() | {"scale": ["Poor", "Good"], "thresholds": {"Good": "high"}}
    upload = io.BytesIO(json.dumps(spec).encode())
    upload.name = "framework.json"
    response = persona["manager"].post(_url("quality_frameworks", partnership), {"file": upload})
    assert response.status_code == 200
    text = response.content.decode()
    assert "thresholds: give the lowest weighted mean" in text
    assert "scale: give 4 or 5 grades, not 2" in text
    assert (
        "sections[1].criteria[1].descriptors: Inadequate, Outstanding, Requires improvement" in text
    )
    assert not Framework.objects.exists()


def test_a_changed_framework_is_the_next_version_and_old_audits_keep_theirs(
    persona, partnership, people, framework
):
    spec = shipped_framework()
    spec["sections"][0]["weight"] = 2
    upload = io.BytesIO(json.dumps(spec).encode())
    upload.name = "framework-v2.json"
    response = persona["manager"].post(_url("quality_frameworks", partnership), {"file": upload})
    assert response.status_code == 302
    assert list(Framework.objects.values_list("number", flat=True).order_by("number")) == [1, 2]


def test_a_month_end_to_end(persona, partnership, people, framework, snapshot, settings):
    settings.PAGE_CACHE_SECONDS = 0
    QualitySettings.objects.create(
        partnership=partnership, target_percent=5, moderation_percent=100
    )
    month = datetime.date.today().replace(day=1)
    response = persona["manager"].post(
        _url("quality_sample_draw", partnership),
        {"month": month.isoformat(), "auditors": [people["auditor"].pk], "seed": "42"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    audits = list(Audit.objects.filter(month=month))
    assert len(audits) == 4  # 5% of 64 is 3.2, rounded up
    home = persona["manager"].get(_url("quality_home", partnership)).content.decode()
    assert "0 of 4 (0%)" in home
    audit = audits[0]
    response = persona["auditor"].post(audit.get_absolute_url(), _audit_post(audit, 3, submit=True))
    assert response.status_code == 302
    audit.refresh_from_db()
    assert (audit.status, audit.grade) == (Audit.Status.SUBMITTED, 3)
    moderation = Moderation.objects.get(audit=audit)
    page = persona["manager"].get(_url("quality_moderation", partnership, moderation.code))
    assert "Evidence for" not in page.content.decode()  # blind
    response = persona["manager"].post(
        _url("quality_moderation", partnership, moderation.code),
        {f"section_{key}": "2" for key in SECTIONS} | {"opened_version": moderation.version},
    )
    assert response.status_code == 302
    moderation.refresh_from_db()
    response = persona["manager"].post(
        _url("quality_moderation", partnership, moderation.code),
        {"agreed_grade": "3", "note": "Agreed good", "opened_version": moderation.version},
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert (audit.status, audit.final_grade) == (Audit.Status.FINAL, 3)
    figures = persona["manager"].get(_url("quality_figures", partnership)).content.decode()
    assert "100.0% of 1 plans audited were good or better" in figures
    report = persona["manager"].get(_url("quality_moderation_report", partnership)).content.decode()
    assert "Overall grade, by month" in report
    learning = persona["viewer"].get(_url("quality_learning", partnership)).content.decode()
    assert "1 audits were completed against a target of 4" in learning
    assert "outcomes not specific (1)" in learning


def test_public_readers_see_small_counts_suppressed(persona, partnership, people, framework):
    from sendboard.quality import services

    audit = services.audit_assign(
        partnership=partnership,
        plan_id="R1",
        auditor=people["auditor"],
        month=datetime.date.today(),
        stage="final",
        kind="education",
        by=people["manager"].user,
    )
    QualitySettings.objects.create(partnership=partnership, moderation_percent=0)
    services.audit_save(
        audit=audit,
        grades={k: (3, "") for k in SECTIONS},
        advice={},
        strengths="",
        improvements="",
        opened_version=audit.version,
        by=people["auditor"].user,
    )
    audit.refresh_from_db()
    services.audit_submit(audit=audit, opened_version=audit.version, by=people["auditor"].user)
    viewer = persona["viewer"].get(_url("quality_figures", partnership)).content.decode()
    auditor = persona["auditor"].get(_url("quality_figures", partnership)).content.decode()
    assert "Too few plans were audited to show the share" in viewer
    assert "100.0% of 1 plans audited" in auditor


def test_the_figures_page_reads_few_queries(
    persona, partnership, people, framework, django_assert_max_num_queries, without_page_cache
):
    client = persona["viewer"]  # signed in before counting
    client.get(_url("quality_home", partnership))
    with django_assert_max_num_queries(20):
        assert client.get(_url("quality_figures", partnership)).status_code == 200


def test_the_home_and_audit_list_read_few_queries(
    persona, partnership, people, framework, snapshot, target, django_assert_max_num_queries
):
    from sendboard.quality import services

    services.sample_draw(
        partnership=partnership,
        month=datetime.date.today(),
        auditors=[people["auditor"], people["manager"]],
        by=people["manager"].user,
    )
    client = persona["manager"]
    client.get(_url("quality_home", partnership))
    with django_assert_max_num_queries(20):
        assert client.get(_url("quality_home", partnership)).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(_url("quality_audits", partnership)).status_code == 200


def test_an_audit_in_moderation_is_hidden_from_its_moderator_until_graded(
    persona, partnership, people, framework
):
    from sendboard.quality import services

    QualitySettings.objects.create(partnership=partnership, moderation_percent=100)
    audit = services.audit_assign(
        partnership=partnership,
        plan_id="R7",
        auditor=people["auditor"],
        month=datetime.date.today(),
        stage="final",
        kind="education",
        by=people["manager"].user,
    )
    persona["auditor"].post(audit.get_absolute_url(), _audit_post(audit, 3, submit=True))
    page = persona["manager"].get(audit.get_absolute_url()).content.decode()
    assert "Hidden until the moderator has graded the plan" in page
    assert "weighted mean" not in page
    own = persona["auditor"].get(audit.get_absolute_url()).content.decode()
    assert "Hidden until" not in own
    assert "Good (weighted mean 3.00)" in own


def test_the_home_lists_only_the_readers_own_audits_to_complete(
    persona, partnership, people, framework, snapshot, target
):
    from sendboard.quality import services

    services.sample_draw(
        partnership=partnership,
        month=datetime.date.today(),
        auditors=[people["auditor"], people["manager"]],
        by=people["manager"].user,
    )
    for who in ("manager", "auditor"):
        mine = Audit.objects.filter(auditor=people[who])
        page = persona[who].get(_url("quality_home", partnership)).content.decode()
        assert f"{mine.count()} audits assigned to you and not yet submitted" in page
        for audit in Audit.objects.exclude(auditor=people[who]):
            assert audit.plan_id not in page
