"""What the capabilities above plans add to its pages (see `core.parts`).

The risk register lists the risks that threaten a line on the line's page; the Excel
workbooks offer the plan as a spreadsheet among the plan page's tools.
"""

from sendboard.core.parts import Place

LINE_PAGE = Place("line_parts")
PLAN_TOOLS = Place("plan_tools")
