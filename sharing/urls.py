from .views import share_your_work

app_name = "sharing"

urlpatterns = share_your_work.urls()
