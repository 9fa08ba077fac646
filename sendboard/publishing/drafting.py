"""The first draft of a public summary, written from a board meeting's records.

The draft follows the published summaries families already read: a section per
subgroup that reported, then decisions, escalations, the action log review, the month
ahead, next steps and how to get in touch. Names of people are swapped for their job
titles and acronyms are spelled out on first use; an editor then rewrites freely.
"""

from sendboard.actions.queries import action_log_review
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.queries import forward_plan_month_ahead
from sendboard.governance.models import Person
from sendboard.meetings.models import AgendaItem, Meeting, MinuteEntry
from sendboard.publishing import queries
from sendboard.publishing.markup import Block, compose
from sendboard.publishing.plain_english import expand_acronyms, without_names

Kind = MinuteEntry.Kind
# What a subgroup section says: what the group reported, not the board's own decisions
# and escalations, which have sections of their own below.
_REPORTED = (Kind.NOTE, Kind.RECOMMENDATION)


def summary_title(meeting: Meeting) -> str:
    # Families know the summaries by month, so the month stays the title. An extra meeting
    # in the same month is real board business and needs its own summary, so rather than
    # refuse it, its title names the day; the summary already written keeps its title.
    if queries.group_has_summary_in_month(meeting):
        return f"Summary of the {meeting.date:%-d %B %Y} Board Meeting"
    return f"Summary of the {meeting.date:%B %Y} Board Meeting"


def draft_body(meeting: Meeting) -> str:
    partnership = meeting.group.partnership
    items = queries.meeting_items(meeting, public=True)
    following = queries.next_meeting(meeting)
    blocks = [
        Block(
            "paragraph",
            f"The {meeting.group.name} met on {meeting.date:%-d %B %Y}. The board brings "
            "together the council, the NHS, schools and families to improve support for "
            "children and young people with special educational needs and disabilities (SEND). "
            "This summary tells you what the board heard, what it decided and what happens next.",
        )
    ]
    for item in items:
        blocks += _item_section(item)
    blocks += _bullets_section("Decisions", _decisions(items))
    blocks += _bullets_section("Issues raised with the board", _escalations(items))
    review = action_log_review(board=meeting.group, meeting=meeting).paragraph_public
    if review:
        blocks += [Block("heading", "Review of the action log"), Block("paragraph", review)]
    blocks += _bullets_section(
        "What's planned for the month ahead", _month_ahead(meeting, following)
    )
    blocks += [Block("heading", "Next steps"), *_next_steps(following)]
    blocks += [Block("heading", "Get in touch"), *_get_in_touch(partnership)]
    return compose(_for_the_public(blocks, _name_replacements(partnership)))


def _item_section(item: AgendaItem) -> list[Block]:
    if item.kind == AgendaItem.Kind.STANDING and item.reporting_group is None:
        return []
    reported = [entry.text for entry in item.entries.all() if entry.kind in _REPORTED]
    bullets = reported or ([item.description] if item.description.strip() else [])
    heading = item.reporting_group.name if item.reporting_group else item.title
    return _bullets_section(heading, bullets)


def _decisions(items: list[AgendaItem]) -> list[str]:
    decided = []
    for item in items:
        for entry in item.entries.all():
            if entry.kind == Kind.DECISION or (
                entry.kind == Kind.RECOMMENDATION and item.reporting_group is None
            ):
                decided.append(entry.text)
    return decided


def _escalations(items: list[AgendaItem]) -> list[str]:
    raised = []
    for item in items:
        for entry in item.entries.all():
            if entry.kind == Kind.ESCALATION:
                group = entry.escalated_from or item.reporting_group
                raised.append(f"From the {group.name}: {entry.text}" if group else entry.text)
    return raised


def _month_ahead(meeting: Meeting, following: Meeting | None) -> list[str]:
    planned = list(
        forward_plan_month_ahead(partnership=meeting.group.partnership, after=meeting.date)
    )
    if following is not None:
        planned += following.forward_plan_items.exclude(status=ForwardPlanItem.Status.DEFERRED)
    titles = [getattr(entry, "title", str(entry)) for entry in planned]
    return list(dict.fromkeys(titles))


def _next_steps(following: Meeting | None) -> list[Block]:
    steps = []
    if following is not None:
        steps.append(f"The next board meeting is on {following.date:%-d %B %Y}.")
    steps.append("The full minutes will be published once the board has agreed them.")
    return [Block("paragraph", " ".join(steps))]


def _get_in_touch(partnership) -> list[Block]:
    ways = []
    if partnership.contact_email:
        ways.append(f"Email the partnership at {partnership.contact_email}.")
    if partnership.local_offer_url:
        ways.append(f"Find out more on the local offer website: {partnership.local_offer_url}")
    if not ways:
        ways.append(f"Contact {partnership.local_authority} and ask for the SEND partnership team.")
    return [Block("paragraph", " ".join(ways))]


def _bullets_section(heading: str, bullets: list[str]) -> list[Block]:
    return [Block("heading", heading), Block("bullets", items=bullets)] if bullets else []


def _name_replacements(partnership) -> dict[str, str]:
    people = Person.objects.filter(partnership=partnership).values_list("name", "job_title")
    return {name: f"the {title}" if title else "a board member" for name, title in people if name}


def _one_line(text: str) -> str:
    # A stray "## " or "- " at the start would be read back as markup.
    return " ".join(text.split()).lstrip("#- ")


def _for_the_public(blocks: list[Block], names: dict[str, str]) -> list[Block]:
    """The blocks with names swapped for job titles and acronyms spelled out once, in order."""
    seen: set[str] = set()
    public = []
    for block in blocks:
        if block.kind == "heading":
            public.append(Block("heading", _one_line(without_names(block.text, names))))
            continue
        texts = [_one_line(without_names(text, names)) for text in (block.items or [block.text])]
        texts = expand_acronyms(texts, seen)
        public.append(
            Block("bullets", items=texts)
            if block.kind == "bullets"
            else Block("paragraph", texts[0])
        )
    return public
