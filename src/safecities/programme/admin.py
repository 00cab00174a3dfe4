"""The organisers build the programme here. Every change that could break a timetable
rule goes through ``services.timetable`` (the forms show the clash before saving; the
service checks again under the event's lock).
"""

from __future__ import annotations

from datetime import date

from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from safecities.events.models import Event
from safecities.languages.content import translation_fieldsets, translations_form
from safecities.programme import queries
from safecities.programme.errors import ProgrammeError
from safecities.programme.forms import (
    DayAdminForm,
    SessionAdminForm,
    SessionSpeakerFormSet,
    SpeakerAdminForm,
)
from safecities.programme.models import (
    Commitment,
    Day,
    Lesson,
    Programme,
    Rapporteur,
    Room,
    Session,
    SessionReport,
    SessionSpeaker,
    Speaker,
)
from safecities.programme.services import outcomes, timetable


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["event", "is_published", "outcomes_published", "day_views"]
    fields = ["event", "is_published", "outcomes_introduction", "outcomes_published"]
    autocomplete_fields = ["event"]

    @admin.display(description=_("day view"))
    def day_views(self, programme):
        return format_html_join(" · ", '<a href="{}">{}</a>', (
            (reverse("admin:programme_session_day",
                     args=[programme.event_id, day.date.isoformat()]),
             day.date.strftime("%a %d %b"))
            for day in queries.programme_days(programme.event)))


@admin.register(Day)
class DayAdmin(admin.ModelAdmin):
    """Named days; a change that would leave a session outside the days is refused."""

    form = DayAdminForm
    list_display = ["date", "title", "event"]
    list_filter = ["event"]

    def save_model(self, request, obj, form, change):
        timetable.save_day(event=obj.event, day_date=obj.date, title=obj.title,
                           day=obj if change else None)

    def delete_model(self, request, obj):
        timetable.remove_day(day=obj)

    def delete_queryset(self, request, queryset):
        for day in queryset:
            timetable.remove_day(day=day)

    def delete_view(self, request, *args, **kwargs):
        try:
            return super().delete_view(request, *args, **kwargs)
        except ProgrammeError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect("admin:programme_day_changelist")


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "capacity", "accessibility", "position", "event"]
    list_filter = ["event"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "city", "country", "has_photo", "event"]
    list_filter = ["event"]
    search_fields = ["name", "organisation", "city"]
    readonly_fields = ["current_photo"]
    form = SpeakerAdminForm
    fields = ["event", "name", "organisation", "city", "country", "biography",
              "current_photo", "photo_upload", "remove_photo"]

    @admin.display(boolean=True, description=_("photo"))
    def has_photo(self, speaker):
        return bool(speaker.photo)

    @admin.display(description=_("current photo"))
    def current_photo(self, speaker):
        if not speaker.photo:
            return "—"
        url = reverse("programme:speaker_photo", kwargs={
            "slug": speaker.event.slug, "pk": speaker.pk, "version": speaker.photo_version})
        return format_html('<img src="{}" alt="" width="120" height="120">', url)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        upload = form.cleaned_data.get("photo_upload")
        try:
            if upload:
                timetable.set_speaker_photo(speaker=obj, upload=upload)
            elif form.cleaned_data.get("remove_photo"):
                timetable.set_speaker_photo(speaker=obj, upload=None)
        except ProgrammeError as error:
            self.message_user(request, str(error), messages.ERROR)


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    formset = SessionSpeakerFormSet
    extra = 1
    fields = ["speaker", "position"]
    autocomplete_fields = ["speaker"]
    verbose_name = _("speaker")
    verbose_name_plural = _("speakers, in speaking order")


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = translations_form(Session, base=SessionAdminForm)
    inlines = [SessionSpeakerInline]
    list_display = ["title", "when", "type", "room", "chair", "event"]
    list_filter = ["event", "type", "room"]
    list_select_related = ["event", "room", "chair"]
    search_fields = ["title", "abstract"]
    autocomplete_fields = ["chair", "practices"]
    ordering = ["event", "starts_at", "room__position"]
    fieldsets = [
        (None, {"fields": ["event", "title", "type", "abstract"]}),
        (_("When and where"), {"fields": ["day", ("starts", "ends"), "room", "location",
                                          "shares_room"]}),
        (_("People"), {"fields": ["chair", "rapporteur"]}),
        (_("Practices and characteristics"), {"fields": ["practices", "characteristics"]}),
    ]

    @admin.display(description=_("when"), ordering="starts_at")
    def when(self, session):
        start, end = session.local_starts_at(), session.local_ends_at()
        return f"{start:%a %d %b %H:%M}–{end:%H:%M}"

    def get_fieldsets(self, request, obj=None):
        return [*super().get_fieldsets(request, obj), *translation_fieldsets(Session)]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "event" not in initial:
            event = Event.objects.order_by("-starts_on").first()
            if event is not None:
                initial["event"] = event.pk
        return initial

    def save_model(self, request, obj, form, change):
        """Saved with its speakers and relations in ``save_related``, through the rules."""

    def delete_model(self, request, obj):
        """Through the rule: people who starred it are sent its calendar cancellation."""
        timetable.remove_session(session=obj)

    def delete_queryset(self, request, queryset):
        for session in queryset.select_related("event"):
            timetable.remove_session(session=session)

    def save_related(self, request, form, formsets, change):
        speakers = next((fs.ordered_speakers() for fs in formsets
                         if isinstance(fs, SessionSpeakerFormSet)), None)
        timetable.save_session(
            session=form.instance, speakers=speakers,
            practices=form.cleaned_data.get("practices"),
            characteristics=form.cleaned_data.get("characteristics"))
        for formset in formsets:  # saved by the service; the change message needs these
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def get_urls(self):
        return [
            path("day/<int:event_id>/<str:day>/", self.admin_site.admin_view(self.day_view),
                 name="programme_session_day"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        events = Event.objects.order_by("-starts_on")[:5]
        day_links = [(event, [(day, reverse("admin:programme_session_day",
                                            args=[event.pk, day.date.isoformat()]))
                              for day in queries.programme_days(event)]) for event in events]
        return super().changelist_view(request, {**(extra_context or {}),
                                                 "day_links": day_links})

    def day_view(self, request, event_id: int, day: str):
        """One day as a grid: a column per room (and one for elsewhere), a row per start
        time; each session links to its form, each empty room to a prefilled new session.
        """
        event = get_object_or_404(Event, pk=event_id)
        try:
            the_day = date.fromisoformat(day)
        except ValueError as error:
            raise Http404 from error
        days = queries.programme_days(event)
        rooms = list(Room.objects.filter(event=event))
        sessions = list(queries.sessions_on(queries.timetable_sessions(event), event, the_day))
        starts = sorted({s.starts_at for s in sessions})
        grid = []
        for start in starts:
            cells = [[s for s in sessions if s.starts_at == start and s.room_id == room.pk]
                     for room in rooms]
            cells.append([s for s in sessions if s.starts_at == start and not s.room_id])
            grid.append((start.astimezone(event.tz), cells))
        index = next((i for i, d in enumerate(days) if d.date == the_day), None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Day view"),
            "event": event,
            "day": the_day,
            "days": [(d, reverse("admin:programme_session_day",
                                 args=[event.pk, d.date.isoformat()])) for d in days],
            "day_number": index + 1 if index is not None else None,
            "rooms": rooms,
            "grid": grid,
            "add_url": reverse("admin:programme_session_add"),
        }
        return TemplateResponse(request, "admin/programme/day_view.html", context)


@admin.register(Rapporteur)
class RapporteurAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "session_count"]
    list_filter = ["event"]
    autocomplete_fields = ["user"]

    @admin.display(description=_("sessions"))
    def session_count(self, rapporteur):
        return rapporteur.sessions.count()


@admin.register(SessionReport)
class SessionReportAdmin(admin.ModelAdmin):
    list_display = ["session", "written_by", "updated_at"]
    list_filter = ["session__event"]
    fields = ["session", "summary"]
    autocomplete_fields = ["session"]

    def save_model(self, request, obj, form, change):
        outcomes.write_summary(session=obj.session, user=request.user, summary=obj.summary)


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["statement", "session", "proposed_by"]
    list_filter = ["session__event", "characteristics"]
    search_fields = ["statement", "explanation", "proposed_by"]
    autocomplete_fields = ["session", "practices"]
    fields = ["session", "statement", "explanation", "characteristics", "practices",
              "proposed_by", "position"]

    def save_model(self, request, obj, form, change):
        """Saved with its relations in ``save_related``, through the rules."""

    def save_related(self, request, form, formsets, change):
        outcomes.save_lesson(lesson=form.instance, user=request.user,
                             characteristics=form.cleaned_data["characteristics"],
                             practices=form.cleaned_data["practices"])


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["city", "country", "statement", "event"]
    list_filter = ["event", "country"]
    search_fields = ["city", "country", "statement"]
    fields = ["event", "session", "city", "country", "statement", "characteristics"]
    autocomplete_fields = ["session"]

    def save_model(self, request, obj, form, change):
        """Saved with its relations in ``save_related``, through the rules."""

    def save_related(self, request, form, formsets, change):
        outcomes.save_commitment(commitment=form.instance, user=request.user,
                                 characteristics=form.cleaned_data["characteristics"])
