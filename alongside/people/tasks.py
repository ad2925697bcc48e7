"""Background work for people's records, run by the task worker (``manage.py db_worker``):
emails to whoever made an introduction."""

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import IntroducerMessage


@task()
def send_introducer_message(message_id: int) -> str:
    """Send one email to an introducer, once whatever happens after; a failure is recorded
    on the message, for the introduction's page to show."""
    with transaction.atomic():
        message = IntroducerMessage.objects.select_for_update().get(pk=message_id)
        if message.sent_at is not None:
            return "sent already"
        try:
            send_mail(message.subject, message.body, None, [message.to])
        except Exception as problem:  # noqa: BLE001 - whatever it is, the page says so
            message.failed_because = f"{type(problem).__name__}: {problem}"[:300]
        else:
            message.sent_at = timezone.now()
            message.failed_because = ""
        message.save(update_fields=["sent_at", "failed_because"])
    return "sent" if message.sent_at else "failed"
