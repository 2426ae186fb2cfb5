from django.urls import path

from . import views

app_name = "coalitions"
urlpatterns = [
    path("coalitions/<slug:slug>/", views.coalition_detail, name="detail"),
    path("appeals/<slug:slug>/", views.appeal_detail, name="appeal_detail"),
]
