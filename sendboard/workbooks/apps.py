from django.apps import AppConfig


class WorkbooksConfig(AppConfig):
    name = "sendboard.workbooks"
    verbose_name = "Excel trackers and registers"

    def ready(self) -> None:
        from sendboard.workbooks import pages

        pages.register()
