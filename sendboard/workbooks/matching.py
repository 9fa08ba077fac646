"""Finding the people and organisations a workbook names among the partnership's own."""

from sendboard.governance.models import Organisation, Partnership, Person
from sendboard.workbooks.cells import CellError, normalise


class People:
    """The partnership's people by name and by email, whatever their case and spacing."""

    def __init__(self, partnership: Partnership) -> None:
        self.found: dict[str, list[Person]] = {}
        for person in Person.objects.filter(partnership=partnership):
            for key in {normalise(person.name), normalise(person.email)} - {""}:
                self.found.setdefault(key, []).append(person)

    def named(self, name: str) -> Person:
        """The one person `name` names; `CellError` when it is none or several."""
        matches = self.found.get(normalise(name), [])
        if len(matches) > 1:
            raise CellError(f"More than one person is called '{name}': use their email")
        if not matches:
            raise UnknownPerson(name)
        return matches[0]


class UnknownPerson(CellError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"'{name}' is not a person of the partnership: add them under Groups, "
            "Everyone in the partnership"
        )


class Organisations:
    def __init__(self, partnership: Partnership) -> None:
        self.found = {
            normalise(name): organisation
            for organisation in Organisation.objects.filter(partnership=partnership)
            for name in (organisation.name, organisation.short_name)
            if name
        }

    def named(self, name: str) -> Organisation:
        try:
            return self.found[normalise(name)]
        except KeyError:
            raise CellError(
                f"'{name}' is not an organisation of the partnership: add it in the back "
                "office, or leave the cell blank"
            ) from None
