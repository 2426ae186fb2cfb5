"""Download my data (/me/data/): the page says what is in it; the POST gives the JSON."""

import json

from allauth.core.ratelimit import consume_or_429
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..selectors.personal_data import personal_data_export


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def data_download(request):
    if request.method != "POST":
        return render(request, "me/data_download.html")
    # Ten downloads an hour per person (allauth counts POSTs only).
    if limited := consume_or_429(request, action="personal_data", user=request.user):
        return limited
    data = personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="convergence-my-data.json"'
    return response
