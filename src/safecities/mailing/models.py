from django.db import models
from post_office.models import Attachment


class StoredAttachment(models.Model):
    """Remembers a queued attachment by its content, so identical files are stored once."""

    digest = models.CharField(max_length=64, unique=True)
    attachment = models.OneToOneField(Attachment, on_delete=models.CASCADE)

    def __str__(self) -> str:
        return f"{self.attachment.name} ({self.digest[:8]})"
