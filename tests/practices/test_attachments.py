"""Attachments: type read from the bytes, size-limited, served only for published practices."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from safecities.practices.errors import AttachmentRefused, NotEditable
from safecities.practices.models import Attachment, Practice
from safecities.practices.services import drafting
from tests.factories import PracticeFactory, UserFactory
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db



def png(width: int, height: int) -> bytes:
    """A PNG: a real one when small; just the header (signature and IHDR) when huge."""
    if width * height <= 10_000:
        out = io.BytesIO()
        Image.new("RGB", (width, height), "teal").save(out, format="PNG")
        return out.getvalue()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


PNG = png(4, 3)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def attach(practice, content: bytes, name: str = "photo.png", title: str = "The rank at night"):
    return drafting.add_attachment(practice=practice, user=practice.contributor,
                                   file=SimpleUploadedFile(name, content), title=title,
                                   licence="CC-BY-4.0")


def test_an_image_is_recognised_by_its_bytes_and_stored_under_a_safe_name():
    practice = PracticeFactory()
    attachment = attach(practice, PNG, name="../../etc/rank photo.exe.png")
    assert (attachment.kind, attachment.content_type, attachment.size) == (
        "image", "image/png", len(PNG))
    assert attachment.file.name == f"practices/{practice.pk}/rank_photo.exe.png"


def test_a_pdf_gets_the_pdf_extension_whatever_its_name():
    attachment = attach(PracticeFactory(), PDF, name="report.html")
    assert (attachment.kind, attachment.file.name.rsplit(".", 1)[1]) == ("document", "pdf")


@pytest.mark.parametrize("content", [b"<script>alert(1)</script>", b"GIF89a......",
                                     b"<svg xmlns='http://www.w3.org/2000/svg'/>"])
def test_anything_but_png_jpeg_or_pdf_is_refused(content):
    with pytest.raises(AttachmentRefused, match="Only PNG or JPEG images and PDF documents"):
        attach(PracticeFactory(), content, name="innocent.png")


def test_an_image_whose_header_states_too_many_pixels_is_refused_before_decoding():
    for width, height in [(60000, 60000), (10000, 10000), (8001, 5000)]:
        with pytest.raises(AttachmentRefused, match="too many pixels: at most 40 million"):
            attach(PracticeFactory(), png(width, height))
    with pytest.raises(AttachmentRefused, match="This image cannot be read"):
        attach(PracticeFactory(), b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert attach(PracticeFactory(), png(8000, 5000)).kind == "image"


def test_a_file_over_five_megabytes_is_refused():
    with pytest.raises(AttachmentRefused, match="larger than 5 MB"):
        attach(PracticeFactory(), PNG + b"\x00" * (5 * 1024 * 1024))


def test_only_the_contributor_attaches_and_only_while_editable():
    practice = PracticeFactory(status=Practice.Status.IN_REVIEW)
    with pytest.raises(NotEditable):
        attach(practice, PNG)


def test_attachments_are_served_only_for_published_practices(client, published):
    draft = PracticeFactory()
    hidden = attach(draft, PNG)
    assert client.get(f"/practices/{draft.slug}/files/{hidden.pk}/").status_code == 404
    practice = published(title="Shown")
    shown = Attachment.objects.create(practice=practice, file=hidden.file.name, title="Rank",
                                      kind="image", content_type="image/png", size=72)
    response = client.get(f"/practices/{practice.slug}/files/{shown.pk}/")
    assert (response.status_code, response["Content-Type"],
            response["Content-Security-Policy"]) == (200, "image/png",
                                                     "default-src 'none'; sandbox")
    assert b"".join(response.streaming_content) == PNG
    page = client.get(practice.get_absolute_url()).content.decode()
    assert f'<img src="/practices/{practice.slug}/files/{shown.pk}/" alt="Rank"' in page


def test_the_overview_page_attaches_and_says_what_is_wrong(client):
    user = UserFactory()
    practice = PracticeFactory(contributor=user)
    sign_in(client, user)
    url = f"/contribute/practices/{practice.pk}/attachments/"
    response = client.post(url, {"file": SimpleUploadedFile("x.png", b"not an image"),
                                 "title": "X", "licence": "CC-BY-4.0"})
    assert response.status_code == 400
    assert "Only PNG or JPEG images and PDF documents can be attached." in (
        response.content.decode())
    response = client.post(url, {"file": SimpleUploadedFile("x.png", PNG), "title": "Rank",
                                 "licence": "CC-BY-4.0"})
    assert response.status_code == 302
    assert list(practice.attachments.values_list("title", flat=True)) == ["Rank"]
