"""The organisers' admin enforces the timetable's rules and is pleasant to use."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from safecities.programme.models import Session, SessionSpeaker, Speaker
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    sign_in(client, user)
    return user


def session_form(programme, *, title="New session", day="2014-12-03", starts="09:30",
                 ends="10:00", room=None, chair=None, speakers=(), type="showcase"):
    data = {
        "event": programme.event.pk, "title": title, "type": type, "abstract": "",
        "day": day, "starts": starts, "ends": ends, "room": room.pk if room else "",
        "location": "", "chair": chair.pk if chair else "", "rapporteur": "",
        "speaker_links-TOTAL_FORMS": str(len(speakers)), "speaker_links-INITIAL_FORMS": "0",
        "speaker_links-MIN_NUM_FORMS": "0", "speaker_links-MAX_NUM_FORMS": "1000",
    }
    for i, speaker in enumerate(speakers):
        data[f"speaker_links-{i}-speaker"] = speaker.pk
        data[f"speaker_links-{i}-position"] = str(i)
    return data


def test_the_admin_saves_a_session_at_event_times_with_speakers_in_order(client, organiser,
                                                                         programme):
    response = client.post("/admin/programme/session/add/", session_form(
        programme, title="Closing", day="2014-12-04", starts="15:00", ends="16:00",
        room=programme.hall, speakers=[programme.researcher, programme.mayor]))
    assert response.status_code == 302
    session = Session.objects.get(title="Closing")
    assert session.local_starts_at().isoformat() == "2014-12-04T15:00:00+02:00"
    assert list(SessionSpeaker.objects.filter(session=session).values_list(
        "speaker__name", flat=True)) == ["Ana Costa", "Zanele Mkhize"]


def test_the_admin_refuses_a_room_clash_next_to_the_room_naming_both_sessions(
        client, organiser, programme):
    response = client.post("/admin/programme/session/add/", session_form(
        programme, room=programme.hall))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["room"] == [
        "Room clash: “New session” (Wed 3 Dec, 09:30–10:00) and “Opening plenary” "
        "(Wed 3 Dec, 09:00–10:30) would both be in Hall 1 at the same time. Only breaks and "
        "networking sessions may share a room."]
    assert not Session.objects.filter(title="New session").exists()


def test_the_admin_refuses_a_speaker_who_is_elsewhere(client, organiser, programme):
    response = client.post("/admin/programme/session/add/", session_form(
        programme, room=programme.studio, speakers=[programme.mayor]))
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == [
        "Zanele Mkhize cannot be in “New session” (Wed 3 Dec, 09:30–10:00) and in "
        "“Opening plenary” (Wed 3 Dec, 09:00–10:30): they overlap."]
    assert not Session.objects.filter(title="New session").exists()


def test_the_admin_refuses_a_day_outside_the_programme(client, organiser, programme):
    response = client.post("/admin/programme/session/add/", session_form(
        programme, day="2014-12-09"))
    assert response.context["adminform"].form.errors["starts"] == [
        "“New session” (Tue 9 Dec, 09:30–10:00) is not on a day of the programme "
        "(3 Dec 2014, 4 Dec 2014)."]


def test_the_change_form_shows_event_times(client, organiser, programme):
    response = client.get(f"/admin/programme/session/{programme.showcase.pk}/change/")
    form = response.context["adminform"].form
    assert (str(form.initial["day"]), str(form.initial["starts"]),
            str(form.initial["ends"])) == ("2014-12-03", "11:00:00", "12:00:00")


def test_the_day_view_is_a_grid_of_rooms(client, organiser, programme):
    response = client.get(f"/admin/programme/session/day/{programme.event.pk}/2014-12-03/")
    assert response.status_code == 200
    page = response.content.decode()
    assert [room.name for room in response.context["rooms"]] == ["Hall 1", "Studio 2"]
    assert [(start.strftime("%H:%M"), [[s.title for s in cell] for cell in cells])
            for start, cells in response.context["grid"]] == [
        ("09:00", [["Opening plenary"], [], []]),
        ("11:00", [["Markets that are safe"], ["Partnering with communities"], []]),
    ]
    assert "Chair: Zanele Mkhize" in page


def test_a_speaker_photo_is_stored_small_and_served(client, organiser, programme):
    picture = io.BytesIO()
    Image.new("RGB", (1200, 800), "orange").save(picture, format="PNG")
    picture.seek(0)
    picture.name = "portrait.png"
    speaker = programme.officer
    response = client.post(f"/admin/programme/speaker/{speaker.pk}/change/", {
        "event": programme.event.pk, "name": speaker.name, "organisation": "City of Accra",
        "city": "Accra", "country": "Ghana", "biography": "", "photo_upload": picture})
    assert response.status_code == 302
    speaker = Speaker.objects.get(pk=speaker.pk)
    with Image.open(io.BytesIO(bytes(speaker.photo))) as stored:
        assert (stored.format, stored.size) == ("JPEG", (240, 240))
    client.logout()
    served = client.get(f"/events/durban-2014/programme/speakers/{speaker.pk}/"
                        f"photo-{speaker.photo_version}.jpg")
    assert served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "public, max-age=31536000, immutable"
    assert len(served.content) < 12_000
    page = client.get(speaker.get_absolute_url()).content.decode()
    assert f"photo-{speaker.photo_version}.jpg" in page


def test_a_file_that_is_not_a_photo_is_refused(client, organiser, programme):
    upload = io.BytesIO(b"not an image")
    upload.name = "cv.pdf"
    speaker = programme.officer
    client.post(f"/admin/programme/speaker/{speaker.pk}/change/", {
        "event": programme.event.pk, "name": speaker.name, "organisation": "",
        "city": "", "country": "", "biography": "", "photo_upload": upload})
    assert Speaker.objects.get(pk=speaker.pk).photo is None


def test_naming_a_day_that_leaves_a_session_out_is_refused_next_to_the_date(
        client, organiser, programme):
    response = client.post("/admin/programme/day/add/", {
        "event": programme.event.pk, "date": "2014-12-03", "title": "Opening"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"] == [
        "“Visit to Warwick Junction” (Thu 4 Dec, 09:00–12:00) would no longer be on a day "
        "of the programme."]


def test_the_session_list_links_each_day_view(client, organiser, programme):
    page = client.get("/admin/programme/session/").content.decode()
    assert (f'href="/admin/programme/session/day/{programme.event.pk}/2014-12-04/"'
            in page)


def test_the_programme_list_links_its_day_views(client, organiser, programme):
    page = client.get("/admin/programme/programme/").content.decode()
    assert f'href="/admin/programme/session/day/{programme.event.pk}/2014-12-03/"' in page


def test_the_admin_records_a_lesson_through_the_rules(client, organiser, programme):
    from safecities.programme.models import Lesson
    from tests.factories import characteristic

    response = client.post("/admin/programme/lesson/add/", {
        "session": programme.showcase.pk, "statement": "Plan with traders.",
        "explanation": "", "characteristics": [characteristic("C6").pk],
        "practices": [programme.practice.pk], "proposed_by": "Accra", "position": "0"})
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert (lesson.written_by, list(lesson.practices.all())) == (organiser,
                                                                  [programme.practice])


@pytest.mark.parametrize("size", [(60000, 60000), (10000, 10000), (8001, 5000)])
def test_a_photo_whose_header_states_too_many_pixels_is_refused_before_decoding(
        programme, size):
    from safecities.programme.errors import ProgrammeError
    from safecities.programme.services.timetable import set_speaker_photo
    from tests.practices.test_attachments import png

    with pytest.raises(ProgrammeError, match="The photo has too many pixels"):
        set_speaker_photo(speaker=programme.officer, upload=io.BytesIO(png(*size)))
