from django.db import migrations

from safecities.practices import vocabularies

SEEDS = {
    "Characteristic": vocabularies.CHARACTERISTICS,
    "Theme": vocabularies.THEMES,
    "InterventionType": vocabularies.INTERVENTION_TYPES,
    "TargetGroup": vocabularies.TARGET_GROUPS,
    "Setting": vocabularies.SETTINGS,
}


def seed(apps, schema_editor):
    for model_name, terms in SEEDS.items():
        model = apps.get_model("practices", model_name)
        for position, (code, label) in enumerate(terms, start=1):
            model.objects.update_or_create(code=code, defaults={"label": label,
                                                                "position": position})


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
