"""The baseline: what one insert in one transaction costs through the same server,
middleware and database as a registration. Reads the same JSON body a registration sends.
"""

import json

from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from benchsite.models import BaselineRow


@csrf_exempt
@require_POST
def baseline(request):
    label = str(json.loads(request.body).get("email", ""))[:254]
    with transaction.atomic():
        row = BaselineRow.objects.create(label=label, created_at=timezone.now())
    return JsonResponse({"id": row.pk}, status=201)
