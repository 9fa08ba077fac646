"""`sendboard serve`: the production web server, gunicorn, with static files from whitenoise."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication

from sendboard.lib.env import env_int, env_str


class Server(BaseApplication):
    """gunicorn with its settings given here rather than read from its own command line."""

    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from sendboard.wsgi import application

        return application


class Command(BaseCommand):
    help = (
        "Serve sendboard with gunicorn on HOST:PORT (default 127.0.0.1:8000), with "
        "SERVE_WORKERS processes of SERVE_THREADS threads each."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default=env_str("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=env_int("PORT", 8000))
        parser.add_argument(
            "--skip-collectstatic",
            action="store_true",
            help="Serve the static files already gathered into the data directory.",
        )

    def handle(self, *args, host: str, port: int, skip_collectstatic: bool, **options) -> None:
        if not skip_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        workers = env_int("SERVE_WORKERS", min(4, 2 * (os.cpu_count() or 1) + 1))
        threads = env_int("SERVE_THREADS", 4)
        self.stdout.write(f"sendboard on http://{host}:{port}/ ({workers} x {threads} threads)")
        Server(
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "accesslog": "-",
                "timeout": env_int("SERVE_TIMEOUT_SECONDS", 60),
            }
        ).run()
