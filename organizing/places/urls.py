from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("suggest/", views.city_suggest, name="suggest"),
]
