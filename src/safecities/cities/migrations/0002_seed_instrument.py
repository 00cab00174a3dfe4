"""Seed version 1 of the self-assessment instrument (cities/instrument_v1.py), published."""

from django.db import migrations
from django.utils import timezone

from safecities.cities import instrument_v1

DEFINITION_FIELDS = ["name", "meaning", "unit", "kind", "direction", "lower", "upper",
                     "log_scale", "source_hint", "sdg_code", "goalpost_reasoning"]


def seed(apps, schema_editor):
    Characteristic = apps.get_model("practices", "Characteristic")
    Indicator = apps.get_model("cities", "Indicator")
    InstrumentVersion = apps.get_model("cities", "InstrumentVersion")
    IndicatorDefinition = apps.get_model("cities", "IndicatorDefinition")
    version, _ = InstrumentVersion.objects.get_or_create(
        number=1, defaults={"published_at": timezone.now(),
                            "notes": "The first instrument, as in the project's taxonomy."})
    for position, item in enumerate(instrument_v1.INDICATORS, start=1):
        indicator, _ = Indicator.objects.update_or_create(
            code=item["code"],
            defaults={"characteristic": Characteristic.objects.get(code=item["characteristic"]),
                      "position": position})
        IndicatorDefinition.objects.update_or_create(
            version=version, indicator=indicator,
            defaults={**{name: item[name] for name in DEFINITION_FIELDS},
                      "rubric_levels": item.get("rubric_levels", [])})


class Migration(migrations.Migration):
    dependencies = [("cities", "0001_initial"), ("practices", "0002_seed_vocabularies")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
