"""Media and idea attachments on S3-compatible storage: a real moto server, configured the
way production builds STORAGES from AWS_* variables.

What the server really enforces (moto 5.2):

- every request the storage makes through the SDK (write, read, delete) carries a
  Signature Version 4 Authorization header that moto checks against the IAM user's secret
  (its auth checks are on, see ``MotoServer``): a wrong secret is refused;
- a plain GET of an object without a signature is refused (403) unless the object's ACL is
  public-read: the hub's objects are private;
- a query-string-signed URL is NOT checked by moto: any ``Signature=`` in the URL lets the
  GET through, tampered or expired (and with its auth checks on, moto answers such a URL
  with a 500). So the tests fetch the bytes through the signed URL from moto and check the
  signature itself independently (tests/services/sigv4.py).
"""

from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import urlopen

from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
import wagtail_factories
from botocore.exceptions import ClientError

from demo.factories import IdeaSubmissionFactory
from submissions.models import IdeaSubmission, SubmissionAttachment
from tests.services import sigv4
from tests.services.conftest import REGION, s3_variables
from tests.services.servers import production_settings
from tests.submissions.conftest import complete_form, step_url

pytestmark = [pytest.mark.services, pytest.mark.django_db]

PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


def http_get(url: str) -> tuple[int, bytes]:
    """A plain HTTP GET, as a browser would make it."""
    try:
        with urlopen(url, timeout=5) as response:  # noqa: S310 - only the local moto server
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


def unsigned(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def test_production_builds_two_storages_in_one_bucket(s3_storages):
    default, private = storages["default"], storages["private"]
    assert default.bucket_name == private.bucket_name == s3_storages.name
    assert default.location == ""
    assert private.location == "private"
    assert default.querystring_auth and private.querystring_auth
    assert default.default_acl is None and private.default_acl is None  # bucket-private


def test_wagtail_images_and_renditions_are_written_to_the_bucket(s3_storages, moto_server):
    image = wagtail_factories.ImageFactory(title="Ward 7 run chart")
    rendition = image.get_rendition("fill-40x30")

    keys = s3_storages.object_keys()
    assert image.file.name in keys
    assert image.file.name.startswith("original_images/")
    assert rendition.file.name in keys
    assert rendition.file.name.startswith("images/")

    url = rendition.url
    signed = sigv4.verify(url, moto_server.secret_key)
    assert signed.access_key == moto_server.access_key
    assert signed.region == REGION
    with moto_server.auth_off():
        status, body = http_get(url)
        assert (status, body) == (200, s3_storages.read(rendition.file.name))
        assert http_get(unsigned(url))[0] == 403  # private object, no signature


def test_wagtail_documents_are_stored_in_the_bucket_and_served_by_the_hub(
    s3_storages, client, home_page
):
    document = wagtail_factories.DocumentFactory(title="Falls audit")

    assert document.file.name in s3_storages.object_keys()
    response = client.get(document.url)  # WAGTAILDOCS_SERVE_METHOD = "serve_view"
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == s3_storages.read(document.file.name)


def test_an_attachment_goes_under_the_private_prefix_and_only_a_signed_url_fetches_it(
    s3_storages, moto_server
):
    attachment = SubmissionAttachment.objects.create(
        submission=IdeaSubmissionFactory(),
        file=SimpleUploadedFile("Ward 7 plan.pdf", PDF),
        original_name="Ward 7 plan.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )

    key = f"private/{attachment.file.name}"
    assert attachment.file.name.startswith("submissions/")
    assert "Ward" not in key  # stored under a random name
    assert s3_storages.object_keys() == [key]
    assert s3_storages.read(key) == PDF

    url = attachment.file.url
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == moto_server.endpoint  # never a custom domain
    assert parts.path == f"/{s3_storages.name}/{key}"
    signed = sigv4.verify(url, moto_server.secret_key)
    assert signed.expires_in.total_seconds() == 3600
    with pytest.raises(sigv4.InvalidSignature):
        sigv4.verify(url.replace(".pdf?", ".PDF?"), moto_server.secret_key)  # another object
    with moto_server.auth_off():
        assert http_get(url) == (200, PDF)
        assert http_get(unsigned(url))[0] == 403


def test_with_a_custom_domain_attachments_stay_signed_on_the_bucket(moto_server, services_var_dir):
    built = production_settings(
        services_var_dir,
        **s3_variables(moto_server, "hub-media", AWS_S3_CUSTOM_DOMAIN="media.hub.example"),
    )["STORAGES"]
    default = storages.create_storage(built["default"])
    private = storages.create_storage(built["private"])

    # Public media: plain URLs on the custom domain (django-storages signs those only with a
    # CloudFront key), so the CDN must be allowed to read the bucket itself.
    assert default.url("images/chart.png") == "https://media.hub.example/images/chart.png"
    # Attachments: never the CDN; a signed URL on the bucket's own endpoint.
    url = private.url("submissions/2026/01/abc.pdf")
    assert url.startswith(f"{moto_server.endpoint}/hub-media/private/submissions/2026/01/abc.pdf?")
    sigv4.verify(url, moto_server.secret_key)


def test_signed_urls_use_signature_version_4_even_without_a_region(moto_server, services_var_dir):
    """AWS_S3_REGION_NAME is optional (docs/environment.md). Without it botocore signed URLs
    with the old Signature Version 2, which S3 refuses for buckets created since June 2020
    and in every region opened since 2014 (London included): every image on the site would
    have been broken."""
    built = production_settings(
        services_var_dir, **s3_variables(moto_server, "hub-media", AWS_S3_REGION_NAME=None)
    )["STORAGES"]
    for alias in ("default", "private"):
        url = storages.create_storage(built[alias]).url("images/chart.png")
        sigv4.verify(url, moto_server.secret_key)


def test_moto_refuses_a_storage_signing_with_the_wrong_secret(
    s3_storages, moto_server, services_var_dir
):
    wrong = production_settings(
        services_var_dir,
        **s3_variables(moto_server, s3_storages.name, AWS_SECRET_ACCESS_KEY="not-the-secret"),
    )["STORAGES"]
    storage = storages.create_storage(wrong["private"])

    with pytest.raises(ClientError) as error:
        storage.save("submissions/x.pdf", SimpleUploadedFile("x.pdf", PDF))
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    with pytest.raises(ClientError) as error:
        storage.connection.meta.client.put_object(Bucket=s3_storages.name, Key="x", Body=PDF)
    assert error.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert s3_storages.object_keys() == []


def test_an_idea_with_a_file_goes_from_the_form_to_the_bucket_and_to_the_huddle(
    s3_storages,
    client,
    client_class,
    hub_site,
    answers,
    huddle_member,
    django_capture_on_commit_callbacks,
):
    complete_form(client, answers, until="support")
    response = client.post(
        step_url("support"),
        {
            "support_wanted": ["coaching"],
            "support_detail": "",
            "attachments": [SimpleUploadedFile("Ward 7 plan.pdf", PDF)],
            "action": "continue",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    complete_form(client, {"consent": answers["consent"]})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("submissions:check")).status_code == 302

    idea = IdeaSubmission.objects.get()
    attachment = idea.attachments.get()
    key = f"private/{attachment.file.name}"
    assert s3_storages.object_keys() == [key]

    huddle = client_class()
    huddle.force_login(huddle_member)
    download = reverse("huddle:attachment", args=[idea.reference, attachment.pk])
    response = huddle.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content) == PDF
    assert ModelLogEntry.objects.filter(action="submissions.view_attachment").count() == 1
    # The submitter (or anyone without a huddle sign-in) cannot.
    assert client.get(download).status_code == 302

    # The object gone from the bucket: a 404 for the huddle, not a server error.
    s3_storages.client.delete_object(Bucket=s3_storages.name, Key=key)
    assert huddle.get(download).status_code == 404


def test_deleting_an_attachment_deletes_its_object(s3_storages, django_capture_on_commit_callbacks):
    attachment = SubmissionAttachment.objects.create(
        submission=IdeaSubmissionFactory(),
        file=SimpleUploadedFile("plan.pdf", PDF),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    assert len(s3_storages.object_keys()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()

    assert s3_storages.object_keys() == []
