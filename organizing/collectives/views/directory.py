"""The public directory of verified collectives: search, filters, "near a place", pages."""

from django.core.paginator import Paginator
from django.shortcuts import render

from ..filters import CollectiveDirectoryFilter
from ..selectors import collective_directory_queryset

PAGE_SIZE = 20


def collective_directory(request):
    directory = CollectiveDirectoryFilter(request.GET, queryset=collective_directory_queryset())
    # get_page: a junk or out-of-range page number shows the first or the last page.
    page = Paginator(directory.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "directory": directory,
        "form": directory.form,
        "page": page,
        "near_city": directory.near_city,
        "radius_km": directory.radius_km,
        "wider_radius_km": directory.wider_radius_km,
        "problems": directory.problems,
    }
    return render(request, "collectives/collective_directory.html", context)
