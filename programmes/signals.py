"""What the programmes app announces, for the apps built on it to act on.

Dependencies between apps go one way (see .importlinter): programmes knows nothing of
the apps above it. Where one of them must act when a participant's place changes (fees
bills an admitted participant's municipality), the enrolment services send one of these
signals explicitly, inside their transaction, and the receiving app connects to it in
its ``AppConfig.ready``. A receiver that raises stops the change: the sender uses
``send``, not ``send_robust``, so an admission the fees refuse (a locked invoice basis)
is not made.

Both signals are sent with ``sender=Enrolment`` and the keyword ``enrolment``.
"""

from __future__ import annotations

from django.dispatch import Signal

# A participant was given a place (admitted by a coordinator, an import, a nomination).
enrolment_admitted = Signal()
# A participant who held a place withdrew before the programme's fee deadline.
enrolment_withdrawn_before_fee_deadline = Signal()
