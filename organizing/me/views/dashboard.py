"""The dashboard, /me/: where login lands."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..selectors.dashboard import dashboard_for


@login_required
def dashboard(request):
    """Only the signed-in person's own things: the selector reads everything from the user."""
    return render(request, "me/dashboard.html", {"dashboard": dashboard_for(request.user)})
