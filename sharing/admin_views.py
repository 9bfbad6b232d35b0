"""In the Wagtail admin: what a member of staff sent with a case study, for the editors who
may edit the case study (the partner's editors, hub editors): who sent it, whether they may
be named, and their files, downloaded as attachments (never shown inline)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from hub.private_files import download

from .models import ShareAttachment, SharedWork

app_name = "sharing_admin"


def _shared_for(request, pk) -> SharedWork:
    shared = get_object_or_404(SharedWork.objects.select_related("page", "organisation"), pk=pk)
    page = shared.page.specific if shared.page else None
    if page is None or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return shared


def detail(request, pk):
    shared = _shared_for(request, pk)
    return TemplateResponse(
        request,
        "sharing/admin/detail.html",
        {"shared": shared, "attachments": list(shared.attachments.all())},
    )


def attachment(request, pk, file_pk):
    shared = _shared_for(request, pk)
    item = ShareAttachment.objects.filter(pk=file_pk, shared=shared).first()
    if item is None:
        raise Http404
    return download(item)


urlpatterns = [
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/files/<int:file_pk>/", attachment, name="attachment"),
]
