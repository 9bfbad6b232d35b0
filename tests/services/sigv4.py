"""Check a query-string-signed S3 URL (AWS Signature Version 4) independently of botocore.

moto does not check the signature or the expiry of a signed URL (see test_s3.py), so the
tests check them here, from the specification: the signature must be the one the secret
key gives for exactly this method, host, path and query, and the URL must not have expired.
A URL signed for one host and pointed at another (a custom domain), signed with another
key, or signed with the old Signature Version 2 fails.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote, urlsplit

ALGORITHM = "AWS4-HMAC-SHA256"


class InvalidSignature(AssertionError):
    pass


@dataclass(frozen=True)
class SignedUrl:
    access_key: str
    region: str
    signed_at: datetime
    expires_in: timedelta

    @property
    def expires_at(self) -> datetime:
        return self.signed_at + self.expires_in


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def _encode(text: str) -> str:
    return quote(text, safe="-_.~")


def verify(url: str, secret_key: str, *, method: str = "GET", now=None) -> SignedUrl:
    """The URL's signing details, or InvalidSignature saying what is wrong."""
    parts = urlsplit(url)
    params = parse_qsl(parts.query, keep_blank_values=True)
    query = dict(params)
    if query.get("X-Amz-Algorithm") != ALGORITHM:
        raise InvalidSignature(f"not signed with {ALGORITHM} (Signature Version 4): {url}")
    try:
        credential = query["X-Amz-Credential"]
        amz_date = query["X-Amz-Date"]
        expires = int(query["X-Amz-Expires"])
        signed_headers = query["X-Amz-SignedHeaders"]
        signature = query["X-Amz-Signature"]
    except (KeyError, ValueError) as error:
        raise InvalidSignature(f"incomplete signature parameters ({error}): {url}") from None
    access_key, date, region, service, terminal = credential.split("/")
    if service != "s3" or terminal != "aws4_request" or not amz_date.startswith(date):
        raise InvalidSignature(f"malformed credential scope {credential!r}")
    if signed_headers != "host":
        raise InvalidSignature(f"unexpected signed headers {signed_headers!r}")

    canonical_query = "&".join(
        f"{_encode(key)}={_encode(value)}"
        for key, value in sorted(params)
        if key != "X-Amz-Signature"
    )
    canonical_request = "\n".join(
        [
            method,
            parts.path or "/",
            canonical_query,
            f"host:{parts.netloc}\n",
            signed_headers,
            "UNSIGNED-PAYLOAD",
        ]
    )
    scope = f"{date}/{region}/{service}/{terminal}"
    string_to_sign = "\n".join(
        [ALGORITHM, amz_date, scope, hashlib.sha256(canonical_request.encode()).hexdigest()]
    )
    key = _hmac(f"AWS4{secret_key}".encode(), date)
    for part in (region, service, terminal):
        key = _hmac(key, part)
    expected = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise InvalidSignature(f"the signature does not match this URL and key: {url}")

    signed = SignedUrl(
        access_key=access_key,
        region=region,
        signed_at=datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC),
        expires_in=timedelta(seconds=expires),
    )
    if (now or datetime.now(UTC)) >= signed.expires_at:
        raise InvalidSignature(f"expired at {signed.expires_at:%Y-%m-%d %H:%M:%S}Z: {url}")
    return signed
