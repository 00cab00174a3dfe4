from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from safecities.practices.models import Practice


@require_safe
def practice_detail(request, slug: str):
    practice = get_object_or_404(
        Practice.objects.filter(status=Practice.Status.PUBLISHED), slug=slug
    )
    return render(request, "practices/detail.html", {"practice": practice})
