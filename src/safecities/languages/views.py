from django.conf import settings
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


# No CSRF check: the switcher is on every page, and a CSRF token in it would set a cookie
# for every visitor and make the cached public pages (the event page) personal. A forged
# request can only change a visitor's display language, which the switcher changes back.
@csrf_exempt
@require_POST
def switch_language(request):
    """Django's ``set_language`` (it checks that ``next`` stays on this site and remembers
    the choice in the language cookie), refusing a language the site does not offer."""
    if request.POST.get("language") not in dict(settings.LANGUAGES):
        return render(request, "400.html", status=400)
    return set_language(request)
