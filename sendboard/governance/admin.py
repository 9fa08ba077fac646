from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.db.models import Q, QuerySet
from simple_history.admin import SimpleHistoryAdmin

from sendboard.governance.models import Group, Membership, Organisation, Partnership, Person, Role


def _own_partnerships(request) -> QuerySet:
    return Role.objects.filter(user=request.user).values("partnership")


class PartnershipScoped:
    """Staff who are not superusers see and choose only their own partnerships' records.

    `partnership_path` is the lookup from the model to its partnership ("" for the
    partnership itself). Superusers, who run the installation, see everything.
    """

    partnership_path: str

    def get_queryset(self, request) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        lookup = f"{self.partnership_path}__in" if self.partnership_path else "pk__in"
        return queryset.filter(**{lookup: _own_partnerships(request)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Partnership and not request.user.is_superuser:
            kwargs["queryset"] = Partnership.objects.filter(pk__in=_own_partnerships(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Partnership)
class PartnershipAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = ""
    list_display = ["name", "slug", "local_authority", "small_number_policy"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "local_authority"]
    # A council's Local Offer is on https; Django 6 will assume so anyway.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Organisation)
class OrganisationAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "partnership"
    list_display = ["name", "short_name", "kind", "partnership"]
    list_filter = ["partnership", "kind"]
    list_select_related = ["partnership"]
    search_fields = ["name", "short_name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "group"
    fields = ["person", "role", "deputy_for", "started_on", "ended_on"]
    raw_id_fields = ["person", "deputy_for"]
    extra = 0


@admin.register(Person)
class PersonAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "partnership"
    list_display = ["name", "job_title", "organisation", "partnership", "user"]
    list_filter = ["partnership", "organisation__kind"]
    list_select_related = ["organisation", "partnership", "user"]
    search_fields = ["name", "email", "job_title"]
    raw_id_fields = ["user", "organisation"]


@admin.register(Group)
class GroupAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "partnership"
    list_display = ["name", "kind", "reports_to", "partnership", "cadence"]
    list_filter = ["partnership", "kind"]
    list_select_related = ["reports_to", "partnership"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "group__partnership"
    list_display = ["person", "group", "role", "deputy_for", "started_on", "ended_on"]
    list_filter = ["group__partnership", "role", "group"]
    list_select_related = ["person", "group", "deputy_for"]
    search_fields = ["person__name", "group__name"]
    raw_id_fields = ["person", "deputy_for"]


@admin.register(Role)
class RoleAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "partnership"
    list_display = ["user", "partnership", "name"]
    list_filter = ["partnership", "name"]
    list_select_related = ["user", "partnership"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user"]


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class ScopedUserAdmin(UserAdmin):
    """Accounts: staff who are not superusers see only people with roles in their partnerships."""

    def get_queryset(self, request) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        mine = Q(roles__partnership__in=_own_partnerships(request)) | Q(pk=request.user.pk)
        return queryset.filter(mine).distinct()
