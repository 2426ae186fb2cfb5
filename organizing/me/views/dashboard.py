"""The dashboard, /me/: where login lands."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..selectors.dashboard import dashboard_for


@login_required
@require_GET
def dashboard(request):
    """Only the signed-in person's own things: the selector reads everything from the user."""
    return render(request, "me/dashboard.html", {"dashboard": dashboard_for(request.user)})
