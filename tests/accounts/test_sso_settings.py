"""SSO settings from the environment: one Entra tenant by GUID, SAML without IdP-initiated SSO."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from mentorship.sso_settings import sso_from_environment

TENANT = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"


def test_no_sso_is_configured_by_default() -> None:
    sso = sso_from_environment({})
    assert sso.apps == [] and sso.providers == {} and sso.mfa_enforcing == []


def test_entra_over_openid_connect_uses_the_tenants_own_issuer() -> None:
    sso = sso_from_environment(
        {
            "ENTRA_TENANT_ID": TENANT,
            "ENTRA_CLIENT_ID": "app-id",
            "ENTRA_CLIENT_SECRET": "secret",
            "ENTRA_MFA_ENFORCED": "true",
        }
    )
    assert sso.apps == ["allauth.socialaccount.providers.openid_connect"]
    app = sso.providers["openid_connect"]["APPS"][0]
    assert app["provider_id"] == "entra"
    assert app["settings"]["server_url"] == f"https://login.microsoftonline.com/{TENANT}/v2.0"
    assert sso.mfa_enforcing == ["entra"]


@pytest.mark.parametrize("tenant", ["common", "organizations", "consumers", "not-a-guid"])
def test_a_multi_tenant_or_malformed_tenant_stops_start_up(tenant: str) -> None:
    env = {"ENTRA_TENANT_ID": tenant, "ENTRA_CLIENT_ID": "a", "ENTRA_CLIENT_SECRET": "b"}
    with pytest.raises(ImproperlyConfigured, match="GUID"):
        sso_from_environment(env)


def test_entra_without_mfa_enforced_does_not_count_as_mfa() -> None:
    env = {"ENTRA_TENANT_ID": TENANT, "ENTRA_CLIENT_ID": "a", "ENTRA_CLIENT_SECRET": "b"}
    assert sso_from_environment(env).mfa_enforcing == []


def test_saml_rejects_idp_initiated_sign_in() -> None:
    sso = sso_from_environment(
        {
            "SAML_ORGANIZATION": "habo",
            "SAML_IDP_ENTITY_ID": f"https://sts.windows.net/{TENANT}/",
            "SAML_IDP_METADATA_URL": "https://login.microsoftonline.com/x/federationmetadata.xml",
            "SAML_MFA_ENFORCED": "yes",
        }
    )
    assert sso.apps == ["allauth.socialaccount.providers.saml"]
    app = sso.providers["saml"]["APPS"][0]
    assert app["client_id"] == "habo"
    assert app["settings"]["advanced"]["reject_idp_initiated_sso"] is True
    assert sso.mfa_enforcing == [f"https://sts.windows.net/{TENANT}/"]


def test_saml_needs_an_https_metadata_url() -> None:
    with pytest.raises(ImproperlyConfigured):
        sso_from_environment(
            {
                "SAML_ORGANIZATION": "habo",
                "SAML_IDP_ENTITY_ID": "x",
                "SAML_IDP_METADATA_URL": "http://x",
            }
        )
