"""Where files are stored, from the environment: the media folder, or an S3-compatible bucket."""

from __future__ import annotations

import json

from .subprocesses import PYTHON, clean_env, manage, run
from .test_settings import PRODUCTION

SHOW_STORAGE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default = settings.STORAGES["default"]
print(json.dumps({
    "backend": default["BACKEND"],
    "options": default.get("OPTIONS", {}),
    "class": type(storages["default"]).__name__,
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""

BUCKET = {
    "STORAGE_S3_BUCKET": "mentorship-media",
    "STORAGE_S3_ENDPOINT_URL": "https://s3.example.se",
    "STORAGE_S3_ACCESS_KEY_ID": "mentorship",
    "STORAGE_S3_SECRET_ACCESS_KEY": "s3-secret",
    "STORAGE_S3_REGION": "eu-north-1",
    "STORAGE_S3_LOCATION": "/kommun/",
    "STORAGE_S3_ADDRESSING_STYLE": "path",
}


def show_storage(**env: str) -> dict:
    result = run(
        [PYTHON, "-c", SHOW_STORAGE],
        env=clean_env(DJANGO_SETTINGS_MODULE="mentorship.settings", **env),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_bucket_files_are_stored_in_the_media_folder() -> None:
    shown = show_storage(**PRODUCTION)
    assert shown["backend"] == "django.core.files.storage.FileSystemStorage"
    assert shown["class"] == "FileSystemStorage"
    assert shown["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_with_a_bucket_files_are_private_objects_in_it_and_static_files_stay_as_they_are() -> None:
    shown = show_storage(**PRODUCTION, **BUCKET)
    assert shown["backend"] == "storages.backends.s3.S3Storage"
    assert shown["class"] == "S3Storage"
    assert shown["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    options = shown["options"]
    assert {
        "bucket_name": "mentorship-media",
        "endpoint_url": "https://s3.example.se",
        "access_key": "mentorship",
        "secret_key": "s3-secret",
        "region_name": "eu-north-1",
        "location": "kommun",
        "addressing_style": "path",
    }.items() <= options.items()
    # No public ACL, signed URLs only, and a second file never replaces the first.
    assert options["default_acl"] is None
    assert options["querystring_auth"] is True
    assert options["file_overwrite"] is False


def test_a_bucket_without_credentials_leaves_them_to_boto3_and_a_default_region() -> None:
    shown = show_storage(**PRODUCTION, STORAGE_S3_BUCKET="mentorship-media")
    options = shown["options"]
    assert not {"access_key", "endpoint_url", "addressing_style"} & options.keys()
    assert options["region_name"] == "us-east-1"
    assert options["location"] == ""


def test_half_a_key_pair_is_refused_with_a_clear_message() -> None:
    env = {**PRODUCTION, "STORAGE_S3_BUCKET": "b", "STORAGE_S3_ACCESS_KEY_ID": "only-the-id"}
    result = manage("check", env=clean_env(**env))
    assert result.returncode != 0
    assert "Set both STORAGE_S3_ACCESS_KEY_ID and STORAGE_S3_SECRET_ACCESS_KEY" in result.stderr


def test_production_settings_with_a_bucket_pass_the_deployment_checks() -> None:
    env = clean_env(**PRODUCTION, **BUCKET)
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_an_unknown_addressing_style_is_refused() -> None:
    env = {**PRODUCTION, "STORAGE_S3_BUCKET": "b", "STORAGE_S3_ADDRESSING_STYLE": "sideways"}
    result = manage("check", env=clean_env(**env))
    assert result.returncode != 0
    assert "STORAGE_S3_ADDRESSING_STYLE must be one of auto, path, virtual" in result.stderr
