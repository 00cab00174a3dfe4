"""The good-practice library's part of the privacy rules: contributors and reviewers.

* Export: the library profile (organisation, city, country, address verified), the
  practices the person contributed (title, status, dates) and the reviews they wrote
  (scores and comments).
* Erasure: the profile is deleted; drafts never submitted are deleted with their files
  (only the person ever saw them); a practice that was submitted or published keeps its
  content — it is the city's account, read by others — but no longer names the person:
  the contributor link is cleared, and where the person was its contact, the contact's
  address is removed from the practice and from its published versions. A review keeps
  its scores and comments (the evidence label rests on them) and points to the account
  row, which no longer names anyone (``privacy.accounts``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from safecities.practices.models import Practice, PracticeVersion, Profile, Review
from safecities.privacy.personal_data import Person, Provider, Section, json_value

Status = Practice.Status


def export(person: Person) -> list[Section]:
    users = person.users
    profile = Section(key="library_profile", title=_("Your library profile"), labels={
        "organisation": _("Organisation"), "city": _("City"), "country": _("Country"),
        "email_verified_at": _("Address verified"),
    }, records=[{
        "organisation": p.organisation, "city": p.city, "country": p.country,
        "email_verified_at": json_value(p.email_verified_at),
    } for p in Profile.objects.filter(user_id__in=users).order_by("id")])
    practices = Section(key="practices", title=_("Practices you contributed"), labels={
        "title": _("Title"), "status": _("Status"), "started_at": _("Started"),
        "submitted_at": _("Submitted"), "published_at": _("Published"),
    }, records=[{
        "title": p.title, "status": p.status, "started_at": json_value(p.created_at),
        "submitted_at": json_value(p.submitted_at), "published_at": json_value(p.published_at),
    } for p in Practice.objects.filter(contributor_id__in=users).order_by("created_at", "id")])
    reviews = Section(key="reviews", title=_("Reviews you wrote"), labels={
        "practice": _("Practice"), "round": _("Review round"), "submitted_at": _("Submitted"),
        **{name: Review._meta.get_field(name).verbose_name for name in Review.CRITERIA},
        **{f"{name}_comment": Review._meta.get_field(f"{name}_comment").verbose_name
           for name in Review.CRITERIA},
    }, records=[{
        "practice": r.practice.title, "round": r.round,
        "submitted_at": json_value(r.submitted_at),
        **{name: getattr(r, name) for name in Review.CRITERIA},
        **{f"{name}_comment": getattr(r, f"{name}_comment") for name in Review.CRITERIA},
    } for r in Review.objects.filter(reviewer_id__in=users).select_related("practice")
        .order_by("assigned_at", "id")])
    return [profile, practices, reviews]


def _without_contact(record: object, addresses: set[str]) -> object:
    if not isinstance(record, dict):
        return record
    contact = record.get("contact")
    if isinstance(contact, dict) and str(contact.get("email", "")).lower() in addresses:
        return {**record, "contact": None}
    return record


def erase(person: Person) -> int:
    users = person.users
    if not users:
        return 0
    addresses = {a.lower() for a in get_user_model().objects.filter(pk__in=users)
                 .exclude(email="").values_list("email", flat=True)} | set(person.addresses)
    changed, _by_model = Profile.objects.filter(user_id__in=users).delete()
    drafts = Practice.objects.filter(contributor_id__in=users, status=Status.DRAFT,
                                     submitted_at__isnull=True)
    files = [a.file for practice in drafts for a in practice.attachments.all() if a.file]
    deleted, _by_model = drafts.delete()
    changed += deleted
    kept = list(Practice.objects.filter(contributor_id__in=users))
    for practice in kept:
        if practice.contact_email.strip().lower() in addresses:
            practice.contact_email = ""
            practice.contact_public = False
        practice.contributor = None
        practice.save(update_fields=["contact_email", "contact_public", "contributor"])
    for version in PracticeVersion.objects.filter(practice__in=[p.pk for p in kept]):
        record = _without_contact(version.record, addresses)
        if record is not version.record:
            version.record = record
            version.save(update_fields=["record"])

    def remove_files():
        for file in files:
            file.storage.delete(file.name)

    transaction.on_commit(remove_files)
    return changed + len(kept)


provider = Provider(name="practices", export=export, erase=erase)
