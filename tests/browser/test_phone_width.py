"""Every public page fits a 320 px and a 375 px phone screen in every language (French and
Portuguese words are longer): nothing scrolls sideways. The demo gives each page realistic
content."""

from __future__ import annotations

import io
from importlib import import_module

import pytest
from django.core.management import call_command

from safecities.cities.models import City
from safecities.events.models import Event
from safecities.practices.models import Practice
from safecities.programme.models import Session, Speaker
from safecities.registration.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.live]

LANGUAGES = ["en", "fr", "pt", "zu"]
PHONES = [{"width": 320, "height": 640}, {"width": 375, "height": 812}]

# The elements sticking out on the right, for the failure message.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return Array.from(document.querySelectorAll("body *"))
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .slice(-1)
    .map(el => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}`
               + (typeof el.className === "string" && el.className
                  ? "." + el.className.split(" ").join(".") : "")
               + ` (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
}"""


@pytest.fixture
def demo(transactional_db):
    from django.apps import apps

    for module in ("safecities.practices.migrations.0002_seed_vocabularies",
                   "safecities.cities.migrations.0002_seed_instrument"):
        import_module(module).seed(apps, None)
    call_command("load_demo", stdout=io.StringIO())


def public_pages() -> list[str]:
    event = Event.objects.published().get()
    registration = Registration.objects.filter(event=event, status="confirmed").first()
    session = Session.objects.filter(event=event).order_by("starts_at").first()
    speaker = Speaker.objects.filter(sessions__event=event).first()
    practice = Practice.objects.published().order_by("pk").first()
    city = City.objects.order_by("slug").first()
    slug = event.slug
    return [
        "/", f"/events/{slug}/", f"/events/{slug}/register/", f"/events/{slug}/contact/",
        registration.get_absolute_url(), f"/registrations/{registration.token}/agenda/",
        f"/events/{slug}/programme/", session.get_absolute_url(),
        f"/events/{slug}/programme/speakers/", speaker.get_absolute_url(),
        f"/events/{slug}/outcomes/",
        "/practices/", practice.get_absolute_url(),
        "/cities/", city.get_absolute_url(), "/cities/self-assessment/", "/cities/compare/",
        "/privacy/", "/accessibility/",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_public_page_scrolls_sideways_on_a_phone(demo, server, new_page, language):
    overflowing = {}
    for phone in PHONES:
        page = new_page(javascript=True, viewport=phone,
                        extra_http_headers={"Accept-Language": language})
        for url in public_pages():
            response = page.goto(server.url + url)
            assert response.status == 200, url
            assert page.evaluate("document.documentElement.lang") == language, url
            found = page.evaluate(OVERFLOW)
            if found:
                overflowing[f"{phone['width']} px {url}"] = found[0]

    if overflowing:
        pytest.fail(f"Pages scrolling sideways in {language}:\n" + "\n".join(
            f"{where}: {element}" for where, element in sorted(overflowing.items())),
            pytrace=False)
