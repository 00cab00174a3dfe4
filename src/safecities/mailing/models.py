from django.db import models
from post_office.models import Attachment


class StoredAttachment(models.Model):
    """Remembers a queued attachment by its content, so identical files are stored once."""

    digest = models.CharField(max_length=64, unique=True)
    attachment = models.OneToOneField(Attachment, on_delete=models.CASCADE)

    def __str__(self) -> str:
        return f"{self.attachment.name} ({self.digest[:8]})"


class MessageConcern(models.Model):
    """A person a queued message concerns (``registration:12``, ``user:3``, ``enquiry:7``):
    the recipient, and anyone the message names. Erasing a person removes every stored
    message about them, including those sent to someone else that name them."""

    email = models.ForeignKey("post_office.Email", on_delete=models.CASCADE,
                              related_name="concerns")
    person = models.CharField(max_length=40, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["email", "person"],
                                               name="one_concern_per_message_and_person")]

    def __str__(self) -> str:
        return f"{self.email_id}: {self.person}"
