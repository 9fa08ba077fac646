"""Whether this installation can serve: the database answers and every migration is applied."""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor


@dataclass(frozen=True)
class Health:
    database: str
    migrations: str

    @property
    def ok(self) -> bool:
        return self.database == "ok" and self.migrations == "applied"


def health() -> Health:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return Health(database=f"not answering: {error.__class__.__name__}", migrations="unknown")
    if pending:
        waiting = f"{len(pending)} not applied: run sendboard migrate"
        return Health(database="ok", migrations=waiting)
    return Health(database="ok", migrations="applied")
