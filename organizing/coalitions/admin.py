from django.contrib import admin

from .models import Appeal, AppealSignature, Coalition, CoalitionMembership


class CoalitionMembershipInline(admin.TabularInline):
    model = CoalitionMembership
    extra = 0
    autocomplete_fields = ["collective"]


@admin.register(Coalition)
class CoalitionAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "city", "country", "created_at"]
    list_filter = ["status", "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["causes"]
    inlines = [CoalitionMembershipInline]


@admin.register(CoalitionMembership)
class CoalitionMembershipAdmin(admin.ModelAdmin):
    list_display = ["collective", "coalition", "status", "role"]
    list_filter = ["status", "role"]
    search_fields = ["collective__name", "coalition__name"]
    autocomplete_fields = ["collective", "coalition"]
    list_select_related = ["collective", "coalition"]


class AppealSignatureInline(admin.TabularInline):
    model = AppealSignature
    extra = 0
    autocomplete_fields = ["collective", "signed_by"]


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ["title", "initiator", "opens_on", "closes_on", "unnamed_signatory_count"]
    search_fields = ["title", "slug", "text"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["initiator", "demands"]
    list_select_related = ["initiator"]
    inlines = [AppealSignatureInline]


@admin.register(AppealSignature)
class AppealSignatureAdmin(admin.ModelAdmin):
    list_display = ["collective", "appeal", "signed_at"]
    search_fields = ["collective__name", "appeal__title"]
    autocomplete_fields = ["collective", "appeal", "signed_by"]
    list_select_related = ["collective", "appeal"]
