"""Builds django-allauth's SSO settings from the environment (see docs/sso.md).

Imported by mentorship/settings.py before Django is set up, so it uses nothing but
the standard library and ImproperlyConfigured.

- Microsoft Entra ID over OpenID Connect: ENTRA_TENANT_ID (the tenant's GUID, never
  "common" or "organizations"), ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET, and
  ENTRA_MFA_ENFORCED=true when a Conditional Access policy requires MFA for the app.
- Any SAML 2.0 identity provider (Entra ID too): SAML_ORGANIZATION (a slug used in the
  URLs), SAML_IDP_ENTITY_ID, SAML_IDP_METADATA_URL, SAML_MFA_ENFORCED. IdP-initiated
  sign-in is always rejected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,48}$")
ENTRA_PROVIDER_ID = "entra"
_TRUE = {"1", "true", "yes", "on"}


@dataclass
class SsoSettings:
    apps: list[str] = field(default_factory=list)
    providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    mfa_enforcing: list[str] = field(default_factory=list)


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in _TRUE


def entra_oidc_app(*, tenant_id: str, client_id: str, secret: str, mfa_enforced: bool) -> dict:
    """One allauth openid_connect app for a single Entra ID tenant."""
    if not GUID.match(tenant_id or ""):
        raise ImproperlyConfigured(
            "ENTRA_TENANT_ID must be the tenant's GUID (Directory ID), not "
            f"{tenant_id!r}: 'common' or 'organizations' would let any tenant sign in."
        )
    if not client_id or not secret:
        raise ImproperlyConfigured("ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET must both be set.")
    return {
        "provider_id": ENTRA_PROVIDER_ID,
        "name": "Microsoft Entra ID",
        "client_id": client_id,
        "secret": secret,
        "settings": {
            "server_url": f"https://login.microsoftonline.com/{tenant_id.lower()}/v2.0",
            "token_auth_method": "client_secret_post",
            "oauth_pkce_enabled": True,
            "mfa_enforced": mfa_enforced,
        },
    }


def saml_app(*, organization: str, entity_id: str, metadata_url: str, mfa_enforced: bool) -> dict:
    """One allauth SAML app; IdP-initiated SSO is rejected, assertions must be signed."""
    if not SLUG.match(organization or ""):
        raise ImproperlyConfigured("SAML_ORGANIZATION must be a short lowercase slug, e.g. 'habo'.")
    if not entity_id or not metadata_url.startswith("https://"):
        raise ImproperlyConfigured(
            "SAML_IDP_ENTITY_ID and an https SAML_IDP_METADATA_URL must both be set."
        )
    return {
        "name": "SAML",
        "provider_id": entity_id,
        "client_id": organization,
        "settings": {
            "idp": {"entity_id": entity_id, "metadata_url": metadata_url},
            "attribute_mapping": {
                "uid": "http://schemas.microsoft.com/identity/claims/objectidentifier",
                "email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
                "email_verified": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
                "first_name": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
                "last_name": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
            },
            "advanced": {
                "reject_idp_initiated_sso": True,
                "want_assertion_signed": True,
                "strict": True,
            },
            "mfa_enforced": mfa_enforced,
        },
    }


def sso_from_environment(env: Mapping[str, str]) -> SsoSettings:
    result = SsoSettings()
    if env.get("ENTRA_TENANT_ID"):
        app = entra_oidc_app(
            tenant_id=env["ENTRA_TENANT_ID"],
            client_id=env.get("ENTRA_CLIENT_ID", ""),
            secret=env.get("ENTRA_CLIENT_SECRET", ""),
            mfa_enforced=_flag(env, "ENTRA_MFA_ENFORCED"),
        )
        result.apps.append("allauth.socialaccount.providers.openid_connect")
        result.providers["openid_connect"] = {"OAUTH_PKCE_ENABLED": True, "APPS": [app]}
        if app["settings"]["mfa_enforced"]:
            result.mfa_enforcing.append(app["provider_id"])
    if env.get("SAML_ORGANIZATION"):
        app = saml_app(
            organization=env["SAML_ORGANIZATION"],
            entity_id=env.get("SAML_IDP_ENTITY_ID", ""),
            metadata_url=env.get("SAML_IDP_METADATA_URL", ""),
            mfa_enforced=_flag(env, "SAML_MFA_ENFORCED"),
        )
        result.apps.append("allauth.socialaccount.providers.saml")
        result.providers["saml"] = {"APPS": [app]}
        if app["settings"]["mfa_enforced"]:
            result.mfa_enforcing.append(app["provider_id"])
    return result
