import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendboard.settings")
application = get_wsgi_application()

from sendboard.core.warm import warm_and_freeze  # noqa: E402 - needs Django set up first

warm_and_freeze()
