"""The Northshire demo: a fictional SEND partnership with a year of history ending today."""

from sendboard.core.demo.builder import (
    DemoResult,
    SignIn,
    demo_build,
    demo_counts,
    demo_remove,
    demo_sign_ins,
)
from sendboard.core.demo.casework import demo_casework_load

__all__ = [
    "DemoResult",
    "SignIn",
    "demo_build",
    "demo_casework_load",
    "demo_counts",
    "demo_remove",
    "demo_sign_ins",
]
