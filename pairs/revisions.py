"""A pair's revision: a counter that the pair's services move on when they change what
its page shows.

The pair page keeps its reads (meetings with preparations, goals with ratings, homework
and the reflections the reader may see) in the cache under the pair's revision, the
reader and a digest of both members as the page's own query read them
(``selectors.pair_page``). The services of this app call :func:`pair_changed` or
:func:`pairs_changed` in the same transaction as their change, so the next page reads
afresh and no page is ever older than the data. What other apps change (a name, an
e-mail address, an enrolment, a municipality) changes the digest instead: no other app
calls into pairs, and a sign-in writes nothing here.
"""

from __future__ import annotations

from django.db.models import F, QuerySet

from .models import Pair


def pairs_changed(pairs: QuerySet[Pair]) -> None:
    """Moves these pairs' revisions on, so their pages read afresh."""
    pairs.update(revision=F("revision") + 1)


def pair_changed(pair_id: int) -> None:
    pairs_changed(Pair.objects.filter(pk=pair_id))
