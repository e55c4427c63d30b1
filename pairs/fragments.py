"""The pair page's sections, rendered once and kept in the cache until something they show
changes.

The reads behind them are cached per pair revision already (``selectors.cached_pair_reads``);
once cached, the page's cost was rendering them on every request. The sections (agreement,
meetings, goals, homework, reflections) are kept here as HTML under one key made of all that
they depend on: the pair, its revision and creation time, the reader and their side of the
pair, both members as the page's own query read them, the programme's planned meetings, the
language, the time zone and the day. So a change through the pair's services (which move the
revision on), a rename elsewhere, another reader or another language each find another key,
and nobody is ever served a fragment of another reader's or an older page.

Two things are not in the HTML kept: the CSRF token, which belongs to each browser (the
sections are rendered with a placeholder that each request replaces with its own), and the
passing of time within a day: the entry records when its first coming meeting ends (it then
moves to the earlier meetings) and is not used after that.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from accounts.models import User

from . import selectors
from .charts import charts_attach
from .models import Pair

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from .access import PairPageFacts

# How long rendered sections stay in the cache; changes end them at once through the key,
# so this only bounds the cache's size.
FRAGMENT_CACHE_SECONDS = 10 * 60
# The sections' forms carry this token, which each request replaces with its own. Only the
# csrf_token tag writes it between bare quotes: text from people is escaped (&quot;).
CSRF_PLACEHOLDER = "pairs-fragment-csrf-placeholder"
_CSRF_VALUE = f'value="{CSRF_PLACEHOLDER}"'
SECTIONS = ("agreement", "meetings", "goals", "homework", "reflections")


@dataclass
class PairFragments:
    """The rendered sections and the figures the uncached part of the page needs."""

    sections: Mapping[str, str]
    held_count: int
    # When the first coming meeting ends, after which the meetings section is out of date.
    fresh_until: datetime.datetime | None

    def is_fresh(self, now: datetime.datetime) -> bool:
        return self.fresh_until is None or now < self.fresh_until


def fragment_key(pair: Pair, user: User) -> str:
    """Everything the sections depend on beyond what the revision counts."""
    programme = pair.cohort.programme
    depends_on = (
        pair.dissolved_at,
        pair.adept.person_id == user.pk,
        programme.planned_meetings,
        get_language(),
        timezone.get_current_timezone_name(),
        timezone.localdate(),
    )
    digest = hashlib.blake2b(repr(depends_on).encode(), digest_size=8).hexdigest()
    return (
        f"pairs:fragments:{pair.pk}:{pair.created_at.timestamp()}:{pair.revision}:{user.pk}"
        f":{selectors.members_digest(pair)}:{digest}"
    )


def _render(pair: WithAnnotations[Pair, PairPageFacts], user: User) -> PairFragments:
    page = selectors.pair_page(pair, user)
    charts_attach(page.shown_goals)
    context = {
        "page": page,
        "pair": pair,
        "user": user,
        "me_is_adept": page.me_is_adept,
        "csrf_token": CSRF_PLACEHOLDER,
    }
    sections = {
        name: render_to_string(f"pairs/includes/_pair_{name}.html", context) for name in SECTIONS
    }
    return PairFragments(
        sections=sections,
        held_count=page.held_count,
        fresh_until=min((m.ends_at for m in page.upcoming), default=None),
    )


def pair_fragments(
    request: HttpRequest, pair: WithAnnotations[Pair, PairPageFacts], user: User
) -> PairFragments:
    """The page's sections for this reader, from the cache while nothing they show has
    changed, with this request's CSRF token in their forms."""
    key = fragment_key(pair, user)
    fragments: PairFragments | None = cache.get(key)
    if fragments is None or not fragments.is_fresh(timezone.now()):
        fragments = _render(pair, user)
        cache.set(key, fragments, FRAGMENT_CACHE_SECONDS)
    token = get_token(request)
    return PairFragments(
        sections={name: _with_token(html, token) for name, html in fragments.sections.items()},
        held_count=fragments.held_count,
        fresh_until=fragments.fresh_until,
    )


def _with_token(html: str, token: str) -> SafeString:
    # The sections were rendered by the project's own templates, escaped as usual.
    return mark_safe(html.replace(_CSRF_VALUE, f'value="{token}"'))
