"""Uploaded files go through Django's storage API: the local folder by default, an
S3-compatible object store when S3_BUCKET is set — tested against moto's S3 server,
started here on a free local port (as two application servers would share it)."""

from __future__ import annotations

import uuid

import boto3
import pytest
from django.core.files.storage import storages

from safecities.mailing.delivery import deliver
from safecities.practices.services import drafting
from tests.conftest import free_port
from tests.factories import PracticeFactory
from tests.practices.test_attachments import PDF, attach

pytestmark = pytest.mark.django_db

KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing",
        "region_name": "us-east-1"}


@pytest.fixture
def s3(settings):
    """A local S3 server (moto) with an empty bucket, and the site's uploads pointed at it."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, **KEYS)
    # moto keeps its buckets for the whole test process: one new bucket per test.
    client.bucket = f"safecities-media-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=client.bucket)
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": client.bucket, "endpoint_url": endpoint,
                    "access_key": "testing", "secret_key": "testing",
                    "region_name": "us-east-1", "default_acl": "private",
                    "file_overwrite": False}}}
    yield client
    server.stop()


def keys(client) -> list[str]:
    listing = client.list_objects_v2(Bucket=client.bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def test_a_practice_attachment_is_stored_in_the_object_store_and_read_back(s3, client):
    assert storages["default"].__class__.__name__ == "S3Storage"
    practice = PracticeFactory()
    attachment = attach(practice, PDF, name="audit report.pdf")
    assert keys(s3) == [f"practices/{practice.pk}/audit_report.pdf"]
    stored = s3.get_object(Bucket=s3.bucket, Key=attachment.file.name)["Body"].read()
    assert stored == PDF
    with attachment.file.open("rb") as file:
        assert file.read() == PDF

    second = attach(practice, PDF, name="audit report.pdf")  # same name: both kept
    assert second.file.name != attachment.file.name
    assert len(keys(s3)) == 2

    drafting.remove_attachment(attachment=second, user=practice.contributor)


def test_email_attachments_live_in_the_object_store_too(s3, smtp_server):
    from safecities.registration import services
    from tests.factories import EventFactory, person

    services.register(event=EventFactory(capacity=1), **person(1))
    deliver()
    [message] = smtp_server.messages
    [part] = list(message.iter_attachments())
    [key] = keys(s3)
    assert s3.get_object(Bucket=s3.bucket, Key=key)["Body"].read() == (
        part.get_payload(decode=True))
