from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "sendboard.meetings"
    verbose_name = "Meetings"
