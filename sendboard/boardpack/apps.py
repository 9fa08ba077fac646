from django.apps import AppConfig


class BoardpackConfig(AppConfig):
    name = "sendboard.boardpack"
    verbose_name = "Board packs"
