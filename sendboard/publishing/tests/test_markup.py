from django.template.loader import render_to_string

from sendboard.publishing.markup import Block, compose, parse, prose


def test_it_reads_headings_bullets_and_paragraphs():
    blocks = parse(
        "## Continuous Improvement Group\n- More plans were finished.\n- Waits are shorter.\n\n"
        "The board met in September.\nIt heard three reports.\n\n## Get in touch\nEmail us."
    )

    assert blocks == [
        Block("heading", "Continuous Improvement Group"),
        Block("bullets", items=["More plans were finished.", "Waits are shorter."]),
        Block("paragraph", "The board met in September. It heard three reports."),
        Block("heading", "Get in touch"),
        Block("paragraph", "Email us."),
    ]


def test_it_ignores_empty_headings_and_bullets_and_windows_line_endings():
    assert parse("##\r\n-\r\n\r\nText\r\n") == [Block("paragraph", "Text")]


def test_it_keeps_a_hash_or_dash_without_a_space_as_text():
    assert parse("#1 priority\n-5 days") == [Block("paragraph", "#1 priority -5 days")]


def test_compose_gives_back_what_parse_read():
    body = "## Decisions\n\n- The board agreed the plan.\n\nA paragraph.\n"

    assert compose(parse(body)) == body


def test_prose_leaves_out_headings():
    assert prose(parse("## Heading\n\n- One\n\nTwo")) == ["One", "Two"]


def test_a_script_typed_in_the_body_renders_as_text():
    blocks = parse(
        '## <script>alert("x")</script>\n\n- <b>bold</b>\n\n<img src=x onerror=alert(1)>'
    )

    html = render_to_string("publishing/summary_body.html", {"blocks": blocks})

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>" not in html
    assert "<img" not in html
