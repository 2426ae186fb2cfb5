from django.contrib import admin

from .models import Cause


@admin.register(Cause)
class CauseAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "source_title"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
