"""A fresh sendboard installation for a benchmark: SQLite in a temporary folder, with
production settings (no debug toolbar, templates cached) and every migration run."""

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def scratch_installation(name: str, *, keep: bool = False) -> Iterator[str]:
    """Set Django up on a new database and yield its data folder, removed afterwards
    unless kept. Settings are read once, at set-up: the folder must be chosen first."""
    data_dir = tempfile.mkdtemp(prefix=f"sendboard-{name}-")
    try:
        os.environ["SENDBOARD_DATA_DIR"] = data_dir
        Path(data_dir, "static").mkdir()
        os.environ.pop("DATABASE_URL", None)
        os.environ["DEBUG"] = "false"
        os.environ["ALLOWED_HOSTS"] = "testserver"
        os.environ["SECURE_COOKIES"] = "false"
        os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendboard.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        yield data_dir
    finally:
        if not keep:
            shutil.rmtree(data_dir, ignore_errors=True)
