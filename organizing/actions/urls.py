from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("<slug:slug>/", views.action_detail, name="detail"),
]
