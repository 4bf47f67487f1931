# SPDX-License-Identifier: EUPL-1.2
"""A real SMTP server on 127.0.0.1 (Debian's python3-aiosmtpd) that keeps every message it
receives, for the tests that read the mails sroi sends."""
import email
import email.policy
import random

from aiosmtpd.controller import Controller


class Keep:
    """Every message the server receives: (recipients, message)."""

    def __init__(self):
        self.mails = []

    async def handle_DATA(self, server, session, envelope):
        self.mails.append((envelope.rcpt_tos, email.message_from_bytes(
            envelope.content, policy=email.policy.default)))
        return "250 OK"


def start_server(keep, port=None):
    """The server on a free port (or on `port` again): (controller, port); stop it with
    controller.stop()."""
    for attempt in range(1 if port else 20):
        ctl = Controller(keep, hostname="127.0.0.1", port=port or random.randint(20000, 60000))
        try:
            ctl.start()
            return ctl, ctl.port
        except Exception:  # the port was taken
            continue
    raise SystemExit("no free port for the SMTP server")
