"""Every cities page of the admin opens for an organiser, with the demo loaded."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from safecities.cities import models
from tests.factories import UserFactory
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

MODELS = ["city", "citycontact", "indicator", "indicatorvalue", "instrumentversion",
          "learningrequest", "meetingprofile", "meetingrequest", "meetingslot", "meetingtable"]


def test_every_cities_admin_page_opens(client):
    call_command("load_demo")
    sign_in(client, UserFactory(username="admin", is_staff=True, is_superuser=True))
    for name in MODELS:
        assert client.get(f"/admin/cities/{name}/").status_code == 200, name
        model = next(m for m in vars(models).values()
                     if isinstance(m, type) and getattr(m, "_meta", None)
                     and m._meta.model_name == name)
        first = model.objects.first()
        assert client.get(f"/admin/cities/{name}/{first.pk}/change/").status_code == 200, name
    for name in ["city", "meetingslot", "meetingtable", "indicator"]:
        assert client.get(f"/admin/cities/{name}/add/").status_code == 200, name
