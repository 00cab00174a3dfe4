"""Forms: the organisers' session form (admin), the timetable's filters, and the
rapporteur's summary, lesson and commitment forms.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from safecities.events.models import Event
from safecities.plaintext import SingleLineField, SingleLineModelForm
from safecities.practices.models import Characteristic, Practice
from safecities.programme.models import (
    Commitment,
    Day,
    Lesson,
    Rapporteur,
    Room,
    Session,
    Speaker,
)
from safecities.programme.queries import published_practices
from safecities.programme.services.timetable import (
    find_clashes,
    orphan_message,
    sessions_outside,
)


class SessionAdminForm(SingleLineModelForm):
    """A session's time is a day and two clock times, read in the event's time zone, so
    that an organiser in another zone still types the times printed on the programme.
    The rules of the timetable are checked here for the fields on this form (room, time,
    day, chair); the speakers' clashes are checked by the speakers' inline formset.
    """

    day = forms.DateField(label=_("day"), widget=admin_widgets.AdminDateWidget)
    starts = forms.TimeField(label=_("starts"), widget=admin_widgets.AdminTimeWidget,
                             help_text=_("Time in the event's time zone."))
    ends = forms.TimeField(label=_("ends"), widget=admin_widgets.AdminTimeWidget,
                           help_text=_("Time in the event's time zone."))

    class Meta:
        model = Session
        fields = ["event", "title", "type", "abstract", "room", "location", "shares_room",
                  "chair", "practices", "characteristics", "rapporteur"]
        widgets = {"characteristics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.starts_at:
            start = self.instance.local_starts_at()
            self.initial.update(day=start.date(), starts=start.time(),
                                ends=self.instance.local_ends_at().time())
        event_id = self.instance.event_id or self.initial.get("event") or self.data.get("event")
        if event_id and "room" in self.fields:
            for name, model in (("room", Room), ("chair", Speaker), ("rapporteur", Rapporteur)):
                if name in self.fields:
                    self.fields[name].queryset = model.objects.filter(event_id=event_id)
        if "practices" in self.fields:
            self.fields["practices"].help_text = _(
                "Only published practices are shown to the public.")

    def clean(self):
        data = super().clean()
        event: Event | None = data.get("event")
        day: date | None = data.get("day")
        starts: time | None = data.get("starts")
        ends: time | None = data.get("ends")
        if not (event and day and starts and ends):
            return data
        data["starts_at"] = datetime.combine(day, starts, tzinfo=event.tz)
        end_day = day + timedelta(days=1) if ends == time(0, 0) else day
        data["ends_at"] = datetime.combine(end_day, ends, tzinfo=event.tz)
        for name in ("room", "chair", "rapporteur"):
            value = data.get(name)
            if value is not None and value.event_id != event.pk:
                self.add_error(name, _("Choose one of this event's."))
        if self.errors:
            return data
        proposal = self._proposal(data)
        for clash in find_clashes(session=proposal, speaker_ids=[]):
            field = {"starts_at": "starts", "ends_at": "ends", "speakers": None}.get(
                clash.field, clash.field)
            self.add_error(field if field in self.fields else None, clash.message)
        return data

    def _proposal(self, data) -> Session:
        session = Session(pk=self.instance.pk, event=data["event"], title=data.get("title", ""),
                          type=data.get("type", ""), room=data.get("room"),
                          shares_room=bool(data.get("shares_room")), chair=data.get("chair"),
                          starts_at=data["starts_at"], ends_at=data["ends_at"])
        if session.type not in Session.ROOM_SHARING_TYPES:
            session.shares_room = False
        return session

    def _post_clean(self):
        super()._post_clean()
        if "starts_at" in self.cleaned_data:
            self.instance.starts_at = self.cleaned_data["starts_at"]
            self.instance.ends_at = self.cleaned_data["ends_at"]


class SessionSpeakerFormSet(BaseInlineFormSet):
    """The session's speakers, in speaking order; refuses a speaker who is elsewhere then."""

    def ordered_speakers(self) -> list[Speaker]:
        rows = []
        for index, form in enumerate(self.forms):
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("speaker") and not data.get("DELETE"):
                rows.append((data.get("position") or 0, index, data["speaker"]))
        return [speaker for _, _, speaker in sorted(rows, key=lambda row: row[:2])]

    def clean(self):
        super().clean()
        session: Session = self.instance
        if session.event_id is None or session.starts_at is None or session.ends_at is None:
            return
        speakers = self.ordered_speakers()
        if any(speaker.event_id != session.event_id for speaker in speakers):
            raise forms.ValidationError(_("Choose speakers of this event."))
        messages = [clash.message for clash in find_clashes(
            session=session, speaker_ids=[s.pk for s in speakers]) if clash.field == "speakers"]
        if messages:
            raise forms.ValidationError(messages)


class DayAdminForm(SingleLineModelForm):
    """A named day: within the event's dates, and never leaving a session outside the
    programme's days.
    """

    class Meta:
        model = Day
        fields = ["event", "date", "title"]

    def clean(self):
        data = super().clean()
        event, day = data.get("event"), data.get("date")
        if not (event and day):
            return data
        if not event.starts_on <= day <= event.ends_on:
            self.add_error("date", _("Choose a date between the event's first and last day."))
            return data
        named = set(Day.objects.filter(event=event).exclude(pk=self.instance.pk)
                    .values_list("date", flat=True)) | {day}
        outside = sessions_outside(event, named)
        if outside:
            self.add_error("date", orphan_message(outside[0], event))
        return data


class SpeakerAdminForm(SingleLineModelForm):
    photo_upload = forms.FileField(
        label=_("photo"), required=False,
        help_text=_("JPEG, PNG or WebP. Stored as a small square; its metadata is removed."))
    remove_photo = forms.BooleanField(label=_("remove the photo"), required=False)

    class Meta:
        model = Speaker
        fields = ["event", "name", "organisation", "city", "country", "biography"]


# --- Public filters ----------------------------------------------------------------------


class TimetableFilterForm(forms.Form):
    """Filters of the timetable page (GET): a session type and a characteristic."""

    type = forms.ChoiceField(label=_("Type"), required=False,
                             choices=[("", _("All types")), *Session.Type.choices])
    characteristic = forms.ChoiceField(label=_("Safe-city characteristic"), required=False)

    def __init__(self, *args, characteristics: list[Characteristic], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["characteristic"].choices = [("", _("All characteristics"))] + [
            (c.code, f"{c.code} {c}") for c in characteristics]


# --- Rapporteurs ----------------------------------------------------------------------


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the session"), required=False, max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: *emphasis*, **strong**, lists with “-”, links as "
                    "[text](https://…)."))


class LessonForm(SingleLineModelForm):
    characteristics = forms.ModelMultipleChoiceField(
        label=_("Characteristics it serves"), widget=forms.CheckboxSelectMultiple,
        queryset=Characteristic.objects.order_by("position"),
        error_messages={"required": _("Choose at least one of the seven characteristics.")})
    practices = forms.ModelMultipleChoiceField(
        label=_("Practices it draws on"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=Practice.objects.none())

    class Meta:
        model = Lesson
        fields = ["statement", "explanation", "proposed_by", "characteristics", "practices"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        # The published practices showcased at this exchange.
        self.fields["practices"].queryset = published_practices().filter(
            programme_sessions__event_id=session.event_id).distinct()


class CommitmentForm(SingleLineModelForm):
    characteristics = forms.ModelMultipleChoiceField(
        label=_("Characteristics it serves"), required=False,
        widget=forms.CheckboxSelectMultiple, queryset=Characteristic.objects.order_by("position"))

    class Meta:
        model = Commitment
        fields = ["city", "country", "statement", "characteristics"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 3})}


class ProgrammeSettingsForm(forms.Form):
    """What an organiser publishes: the programme, and the outcomes with their
    introduction (in the back-office; the admin is for site administrators)."""

    is_published = forms.BooleanField(label=_("The programme is published"), required=False)
    outcomes_published = forms.BooleanField(label=_("The outcomes are published"),
                                            required=False)
    outcomes_introduction = forms.CharField(
        label=_("Introduction to the outcomes"), required=False, max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}), help_text=_("Markdown."))


class RapporteurChoiceForm(forms.Form):
    """A session's rapporteur, by the person's user name or email address (empty: none)."""

    session = forms.IntegerField(widget=forms.HiddenInput)
    username = SingleLineField(label=_("Rapporteur (user name or email address)"),
                               required=False, max_length=150)


class SessionForm(SessionAdminForm):
    """The organisers' session form in the back-office: one event's session (its title,
    type, abstract, day and times in the event's time zone, room or place). Speakers,
    practices and translations are left as they are (the admin edits them)."""

    day = forms.DateField(label=_("day"), widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))
    starts = forms.TimeField(label=_("starts"), help_text=_("Time in the event's time zone."),
                             widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    ends = forms.TimeField(label=_("ends"), help_text=_("Time in the event's time zone."),
                           widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    class Meta:
        model = Session
        fields = ["title", "type", "abstract", "room", "location", "shares_room"]

    field_order = ["title", "type", "abstract", "day", "starts", "ends", "room", "location",
                   "shares_room"]

    def __init__(self, *args, event: Event, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)
        self.instance.event = event

    def clean(self):
        self.cleaned_data["event"] = self.event
        return super().clean()
