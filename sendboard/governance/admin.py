from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendboard.governance.models import Group, Membership, Organisation, Partnership, Person, Role


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "local_authority", "small_number_policy"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "local_authority"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
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
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "job_title", "organisation", "partnership", "user"]
    list_filter = ["partnership", "organisation__kind"]
    list_select_related = ["organisation", "partnership", "user"]
    search_fields = ["name", "email", "job_title"]
    raw_id_fields = ["user", "organisation"]


@admin.register(Group)
class GroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "reports_to", "partnership", "cadence"]
    list_filter = ["partnership", "kind"]
    list_select_related = ["reports_to", "partnership"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "group", "role", "deputy_for", "started_on", "ended_on"]
    list_filter = ["group__partnership", "role", "group"]
    list_select_related = ["person", "group", "deputy_for"]
    search_fields = ["person__name", "group__name"]
    raw_id_fields = ["person", "deputy_for"]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "partnership", "name"]
    list_filter = ["partnership", "name"]
    list_select_related = ["user", "partnership"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user"]
