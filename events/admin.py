"""Events, registrations and documents in the admin."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventRegistration, Resource


class EventRegistrationInline(admin.TabularInline):
    model = EventRegistration
    extra = 0
    raw_id_fields = ["person"]
    fields = ["person", "status", "attended", "registered_at", "changed_at"]
    readonly_fields = ["registered_at", "changed_at"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "programme", "cohort", "starts_at", "capacity", "audience"]
    list_filter = ["kind", "audience", "programme"]
    search_fields = ["title", "theme", "place"]
    list_select_related = ["programme", "cohort"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["invitees"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [EventRegistrationInline]


@admin.register(EventRegistration)
class EventRegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "person", "status", "attended", "registered_at"]
    list_filter = ["status", "attended"]
    search_fields = ["event__title", "person__full_name", "person__email"]
    list_select_related = ["event", "person"]
    raw_id_fields = ["event", "person"]
    readonly_fields = ["registered_at", "changed_at"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "cohort", "original_name", "size", "created_at"]
    list_filter = ["programme"]
    search_fields = ["title", "original_name"]
    list_select_related = ["programme", "cohort"]
    raw_id_fields = ["uploaded_by", "event"]
    # Files come through the coordinator's upload (checked) and go out through the download
    # view (access-checked); the admin names the stored file but never links to the storage.
    exclude = ["file"]
    readonly_fields = [
        "stored_file",
        "original_name",
        "content_type",
        "size",
        "uploaded_by",
        "created_at",
    ]

    @admin.display(description=_("file"))
    def stored_file(self, resource: Resource) -> str:
        return resource.file.name
