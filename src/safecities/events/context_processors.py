from django.conf import settings


def site(request):
    return {"demo_mode": settings.DEMO_MODE, "site_address": settings.SITE_URL}
