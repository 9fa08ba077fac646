"""What the capabilities above the risk register add to its pages (see `core.parts`).

The Excel workbooks offer the register as a spreadsheet among the register's tools.
"""

from sendboard.core.parts import Place

REGISTER_TOOLS = Place("register_tools")
