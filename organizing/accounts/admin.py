"""Accounts in the admin. Moderation registers the users' admin again with its actions
(approve sign-ups, suspend, lift a suspension): organizing/moderation/admin/users.py."""

from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .models import User

# Where each person is logged in is theirs to see (My account, Sessions), not the staff's: a
# list of everyone's logins is what a seized admin account should not reveal. allauth
# registers its UserSession admin; the site has none.
if admin.site.is_registered(UserSession):
    admin.site.unregister(UserSession)

# What moderators (staff without superuser status) may edit on an account: nothing that grants
# rights or leads into it (email, password, staff status, groups). They act through the actions.
MODERATOR_EDITABLE_FIELDS = {"display_name"}


class AccountStateFilter(admin.SimpleListFilter):
    title = _("account state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("pending", _("Waiting for approval")),
            ("suspended", _("Suspended")),
            ("active", _("Active")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.filter(is_active=False, suspended_at__isnull=True)
        if self.value() == "suspended":
            return queryset.filter(suspended_at__isnull=False)
        if self.value() == "active":
            return queryset.filter(is_active=True)
        return queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "suspended_at", "date_joined"]
    list_filter = [AccountStateFilter, "is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "display_name"]
    date_hierarchy = "date_joined"
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name"]}),
        (
            _("Permissions"),
            {
                "fields": [
                    "is_active",
                    "suspended_at",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    readonly_fields = ["suspended_at"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return self.readonly_fields
        every_field = [
            field
            for _name, options in self.get_fieldsets(request, obj)
            for field in options["fields"]
        ]
        return [field for field in every_field if field not in MODERATOR_EDITABLE_FIELDS]

    def user_change_password(self, request, id, form_url=""):
        # Setting someone's password would let a moderator into their account.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)
