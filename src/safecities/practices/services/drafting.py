"""Writing a practice: a contributor's draft, saved step by step on the server (so a
dropped connection loses at most the step being typed), the list of what is still
missing, and submission for review.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from safecities.practices.errors import AttachmentRefused, CallClosed, Incomplete, NotEditable
from safecities.practices.models import (
    Attachment,
    BaselineFigure,
    Call,
    Outcome,
    Partner,
    Practice,
    Review,
)
from safecities.practices.services.review import notify_reviewer

Status = Practice.Status
EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)

# The guided form's steps, in order.
STEPS = [
    ("identity", _("Identity")),
    ("context", _("Context")),
    ("intervention", _("Intervention")),
    ("implementation", _("Implementation and involvement")),
    ("impact", _("Impact")),
    ("transfer", _("Transfer")),
]
STEP_NAMES = [name for name, _label in STEPS]

# What a practice needs before review: (step, field or relation, what to tell the writer).
REQUIRED = [
    ("identity", "title", _("a title")),
    ("identity", "summary", _("a summary")),
    ("identity", "city", _("the city")),
    ("identity", "country", _("the country")),
    ("identity", "lead_organisation", _("the lead organisation")),
    ("context", "problem", _("the problem it answers")),
    ("context", "settings", _("at least one setting")),
    ("intervention", "objectives", _("its objectives")),
    ("intervention", "mechanism", _("why it should work (mechanism)")),
    ("intervention", "components", _("what was done (components)")),
    ("intervention", "intervention_types", _("at least one intervention type")),
    ("intervention", "target_groups", _("at least one target group")),
    ("intervention", "main_characteristic", _("the characteristic it mainly serves")),
    ("intervention", "themes", _("at least one theme")),
    ("implementation", "partners", _("at least one partner")),
    ("implementation", "lessons_learned", _("the lessons learned")),
    ("impact", "outcomes", _("at least one outcome")),
    ("transfer", "preconditions", _("the preconditions for transfer")),
]
RELATIONS = {"settings", "intervention_types", "target_groups", "themes", "partners",
             "outcomes"}


def missing_items(practice: Practice) -> list[tuple[str, str]]:
    """What is still missing before the practice can be submitted: (step, description)."""
    missing = []
    for step, name, description in REQUIRED:
        if name in RELATIONS:
            present = getattr(practice, name).exists()
        else:
            present = bool(getattr(practice, name if name != "main_characteristic"
                                   else "main_characteristic_id"))
        if not present:
            missing.append((step, str(description)))
    return missing


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100] or "practice"
    slug = base
    while Practice.objects.filter(slug=slug).exists():
        slug = f"{base}-{get_random_string(5, 'abcdefghijkmnpqrstuvwxyz23456789')}"
    return slug


def start_draft(*, contributor, title: str, summary: str, city: str, country: str,
                call: Call | None = None) -> Practice:
    """Start a practice for a contributor, under an open call or none (standing library).
    A draft is private to its contributor until submitted."""
    if call is not None and not call.is_open(timezone.now()):
        raise CallClosed()
    with transaction.atomic():
        return Practice.objects.create(
            slug=_unique_slug(title), title=title.strip(), summary=summary.strip(),
            city=city.strip(), country=country.upper(), contributor=contributor, call=call)


def ensure_editable(practice: Practice, user) -> None:
    if practice.status not in EDITABLE or practice.contributor_id != user.pk:
        raise NotEditable()


ROW_MODELS = {"baseline_figures": BaselineFigure, "partners": Partner, "outcomes": Outcome}


def save_step(*, practice: Practice, user, values: Mapping[str, object],
              terms: Mapping[str, Iterable] | None = None,
              rows: Mapping[str, list[dict]] | None = None) -> Practice:
    """Save one step of the guided form on the draft: plain fields, vocabulary terms, and
    lists of rows (baseline figures, partners, outcomes), each list replacing the old one.
    Only the contributor may save, and only while the practice is a draft or changes
    were asked for."""
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        ensure_editable(practice, user)
        for name, value in values.items():
            setattr(practice, name, value)
        practice.save()
        for name, chosen in (terms or {}).items():
            getattr(practice, name).set(chosen)
        for name, new_rows in (rows or {}).items():
            model = ROW_MODELS[name]
            kept = []
            for row in new_rows:
                row = dict(row)
                row_id = row.pop("id", None)
                existing = model.objects.filter(practice=practice, pk=getattr(row_id, "pk",
                                                                               row_id)).first()
                instance = existing or model(practice=practice)
                for key, value in row.items():
                    setattr(instance, key, value)
                instance.save()
                kept.append(instance.pk)
            model.objects.filter(practice=practice).exclude(pk__in=kept).delete()
        return practice


def submit(*, practice: Practice, user) -> Practice:
    """Submit a complete draft for review. Each submission opens a new review round; the
    reviewers of the previous round (if any) are assigned again and told."""
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        ensure_editable(practice, user)
        missing = missing_items(practice)
        if missing:
            raise Incomplete([description for _step, description in missing])
        previous = list(Review.objects.filter(practice=practice, round=practice.review_round)
                        .select_related("reviewer"))
        practice.review_round += 1
        practice.submitted_at = timezone.now()
        practice.status = Status.IN_REVIEW if previous else Status.SUBMITTED
        practice.save(update_fields=["review_round", "submitted_at", "status", "updated_at"])
        for review in previous:
            again = Review.objects.create(practice=practice, round=practice.review_round,
                                          reviewer=review.reviewer,
                                          assigned_by=review.assigned_by)
            notify_reviewer(again)
        return practice


# What may be attached: recognised by the file's first bytes, never by its name.
SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png", Attachment.Kind.IMAGE),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg", Attachment.Kind.IMAGE),
    (b"%PDF-", "application/pdf", ".pdf", Attachment.Kind.DOCUMENT),
]
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENTS = 10
# An image's size in pixels, read from its header before anything decodes it: a small file
# can claim 60,000 × 60,000 pixels and take gigabytes to open (a "decompression bomb").
MAX_IMAGE_PIXELS = 40_000_000  # e.g. 8000 × 5000


def _check_image_header(file: UploadedFile) -> None:
    """Refuse an image whose header is unreadable or states more than MAX_IMAGE_PIXELS."""
    too_many = AttachmentRefused(_(
        "The image has too many pixels: at most %(limit)d million (e.g. 8000 × 5000) are "
        "accepted.") % {"limit": MAX_IMAGE_PIXELS // 1_000_000})
    try:
        with warnings.catch_warnings():
            # Pillow warns (and past twice its own limit refuses) by the header's size;
            # the decision is ours, below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:  # reads the header only; nothing is decoded
                width, height = image.size
    except Image.DecompressionBombError as error:
        raise too_many from error
    except (UnidentifiedImageError, OSError) as error:
        raise AttachmentRefused(_("This image cannot be read.")) from error
    finally:
        file.seek(0)
    if width * height > MAX_IMAGE_PIXELS:
        raise too_many


def add_attachment(*, practice: Practice, user, file: UploadedFile, title: str,
                   licence: str) -> Attachment:
    """Attach an image (PNG, JPEG) or a PDF of at most 5 MB to an editable practice, at
    most ten per practice. The type is read from the file's first bytes; the stored name
    is made safe and given the extension of the type found."""
    if file.size > MAX_ATTACHMENT_BYTES:
        raise AttachmentRefused(_("The file is larger than 5 MB."))
    head = file.read(8)
    file.seek(0)
    found = next((sig for sig in SIGNATURES if head.startswith(sig[0])), None)
    if found is None:
        raise AttachmentRefused(_("Only PNG or JPEG images and PDF documents can be attached."))
    _signature, content_type, extension, kind = found
    if kind == Attachment.Kind.IMAGE:
        _check_image_header(file)
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        ensure_editable(practice, user)
        if practice.attachments.count() >= MAX_ATTACHMENTS:
            raise AttachmentRefused(_("A practice can have at most ten attachments."))
        stem = get_valid_filename(file.name.rsplit(".", 1)[0])[:80] or "attachment"
        attachment = Attachment(practice=practice, title=title.strip(), kind=kind,
                                content_type=content_type, size=file.size, licence=licence)
        attachment.file.save(stem + extension, file, save=False)
        attachment.save()
        return attachment


def remove_attachment(*, attachment: Attachment, user) -> None:
    """Remove an attachment from an editable practice (the file stays while a published
    version still shows it)."""
    with transaction.atomic():
        ensure_editable(attachment.practice, user)
        attachment.delete()
