from sendboard.publishing.forms import SummaryForm


def test_a_summary_without_a_title_or_text_says_what_to_enter():
    form = SummaryForm({"title": "", "body": ""})
    assert form.errors["title"] == ["Enter the title of the summary"]
    assert form.errors["body"] == ["Enter the summary"]
