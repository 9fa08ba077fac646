from django import template

register = template.Library()


@register.filter
def grade_word(framework, level: int | None) -> str:
    """A level of the framework's scale in its words; "Not graded" when there is none."""
    return framework.grade_word(level) if level else "Not graded"


@register.filter
def percent(value: float | None) -> str:
    """A share from 0 to 1 as a whole percentage; "none" when there is nothing to share."""
    return "none" if value is None else f"{round(100 * value)}%"


@register.filter
def kappa(value: float | None) -> str:
    return "cannot be computed" if value is None else f"{value:.2f}"
