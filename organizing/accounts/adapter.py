"""allauth hooks: its emails go through our outbox, never straight to the mail server."""

from allauth.account.adapter import DefaultAccountAdapter

from organizing.notifications.services import outbox_enqueue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", [])
             if mimetype == "text/html"),
            "",
        )
        outbox_enqueue(to=email, subject=message.subject, body_text=message.body, body_html=html)
