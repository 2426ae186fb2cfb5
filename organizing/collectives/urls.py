from django.urls import path

from . import views

app_name = "collectives"
urlpatterns = [
    path("<slug:slug>/", views.collective_detail, name="detail"),
]
