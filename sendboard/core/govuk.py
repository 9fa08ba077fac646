"""Make govuk-frontend-django fast enough to render a component per table row.

Its `GovUKComponent.render` builds a new Jinja environment, and so recompiles the
GOV.UK macros, on every call (about 9 ms each). The same markup comes from one shared
environment with a cache of compiled templates (about 0.1 ms).
"""

from functools import lru_cache

from django.utils.safestring import mark_safe
from govuk_frontend_django.components.base import GovUKComponent
from jinja2 import Environment, PackageLoader, PrefixLoader, Template, select_autoescape

_environment = Environment(
    loader=PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    autoescape=select_autoescape(),
)


@lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    return _environment.from_string(source)


def _without_none(data):
    if isinstance(data, dict):
        return {key: _without_none(value) for key, value in data.items() if value is not None}
    if isinstance(data, list):
        return [_without_none(item) for item in data]
    return data


def _render(self, template_name=None, context=None, renderer=None, component_data=None):
    data = {**self.__dict__, **(component_data or {})}
    return mark_safe(_compiled(self.build_jinja_template()).render(data=_without_none(data)))


def install() -> None:
    GovUKComponent.render = _render
    GovUKComponent.__str__ = _render
    GovUKComponent.__html__ = _render
