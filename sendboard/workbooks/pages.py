"""The Excel links on the plan's page and the risk register's."""

from sendboard.core.parts import Part
from sendboard.plans.page_parts import PLAN_TOOLS
from sendboard.risks.page_parts import REGISTER_TOOLS


def register() -> None:
    PLAN_TOOLS.contribute(Part(template="workbooks/_plan_tools.html"))
    REGISTER_TOOLS.contribute(Part(template="workbooks/_register_tools.html"))
