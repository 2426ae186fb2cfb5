from django.shortcuts import render


def too_many_requests(request, exception=None):
    """Rate limits (sign-up, login, contact form...) answer with a friendly page."""
    return render(request, "429.html", status=429)
