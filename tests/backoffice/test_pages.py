"""The organisers' pages over HTTP: dashboard, registrant list and detail, actions."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from safecities.backoffice import charts, queries
from safecities.registration import services
from safecities.registration.checkin import check_in
from safecities.registration.models import CheckIn, Registration
from tests.factories import (
    CheckInFactory,
    NoteFactory,
    QuestionFactory,
    RegistrationFactory,
    person,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status


def register(event, n: int, **overrides) -> Registration:
    return services.register(event=event, **person(n, **overrides)).registration


def url(event, path: str = "") -> str:
    return f"/backoffice/events/{event.slug}/{path}"


def test_dashboard_figures_agree_with_the_rows(event, organiser):
    people = [register(event, n, country="Kenya" if n % 2 else "Zambia") for n in range(1, 7)]
    services.cancel(registration=people[0])
    check_in(registration=people[1], staff=organiser)
    figures = queries.figures(event)
    assert (figures.capacity, figures.confirmed, figures.waitlisted, figures.cancelled,
            figures.checked_in, figures.places_left, figures.filled_percent) == (3, 3, 2, 1, 1, 0,
                                                                                 100)
    assert queries.breakdown(event, "country") == [("Zambia", 3), ("Kenya", 2)]


def test_dashboard_page_shows_the_figures_and_the_chart(organiser_client, event):
    for n in range(1, 5):
        register(event, n)
    page = organiser_client.get(url(event, "dashboard/")).content.decode()
    assert "3 of 3 places confirmed" in page
    assert '<svg class="chart"' in page
    assert "Running total of registrations: 4" in page
    assert "<td>Zambia</td><td>4</td>" in page


def test_the_chart_is_a_running_total_with_quiet_days_flat():
    day = timezone.localdate()
    chart = charts.cumulative_line([(day, 2), (day + timedelta(days=2), 3)], width=104,
                                   height=54, pad=2)
    assert chart.days == [(day - timedelta(days=1), 0, 0), (day, 2, 2),
                          (day + timedelta(days=1), 0, 2), (day + timedelta(days=2), 3, 5)]
    assert chart.points == "2.0,52.0 35.3,32.0 68.7,32.0 102.0,2.0"
    assert chart.total == 5


def test_the_chart_of_one_day_rises_from_nothing_the_day_before():
    # A flat line along the top of a filled box read as an empty band.
    chart = charts.cumulative_line([(timezone.localdate(), 7)], width=104, height=54, pad=2)
    assert chart.points == "2.0,52.0 102.0,2.0"


def test_the_chart_starts_the_day_registration_opened():
    day = timezone.localdate()
    chart = charts.cumulative_line([(day, 4)], start=day - timedelta(days=4), width=104,
                                   height=54, pad=2)
    assert chart.points == "2.0,52.0 27.0,52.0 52.0,52.0 77.0,52.0 102.0,2.0"


@pytest.mark.parametrize("rows", [1, 12])
def test_dashboard_queries_do_not_grow_with_registrations(organiser_client, event, rows,
                                                         django_assert_num_queries):
    RegistrationFactory.create_batch(rows, event=event)
    # session, user, the session's OTP device, event, the rule's roles (event roles,
    # rapporteurs, city contacts), figures, per day, countries, organisations, latest, trail,
    # undelivered mail
    with django_assert_num_queries(14):
        assert organiser_client.get(url(event, "dashboard/")).status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_registrant_list_queries_do_not_grow_with_rows(organiser_client, event, rows,
                                                       django_assert_num_queries):
    QuestionFactory(event=event)
    RegistrationFactory.create_batch(rows, event=event, status=Status.WAITLISTED)
    # session, user, the session's OTP device, event, the rule's roles (event roles,
    # rapporteurs, city contacts), questions, count, page, the waiting line
    with django_assert_num_queries(11):
        response = organiser_client.get(url(event, "registrants/?per_page=25"))
    assert len(response.context["rows"]) == min(rows, 25)


def test_registrant_list_searches_name_email_organisation_and_reference(organiser_client, event):
    amina = register(event, 1, name="Amina Phiri", organisation="Lusaka City Council")
    register(event, 2, name="Thabo Nkosi", email="thabo@durban.example.org")
    register(event, 3, name="Joao Silva", organisation="Maputo Municipality")

    def found(query: str) -> list[str]:
        response = organiser_client.get(url(event, "registrants/"), {"q": query})
        return [r.name for r in response.context["rows"]]

    assert found("amina") == ["Amina Phiri"]
    assert found("durban.example") == ["Thabo Nkosi"]
    assert found("maputo") == ["Joao Silva"]
    assert found(amina.reference.lower()) == ["Amina Phiri"]


def test_registrant_list_filters_by_status_check_in_and_answers(organiser_client, event,
                                                                organiser):
    diet = QuestionFactory(event=event, key="diet", kind="single_choice")
    access = QuestionFactory(event=event, key="access", kind="long_text")
    a = services.register(event=event, answers={diet.id: ["Halal"], access.id: ["Wheelchair"]},
                          **person(1, name="A")).registration
    services.register(event=event, answers={diet.id: ["Vegetarian"]}, **person(2, name="B"))
    services.register(event=event, answers={diet.id: ["Halal"]}, **person(3, name="C"))
    services.register(event=event, **person(4, name="D"))
    check_in(registration=a, staff=organiser)

    def found(**query) -> list[str]:
        response = organiser_client.get(url(event, "registrants/"), query)
        return [r.name for r in response.context["rows"]]

    assert found(answer_diet="Halal") == ["A", "C"]
    assert found(answer_access="wheel") == ["A"]
    assert found(status="waitlisted") == ["D"]
    assert found(checked_in="yes") == ["A"]
    assert found(checked_in="no", answer_diet="Halal") == ["C"]
    assert found(sort="-name") == ["D", "C", "B", "A"]


def test_registrant_list_pages(organiser_client, event):
    RegistrationFactory.create_batch(30, event=event)
    response = organiser_client.get(url(event, "registrants/"), {"per_page": 25, "page": 2})
    assert len(response.context["rows"]) == 5
    assert "Page 2 of 2" in response.content.decode()


def test_waiting_rows_show_their_place_in_line(organiser_client, event):
    for n in range(1, 6):
        register(event, n)
    response = organiser_client.get(url(event, "registrants/"), {"status": "waitlisted"})
    assert [(r.name, r.line_position) for r in response.context["rows"]] == [
        ("Participant 4", 1), ("Participant 5", 2)]


def test_the_detail_page_shows_answers_notes_and_history(organiser_client, event, organiser):
    diet = QuestionFactory(event=event, label="Dietary needs", kind="single_choice")
    registration = services.register(event=event, answers={diet.id: ["Halal"]},
                                     **person(1, name="Amina Phiri")).registration
    NoteFactory(registration=registration, author=organiser, text="Speaks at the plenary.")
    check_in(registration=registration, staff=organiser)
    page = organiser_client.get(url(event, f"registrants/{registration.reference}/"))
    text = page.content.decode()
    assert "<dt>Dietary needs</dt><dd>Halal</dd>" in text
    assert "Speaks at the plenary." in text
    assert "registered; confirmed at once" in text
    assert "checked in by organiser" in text


def test_cancelling_from_the_back_office_promotes_and_is_audited(organiser_client, event):
    first = register(event, 1)
    for n in range(2, 5):
        register(event, n)
    response = organiser_client.post(url(event, "registrants/actions/"), {
        "action": "cancel", "selected": [first.pk], "back": "detail"})
    assert response["Location"] == url(event, f"registrants/{first.reference}/")
    assert list(Registration.objects.filter(event=event).order_by("id")
                .values_list("status", flat=True)) == [
        "cancelled", "confirmed", "confirmed", "confirmed"]
    page = organiser_client.get(response["Location"]).content.decode()
    assert "<del>confirmed</del> → <ins>cancelled</ins>" in page


def test_bulk_actions_apply_to_everyone_matching_the_filter(organiser_client, event):
    for n in range(1, 6):
        register(event, n, organisation="Lusaka City Council" if n < 3 else "Other")
    organiser_client.post(url(event, "registrants/actions/"), {
        "action": "cancel", "scope": "filter", "q": "Lusaka"})
    assert list(Registration.objects.filter(event=event).order_by("id")
                .values_list("status", flat=True)) == [
        "cancelled", "cancelled", "confirmed", "confirmed", "confirmed"]


def test_an_action_with_nothing_ticked_says_so(organiser_client, event):
    response = organiser_client.post(url(event, "registrants/actions/"), {"action": "cancel"},
                                     follow=True)
    assert "No registration was chosen: tick at least one." in response.content.decode()


def test_confirm_from_the_waiting_list_explains_a_refusal(organiser_client, event):
    for n in range(1, 5):
        register(event, n)
    waiting = Registration.objects.get(name="Participant 4")
    response = organiser_client.post(url(event, "registrants/actions/"), {
        "action": "confirm", "selected": [waiting.pk], "back": "detail"}, follow=True)
    assert "Every place is taken: raise the capacity or wait for a cancellation." in (
        response.content.decode())


def test_editing_details_over_http_keeps_the_form_on_error(organiser_client, event):
    register(event, 1)
    second = register(event, 2)
    data = {**person(2, name="Changed"), "email": "participant1@example.org"}
    response = organiser_client.post(url(event, f"registrants/{second.reference}/edit/"), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "This email address already holds a registration for this event." in text
    assert 'value="Changed"' in text


def test_adding_a_note_over_http(organiser_client, event, organiser):
    registration = register(event, 1)
    organiser_client.post(url(event, f"registrants/{registration.reference}/notes/"),
                          {"text": "Needs a wheelchair ramp."})
    assert list(registration.notes.values_list("text", "author__username")) == [
        ("Needs a wheelchair ramp.", "organiser")]


def test_the_audit_trail_names_who_changed_what(organiser_client, event):
    registration = register(event, 1, name="Amina Phiri")
    organiser_client.post(url(event, f"registrants/{registration.reference}/edit/"),
                          {**person(1, name="Amina Banda")})
    page = organiser_client.get(url(event, "audit/")).content.decode()
    assert "<del>Amina Phiri</del> → <ins>Amina Banda</ins>" in page
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get(object_id=registration.pk, action=LogEntry.Action.UPDATE)
    assert entry.actor.username == "organiser"
    assert entry.changes == {"name": ["Amina Phiri", "Amina Banda"]}


def test_promotions_are_in_the_audit_trail_with_the_organiser_who_caused_them(
        organiser_client, event):
    first = register(event, 1)
    for n in range(2, 5):
        register(event, n)
    organiser_client.post(url(event, "registrants/actions/"), {
        "action": "cancel", "selected": [first.pk]})
    from auditlog.models import LogEntry

    promoted = Registration.objects.get(name="Participant 4")
    entry = LogEntry.objects.get(object_id=promoted.pk)
    assert (entry.changes, entry.actor.username, entry.additional_data) == (
        {"status": ["waitlisted", "confirmed"]}, "organiser",
        {"event_id": event.pk, "registration_id": promoted.pk})


def test_check_in_page_finds_by_code_and_checks_in_once(signed_in, door_staff, event):
    client = signed_in(door_staff)
    registration = register(event, 1, name="Amina Phiri")
    page = client.get(url(event, "check-in/"), {"code": registration.checkin_code})
    assert "Check in Amina Phiri" in page.content.decode()
    first = client.post(url(event, f"check-in/{registration.pk}/"))
    assert first["Location"] == url(event, f"check-in/?done={registration.pk}")
    assert "Checked in" in client.get(first["Location"]).content.decode()
    second = client.post(url(event, f"check-in/{registration.pk}/"))
    assert second["Location"] == url(event, f"check-in/?done={registration.pk}&repeat=1")
    text = client.get(second["Location"]).content.decode()
    assert "Already checked in" in text
    assert "by door. Not counted again." in text
    assert client.get(url(event, "check-in/counts/")).json() == {
        "checked_in": 1, "confirmed": 1, "waitlisted": 0}


def test_check_in_flags_and_refuses_the_waiting_list(signed_in, door_staff, event):
    client = signed_in(door_staff)
    for n in range(1, 5):
        register(event, n)
    waiting = Registration.objects.get(name="Participant 4")
    text = client.get(url(event, "check-in/"), {"q": "Participant 4"}).content.decode()
    assert "Not confirmed: On the waiting list" in text
    response = client.post(url(event, f"check-in/{waiting.pk}/"), follow=True)
    assert "Not admitted" in response.content.decode()
    assert not hasattr(Registration.objects.get(pk=waiting.pk), "checkin")


def test_check_in_page_shows_an_unknown_code_plainly(signed_in, door_staff, event):
    text = signed_in(door_staff).get(url(event, "check-in/"), {"code": "nothing"}).content
    assert "This QR code belongs to no registration of this event." in text.decode()


def test_a_code_from_another_event_finds_nobody(signed_in, door_staff, event):
    other = CheckInFactory().registration
    text = signed_in(door_staff).get(url(event, "check-in/"), {"code": other.checkin_code})
    assert "This QR code belongs to no registration of this event." in text.content.decode()


def test_dashboard_lists_mail_the_server_refused_for_good(organiser_client, event):
    from post_office.models import STATUS, Email, Log

    from safecities.mailing.outbox import run_producers

    register(event, 1)
    register(event, 2, name="Thandi Refused")
    run_producers()
    refused = Email.objects.get(to="participant2@example.org")
    Email.objects.filter(pk=refused.pk).update(status=STATUS.failed)
    Log.objects.create(email=refused, status=STATUS.failed, message="550 5.1.1 No such mailbox",
                       exception_type="SMTPRecipientsRefused")
    page = organiser_client.get(url(event, "dashboard/")).content.decode()
    assert "Email that could not be delivered" in page
    assert "Thandi Refused" in page
    assert "<td>550 5.1.1 No such mailbox</td>" in page
    assert "participant1@example.org" not in page


def test_the_history_is_in_time_order_with_uniform_local_times(organiser_client, event, organiser):
    first = register(event, 1)
    Registration.objects.filter(pk=first.pk).update(
        registered_at=datetime(2014, 11, 20, 8, 0, 5, tzinfo=UTC))
    CheckIn.objects.create(registration=first, checked_in_by=organiser,
                           checked_in_at=datetime(2014, 12, 3, 6, 30, 41, tzinfo=UTC))
    organiser_client.post(url(event, "registrants/actions/"), {
        "action": "cancel", "selected": [first.pk], "back": "detail"})
    page = organiser_client.get(url(event, f"registrants/{first.reference}/")).content.decode()
    history = page[page.index('<ol class="history">'):page.index("</ol>", page.index(
        '<ol class="history">'))]
    times = re.findall(r"<li>(\d+ \w+ \d{4} [\d:]+) — ", history)
    assert times[:2] == ["20 Nov 2014 10:00", "3 Dec 2014 08:30"]
    assert len(times) == 3
    assert history.index("registered;") < history.index("checked in by") < history.index(
        "<ins>cancelled</ins>")
    assert "Times are local to the exchange (Africa/Johannesburg)." in page


def test_the_registrant_table_sorts_by_a_header_link_keeping_the_search(organiser_client,
                                                                        event):
    register(event, 1)
    page = organiser_client.get(url(event, "registrants/"), {"q": "Participant",
                                                              "sort": "name"}).content.decode()
    assert ('<th scope="col" aria-sort="ascending"><a href="?q=Participant&amp;sort=-name">'
            'Name</a></th>') in page
    assert '<th scope="col"><a href="?q=Participant&amp;sort=country">Country</a></th>' in page
    assert '<th scope="col">Reference</th>' in page
    again = organiser_client.get(url(event, "registrants/"), {"sort": "-country"})
    assert ('<th scope="col" aria-sort="descending"><a href="?sort=country">Country</a></th>'
            in again.content.decode())
