"""Announcements: preview, send through the mail queue, delivery log, unsubscribe."""

from __future__ import annotations

import pytest

from safecities.backoffice import services
from safecities.backoffice.emails import queue_pending_announcements
from safecities.backoffice.errors import NoRecipients
from safecities.backoffice.models import Announcement, AnnouncementDelivery
from safecities.mailing.delivery import deliver
from safecities.registration import services as registration_services
from safecities.registration.checkin import check_in
from safecities.registration.models import Registration
from tests.factories import person

pytestmark = pytest.mark.django_db


def register(event, n: int, **overrides) -> Registration:
    return registration_services.register(event=event, **person(n, **overrides)).registration


def url(event, path: str = "") -> str:
    return f"/backoffice/events/{event.slug}/{path}"


MESSAGE = {"subject": "Programme for {name}", "body": "Dear {name} ({organisation}),\n"
           "the programme is online. Your page: {link}\n{unknown} stays as typed."}


def test_the_preview_fills_in_the_first_recipient(organiser_client, event):
    register(event, 1, name="Amina Phiri", organisation="Lusaka City Council")
    register(event, 2)
    response = organiser_client.post(url(event, "announcements/"),
                                     {"segment": "confirmed", "preview": "1", **MESSAGE})
    page = response.content.decode()
    assert "Going to 2 people. As Amina Phiri will read it:" in page
    assert "Programme for Amina Phiri" in page
    assert "Dear Amina Phiri (Lusaka City Council)," in page
    assert "{unknown} stays as typed." in page
    assert Announcement.objects.count() == 0


def test_sending_queues_one_message_per_recipient_with_unsubscribe(organiser_client, event,
                                                                   smtp_server):
    for n in range(1, 5):
        register(event, n)  # 3 confirmed, 1 waiting
    deliver()
    smtp_server.messages.clear()
    response = organiser_client.post(url(event, "announcements/"),
                                     {"segment": "confirmed", "send": "1", **MESSAGE})
    announcement = Announcement.objects.get()
    assert response["Location"] == url(event, f"announcements/{announcement.pk}/")
    assert announcement.deliveries.count() == 3
    deliver()
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "participant1@example.org", "participant2@example.org", "participant3@example.org"]
    message = smtp_server.to("participant1@example.org")[0]
    registration = Registration.objects.get(email="participant1@example.org")
    assert message["Subject"] == "Programme for Participant 1"
    unsubscribe = f"http://testserver/registrations/{registration.token}/unsubscribe/"
    assert message["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    page = f"http://testserver/registrations/{registration.token}/"
    assert html.count("<a href=") == 2
    assert f'<a href="{page}">{page}</a>' in html
    assert f'<a href="{unsubscribe}">{unsubscribe}</a>' in html
    log = organiser_client.get(response["Location"]).content.decode()
    assert log.count("delivered to the mail server") == 3


def test_segments_choose_the_recipients(event, organiser):
    people = [register(event, n) for n in range(1, 6)]
    registration_services.cancel(registration=people[0])  # 4 is promoted
    check_in(registration=people[1], staff=organiser)
    from safecities.backoffice.queries import RegistrantFilter
    from safecities.backoffice.views.announcements import recipients

    def names(segment, **query):
        chosen = RegistrantFilter.from_query(query, [])
        return [r.name for r in recipients(event, segment, chosen, []).order_by("id")]

    assert names("confirmed") == ["Participant 2", "Participant 3", "Participant 4"]
    assert names("waitlisted") == ["Participant 5"]
    assert names("checked_in") == ["Participant 2"]
    assert names("everyone") == ["Participant 2", "Participant 3", "Participant 4",
                                 "Participant 5"]
    assert names("selection", q="Participant 3") == ["Participant 3"]


def test_unsubscribed_people_get_no_announcement_but_keep_their_place(client, event, organiser):
    registration = register(event, 1)
    register(event, 2)
    response = client.post(f"/registrations/{registration.token}/unsubscribe/")
    assert "You will receive no more announcements" in response.content.decode()
    announcement = services.announce(
        event=event, subject="Hello", body="Hi", segment="confirmed", sent_by=organiser,
        recipients=Registration.objects.filter(event=event))
    assert list(announcement.deliveries.values_list("registration__name", flat=True)) == [
        "Participant 2"]
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_someone_unsubscribing_after_sending_began_is_skipped(event, organiser, smtp_server):
    first = register(event, 1)
    announcement = services.announce(
        event=event, subject="Hello", body="Hi", segment="confirmed", sent_by=organiser,
        recipients=Registration.objects.filter(event=event))
    registration_services.unsubscribe_from_announcements(registration=first)
    assert queue_pending_announcements() == 1
    delivery = AnnouncementDelivery.objects.get(announcement=announcement)
    assert (delivery.pending, delivery.email) == (False, None)


def test_an_announcement_with_nobody_to_receive_it_is_refused(event, organiser):
    with pytest.raises(NoRecipients):
        services.announce(event=event, subject="Hello", body="Hi", segment="waitlisted",
                          sent_by=organiser,
                          recipients=Registration.objects.filter(event=event))


def test_each_delivery_is_queued_once(event, organiser):
    register(event, 1)
    services.announce(event=event, subject="Hello", body="Hi", segment="confirmed",
                      sent_by=organiser, recipients=Registration.objects.filter(event=event))
    assert queue_pending_announcements() == 1
    assert queue_pending_announcements() == 0
    from post_office.models import Email

    assert Email.objects.filter(subject="Hello").count() == 1
