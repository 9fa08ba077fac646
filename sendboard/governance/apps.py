from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "sendboard.governance"
    verbose_name = "Governance"
