"""Fixtures for the service tests: an S3-compatible server (moto), an SMTP server (aiosmtpd)
and the machine's Redis, each configured the way hub/settings/base.py configures it from
its environment variables.

The servers are session-scoped: with pytest-xdist each worker starts those its tests ask
for (the scheduler in tests/conftest.py keeps a module on one worker, so each is started
once per module that needs it).
"""

import json
import os
import uuid
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path
from urllib.request import Request, urlopen

import pytest
import redis

from tests.services.servers import (
    HOST,
    ServerProcess,
    answers_on_port,
    free_port,
    production_settings,
    python_command,
    require_module,
    unavailable,
)

# The idea portal's fixtures, shared with tests/submissions (not its autouse ones, which
# would put attachments back on the local disk).
from tests.submissions.conftest import (  # noqa: F401 - fixtures
    answers,
    client_class,
    hub_site,
    huddle_member,
    organisation,
    priority,
)

REGION = "eu-west-2"


@pytest.fixture(scope="session")
def services_var_dir(tmp_path_factory) -> Path:
    """HUB_VAR_DIR for settings built from the environment (never the project's var/)."""
    return tmp_path_factory.mktemp("services-var")


# S3 (moto) ------------------------------------------------------------------------------


class MotoServer:
    """moto's standalone server, with one IAM user whose signatures it checks."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self.access_key = ""
        self.secret_key = ""

    def _post(self, path: str, body: bytes) -> None:
        # Not a form post: moto reads the raw body.
        request = Request(  # noqa: S310 - our own local server
            f"{self.endpoint}{path}",
            data=body,
            method="POST",
            headers={"Content-Type": "text/plain"},
        )
        with urlopen(request, timeout=5) as response:  # noqa: S310 - our own local server
            response.read()

    def enforce_auth(self, enforced: bool) -> None:
        """Make moto check every SDK request's signature and the user's policy (or not)."""
        self._post("/moto-api/reset-auth", b"0" if enforced else b"inf")

    @contextmanager
    def auth_off(self):
        """moto answers a query-string-signed URL with a 500 while it checks auth (it looks
        for an Authorization header): fetch signed URLs with its checks off."""
        self.enforce_auth(False)
        try:
            yield
        finally:
            self.enforce_auth(True)

    def create_user(self) -> None:
        import boto3

        iam = boto3.client(
            "iam",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="bootstrap",
            aws_secret_access_key="bootstrap",  # noqa: S106 - moto's checks are off here
        )
        iam.create_user(UserName="hub-web")
        iam.put_user_policy(
            UserName="hub-web",
            PolicyName="hub-media",
            PolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
                }
            ),
        )
        key = iam.create_access_key(UserName="hub-web")["AccessKey"]
        self.access_key, self.secret_key = key["AccessKeyId"], key["SecretAccessKey"]


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory):
    require_module("moto", "moto (with flask and flask-cors for its server)")
    require_module("flask", "flask (moto's server)")
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    server = ServerProcess(
        "moto_server",
        python_command("-m", "moto.server", "-H", HOST, "-p", str(port)),
        port,
        log,
    )
    endpoint = f"http://{HOST}:{port}"

    def ready():
        with urlopen(f"{endpoint}/moto-api/data.json", timeout=1) as response:  # noqa: S310
            return response.status == 200

    server.start(ready)
    moto = MotoServer(endpoint)
    try:
        moto.create_user()
        moto.enforce_auth(True)
        yield moto
    finally:
        server.stop()


class Bucket:
    def __init__(self, name: str, client):
        self.name = name
        self.client = client

    def object_keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def s3_variables(moto: MotoServer, bucket: str, **overrides) -> dict[str, str]:
    variables = {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": moto.endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": moto.access_key,
        "AWS_SECRET_ACCESS_KEY": moto.secret_key,
    }
    variables.update(overrides)
    return {name: value for name, value in variables.items() if value is not None}


@pytest.fixture
def s3_storages(moto_server, settings, services_var_dir):
    """STORAGES "default" and "private" as production builds them for a fresh bucket on the
    moto server (which checks every request's signature)."""
    from django.core.files.storage import storages

    name = f"hub-{uuid.uuid4().hex[:12]}"
    built = production_settings(services_var_dir, **s3_variables(moto_server, name))["STORAGES"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": built["default"],
        "private": built["private"],
    }
    client = storages["default"].connection.meta.client
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    return Bucket(name, client)


# SMTP (aiosmtpd) ------------------------------------------------------------------------


class SmtpSink:
    """An aiosmtpd server process keeping what it receives (tests/services/smtp_sink.py)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.server = ServerProcess(
            "aiosmtpd",
            python_command(
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"{HOST}:{self.port}",
                "-c",
                "tests.services.smtp_sink.Handler",
                str(folder / "mail"),
            ),
            self.port,
            folder / "aiosmtpd.log",
        )
        (folder / "mail").mkdir(parents=True, exist_ok=True)

    def start(self) -> "SmtpSink":
        self.server.start(lambda: answers_on_port(self.port, expect=b"220"))
        return self

    def stop(self) -> None:
        self.server.stop()

    def email_variables(self) -> dict[str, str]:
        """The environment production reads to send through this server."""
        return {"EMAIL_HOST": HOST, "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "false"}

    def messages(self) -> list[dict]:
        """Every message accepted so far, oldest first: envelope and parsed message."""
        received = []
        for path in sorted((self.folder / "mail").glob("*.json")):
            record = json.loads(path.read_text())
            record["message"] = message_from_bytes(
                record["data"].encode("latin-1"), policy=policy.default
            )
            received.append(record)
        return received

    def refuse(self, *addresses: str) -> None:
        """Answer these recipients with a temporary failure (451) until ``refuse()``."""
        (self.folder / "mail" / "refuse.txt").write_text("".join(f"{a}\n" for a in addresses))

    def clear(self) -> None:
        for path in (self.folder / "mail").iterdir():
            path.unlink()


@pytest.fixture(scope="session")
def smtp_sinks(tmp_path_factory):
    """Make SMTP servers (started or not); all are stopped at the end."""
    require_module("aiosmtpd", "aiosmtpd")
    made: list[SmtpSink] = []

    def make(*, start: bool = True) -> SmtpSink:
        sink = SmtpSink(tmp_path_factory.mktemp("smtp"))
        made.append(sink)
        return sink.start() if start else sink

    yield make
    for sink in made:
        sink.stop()


@pytest.fixture(scope="session")
def smtp_server(smtp_sinks) -> SmtpSink:
    return smtp_sinks()


@pytest.fixture
def smtp_outbox(smtp_server, settings, services_var_dir) -> SmtpSink:
    """Email goes through the SMTP server, configured as production does from EMAIL_*."""
    use_smtp(settings, smtp_server, services_var_dir)
    smtp_server.refuse()
    smtp_server.clear()
    return smtp_server


def use_smtp(settings, sink: SmtpSink, var_dir: Path) -> None:
    built = production_settings(var_dir, **sink.email_variables())
    for name in (
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "EMAIL_USE_SSL",
        "EMAIL_TIMEOUT",
    ):
        setattr(settings, name, built[name])


# Redis (the machine's server) -------------------------------------------------------------


class RedisCache:
    def __init__(self, url: str, prefix: str):
        self.url = url
        self.prefix = prefix
        self.client = redis.Redis.from_url(url)

    def variables(self) -> dict[str, str]:
        return {"REDIS_URL": self.url, "CACHE_KEY_PREFIX": self.prefix}

    def keys(self) -> list[str]:
        return sorted(key.decode() for key in self.client.scan_iter(f"{self.prefix}:*"))

    def delete_all(self) -> None:
        """Only this test's keys: the server is shared, never flushed."""
        keys = list(self.client.scan_iter(f"{self.prefix}:*"))
        if keys:
            self.client.delete(*keys)


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The machine's Redis (started before the session here and in CI), database 9."""
    url = os.environ.get("HUB_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        unavailable(f"no Redis at {url} ({error})")
    return url


@pytest.fixture
def redis_cache(redis_url, settings, services_var_dir):
    """The cache as production builds it from REDIS_URL, under a key prefix of its own."""
    cache = RedisCache(redis_url, f"hub-test-{uuid.uuid4().hex[:12]}")
    built = production_settings(services_var_dir, **cache.variables())
    settings.CACHES = built["CACHES"]
    yield cache
    cache.delete_all()
