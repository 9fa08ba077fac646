from django.apps import AppConfig
from django.db.models.signals import post_save


class PerformanceConfig(AppConfig):
    name = "sendboard.performance"
    verbose_name = "Performance"

    def ready(self) -> None:
        from sendboard.governance.models import Partnership
        from sendboard.performance import plan_pages
        from sendboard.performance.services.standard import partnership_started

        plan_pages.register()
        # Governance sits below performance and cannot call it: it is told instead.
        post_save.connect(
            partnership_started, sender=Partnership, dispatch_uid="performance-standard-set"
        )
