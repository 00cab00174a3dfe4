"""The back-office in a real browser: sign-in, dashboard, registrants, check-in at the door
(with a QR code image decoded by the page itself), documents and announcements. The
screenshots in docs/organisers.md are taken here."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
import segno
from django.utils import timezone
from playwright.sync_api import Page, expect

from safecities.backoffice.models import Role
from safecities.registration import services
from safecities.registration.checkin import check_in
from safecities.registration.models import Registration
from tests.browser.signing_in import sign_in as one_sign_in
from tests.browser.test_accessibility import audit
from tests.factories import (
    EventFactory,
    EventRoleFactory,
    QuestionFactory,
    UserFactory,
    person,
)
from tests.signing_in import give_device

pytestmark = [pytest.mark.browser, pytest.mark.live]

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCREENSHOTS = PROJECT_DIR / "docs" / "images" / "organisers"
PHONE = {"width": 412, "height": 915}
LAPTOP = {"width": 1280, "height": 900}

DELEGATES = [
    ("Thandeka Mthembu", "eThekwini Municipality", "Durban", "South Africa"),
    ("Kwame Boateng", "Kumasi Metropolitan Assembly", "Kumasi", "Ghana"),
    ("Amina Mwangi", "Nairobi City County", "Nairobi", "Kenya"),
    ("Joaquim Matsinhe", "Maputo Municipal Council", "Maputo", "Mozambique"),
    ("Fatou Diallo", "Ville de Dakar", "Dakar", "Senegal"),
    ("Chipo Banda", "Lusaka City Council", "Lusaka", "Zambia"),
]


def exchange(capacity: int = 4):
    """An event with an organiser, door staff, a question and six delegates (two waiting)."""
    event = EventFactory(slug="durban-2014", capacity=capacity,
                         title="Urban Safety and Crime Prevention Learning Exchange")
    organiser = EventRoleFactory(event=event, user=UserFactory(username="organiser"),
                                 role=Role.ORGANISER).user
    give_device(organiser)  # organisers must have a second factor
    door = EventRoleFactory(event=event, user=UserFactory(username="door"),
                            role=Role.CHECKIN).user
    diet = QuestionFactory(event=event, key="diet", label="Dietary needs",
                           kind="single_choice", choices=["None", "Vegetarian", "Halal"])
    people = [
        services.register(event=event, answers={diet.id: [["None", "Vegetarian", "Halal"][n % 3]]},
                          **person(n, name=name, organisation=org, city=city,
                                   country=country)).registration
        for n, (name, org, city, country) in enumerate(DELEGATES, start=1)
    ]
    return event, organiser, door, people


def sign_in(page: Page, server, username: str, next_path: str = "") -> None:
    """The one sign-in; organisers then give the code from their authenticator app."""
    one_sign_in(page, server.url, username, next_path=next_path or "/backoffice/")


def shoot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_organiser_signs_in_and_manages_registrants(server, new_page, javascript):
    event, _, _, people = exchange()
    page = new_page(javascript=javascript, viewport=LAPTOP)
    sign_in(page, server, "organiser")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your events")
    page.get_by_role("link", name=event.title).click()
    expect(page).to_have_url(f"{server.url}/backoffice/events/durban-2014/dashboard/")
    expect(page.locator(".gauge-label")).to_have_text("4 of 4 places confirmed (100%)")
    if javascript:
        shoot(page, "dashboard")

    page.get_by_role("link", name="Registrants", exact=True).click()
    page.get_by_label("Dietary needs").select_option("Vegetarian")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("status").first).to_have_text(re.compile("2 registrations match."))
    expect(page.locator("table.registrants tbody tr")).to_have_count(2)
    page.get_by_role("link", name="Clear").click()
    if javascript:
        shoot(page, "registrants")

    page.get_by_role("link", name="Thandeka Mthembu").click()
    page.get_by_label("Note").fill("Speaks at the opening plenary.")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("The note is added.")).to_be_visible()
    page.get_by_role("button", name="Cancel registration").click()
    expect(page.locator(".status")).to_have_text(re.compile("Cancelled"))
    expect(page.locator("ol.history")).to_contain_text("confirmed → cancelled")
    if javascript:
        shoot(page, "registrant")
    statuses = list(Registration.objects.filter(event=event).order_by("id")
                    .values_list("status", flat=True))
    assert statuses == ["cancelled", "confirmed", "confirmed", "confirmed", "confirmed",
                        "waitlisted"]
    assert people[0].notes.get().text == "Speaks at the opening plenary."


def badge_qr(registration: Registration, tmp_path: Path) -> Path:
    """A photo of a badge's QR code, as the phone's camera would give it."""
    path = tmp_path / "badge-qr.png"
    segno.make(registration.checkin_code, error="m").save(path, scale=8, border=4)
    return path


def test_door_staff_check_in_by_a_photo_of_the_badge_qr_code(server, new_page, tmp_path):
    event, _, _, people = exchange()
    page = new_page(viewport=PHONE)
    sign_in(page, server, "door")
    expect(page).to_have_url(f"{server.url}/backoffice/")
    page.get_by_role("link", name=event.title).click()
    expect(page).to_have_url(f"{server.url}/backoffice/events/durban-2014/check-in/")
    expect(page.locator("#counts")).to_have_text("0 of 4 confirmed checked in")

    # The page decodes the picture itself (BarcodeDetector or the vendored jsQR).
    page.locator("#scan-photo").set_input_files(badge_qr(people[1], tmp_path))
    expect(page).to_have_url(re.compile(r"\?code=" + re.escape(people[1].checkin_code) + "$"))
    page.get_by_role("button", name="Check in Kwame Boateng").click()
    expect(page.locator(".door-ok .door-title")).to_have_text("Checked in")
    expect(page.locator("#counts")).to_have_text("1 of 4 confirmed checked in")
    shoot(page, "check-in")

    page.locator("#scan-photo").set_input_files(badge_qr(people[1], tmp_path))
    expect(page.locator(".flag-repeat")).to_have_text(
        re.compile("Already checked in at .* by door"))

    page.locator("#scan-photo").set_input_files(badge_qr(people[5], tmp_path))
    expect(page.locator(".door-result .flag")).to_have_text("Not confirmed: On the waiting list")
    expect(page.get_by_role("button", name=re.compile("Check in"))).to_have_count(0)
    assert Registration.objects.get(pk=people[1].pk).checkin.checked_in_by.username == "door"


def test_door_staff_check_in_by_name_without_javascript(server, new_page):
    _, _, _, people = exchange()
    page = new_page(javascript=False, viewport=PHONE)
    sign_in(page, server, "door", next_path="/backoffice/events/durban-2014/check-in/")
    expect(page.locator("#scanner")).to_be_hidden()
    page.get_by_label("Name or reference").fill("amina")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("button", name="Check in Amina Mwangi").click()
    expect(page.locator(".door-ok")).to_contain_text("Amina Mwangi")
    page.get_by_label("Name or reference").fill(people[2].reference)
    page.get_by_role("button", name="Find").click()
    expect(page.locator(".flag-repeat")).to_contain_text("Already checked in")


def test_an_organiser_previews_and_sends_an_announcement(server, new_page):
    exchange()
    page = new_page(viewport=LAPTOP)
    sign_in(page, server, "organiser", next_path="/backoffice/events/durban-2014/announcements/")
    page.get_by_label("Everyone on the waiting list").check()
    page.get_by_label("Subject in English").fill("While you wait, {name}")
    page.get_by_label("Message in English").fill("Dear {name},\nyou are still on the waiting list.")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".email-preview")).to_contain_text("While you wait, Fatou Diallo")
    shoot(page, "announcement-preview")
    page.get_by_role("button", name="Send to 2 people").click()
    expect(page.get_by_role("heading", level=2, name="Delivery log")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(2)


def test_an_organiser_downloads_badges_and_the_export(server, new_page):
    exchange()
    page = new_page(viewport=LAPTOP)
    sign_in(page, server, "organiser", next_path="/backoffice/events/durban-2014/documents/")
    with page.expect_download() as download:
        page.get_by_role("link", name="A4 sheets, 8 badges each (PDF)").click()
    assert download.value.suggested_filename == "durban-2014-badges-sheets.pdf"
    page.goto(f"{server.url}/backoffice/events/durban-2014/export/")
    page.get_by_label("Dietary needs").check()
    page.get_by_label("CSV (UTF-8)").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        lines = exported.read().splitlines()
    # The participant-list columns ticked by default, then the question ticked here.
    assert lines[0] == ("Full name,Email,Organisation,Position,City,Country,Status,"
                        "Place in line,Registered at,Checked in at,Dietary needs")
    assert len(lines) == 7


def test_no_backoffice_page_has_an_axe_violation(server, new_page):
    event, organiser, door, people = exchange()
    check_in(registration=people[0], staff=door)
    from safecities.registration import reconfirmation

    asked = reconfirmation.ask(event=event, deadline=timezone.now() + timedelta(days=3),
                               asked_by=organiser)
    page = new_page(viewport=LAPTOP)
    violations: dict[str, list[str]] = {}

    def check(path: str, status: int = 200) -> None:
        response = page.goto(server.url + path)
        assert response.status == status, path
        found = audit(page)
        if found:
            violations[path] = found

    check("/sign-in/")
    sign_in(page, server, "organiser")
    base = "/backoffice/events/durban-2014/"
    question = event.questions.get()
    for path in ["/backoffice/", base + "dashboard/", base + "registrants/",
                 base + "registrants/?q=a&answer_diet=Halal",
                 base + f"registrants/{people[0].reference}/",
                 base + f"registrants/{people[0].reference}/edit/", base + "export/",
                 base + "documents/", base + "check-in/", base + "check-in/?q=a",
                 base + f"check-in/?done={people[0].pk}&repeat=1", base + "questions/",
                 base + "questions/new/", base + f"questions/{question.pk}/",
                 base + "announcements/", base + "reconfirmation/",
                 base + f"reconfirmation/{asked.pk}/release/", base + "team/", base + "audit/",
                 "/backoffice/account/"]:
        check(path)
    page.goto(server.url + base + "announcements/")
    page.get_by_label("Subject in English").fill("Hello {name}")
    page.get_by_label("Message in English").fill("The programme is online.")
    page.get_by_role("button", name="Preview").click()
    found = audit(page)
    if found:
        violations["announcement preview"] = found
    public = people[2]
    for path in [f"/registrations/{public.token}/still-coming/",
                 f"/registrations/{public.token}/unsubscribe/"]:
        check(path)
    check(f"/registrations/{public.token}/certificate.pdf", status=403)
    assert violations == {}


def fake_camera(code: str, path: Path) -> Path:
    """A Y4M video whose every frame shows a badge's QR code: Chromium's fake camera."""
    from PIL import Image

    width, height = 640, 480
    frame = Image.new("RGB", (width, height), "white")
    qr = Image.open(badge_qr_file(code, path.parent)).convert("RGB")
    qr = qr.resize((300, 300), Image.NEAREST)
    frame.paste(qr, ((width - 300) // 2, (height - 300) // 2))
    y, cb, cr = frame.convert("YCbCr").split()
    half = (width // 2, height // 2)
    with path.open("wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(10):
            video.write(b"FRAME\n")
            video.write(y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes())
    return path


def badge_qr_file(code: str, folder: Path) -> Path:
    path = folder / "qr.png"
    segno.make(code, error="m").save(path, scale=8, border=4)
    return path


def test_door_staff_check_in_by_scanning_with_the_camera(server, browser, tmp_path):
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, watch_csp

    _, _, _, people = exchange()
    video = fake_camera(people[2].checkin_code, tmp_path / "camera.y4m")
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM, headless=True,
        args=[*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream",
              "--use-fake-device-for-media-stream", f"--use-file-for-fake-video-capture={video}"])
    try:
        context = camera_browser.new_context(viewport=PHONE)
        context.set_default_timeout(TIMEOUT_MS)
        context.grant_permissions(["camera"], origin=server.url)
        violations = watch_csp(context)
        page = context.new_page()
        sign_in(page, server, "door", next_path="/backoffice/events/durban-2014/check-in/")
        page.get_by_role("button", name="Scan a badge's QR code").click()
        expect(page).to_have_url(re.compile(r"\?code=" + re.escape(people[2].checkin_code) + "$"))
        page.get_by_role("button", name="Check in Amina Mwangi").click()
        expect(page.locator(".door-ok")).to_contain_text("Amina Mwangi")
    finally:
        camera_browser.close()
    assert violations == []


def test_an_organiser_sets_up_questions_the_team_and_reconfirmation(server, new_page):
    event, _, _, _ = exchange()
    UserFactory(username="second-door")
    page = new_page(viewport=LAPTOP)
    sign_in(page, server, "organiser", next_path="/backoffice/events/durban-2014/questions/")
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Question", exact=True).fill("Which days will you attend?")
    page.get_by_label("Key").fill("days")
    page.get_by_label("Kind of answer").select_option("multiple_choice")
    page.get_by_label("Required").check()
    page.get_by_label("Options").fill("3 December\n4 December\n5 December")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="days", exact=True)).to_be_visible()

    public = new_page(viewport=PHONE)
    public.goto(f"{server.url}/events/durban-2014/register/")
    expect(public.get_by_role("group", name="Which days will you attend?")).to_be_visible()
    expect(public.get_by_label("4 December")).to_be_visible()

    page.get_by_role("link", name="Team").click()
    page.get_by_label("User name").fill("second-door")
    page.get_by_label("Role").select_option("checkin")
    page.get_by_role("button", name="Give the role").click()
    expect(page.get_by_role("cell", name="second-door", exact=True)).to_be_visible()

    page.get_by_role("link", name="Reconfirmation").click()
    deadline = (timezone.localtime(timezone.now() + timedelta(days=5), event.tz)
                .strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Answer by").fill(deadline)
    page.get_by_role("button", name="Ask everyone confirmed").click()
    expect(page.get_by_text("4 confirmed participants are asked.")).to_be_visible()
    page.get_by_role("link", name="Release non-responders…").click()
    expect(page.get_by_role("heading", name="4 registrations would be cancelled")).to_be_visible()
    expect(page.get_by_text("The deadline has not passed yet")).to_be_visible()
