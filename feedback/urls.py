from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("page/", views.answer, name="answer"),
    path("page/comment/", views.comment, name="comment"),
    path("page/thanks/", views.thanks, name="thanks"),
    path("survey/done/", views.survey_done, name="survey_done"),
    path("survey/<str:token>/", views.survey_view, name="survey"),
]
