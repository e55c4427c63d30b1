"""An email backend that fails after a set number of messages, like an SMTP server going away."""

from __future__ import annotations

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    # Set by the test: how many messages go through before the server "goes away".
    budget: int | None = None

    def send_messages(self, messages):
        if FlakyBackend.budget is not None:
            if FlakyBackend.budget <= 0:
                raise ConnectionError("SMTP server went away")
            FlakyBackend.budget -= len(messages)
        return super().send_messages(messages)
