"""Where the tests store files: the media folder, or the S3-compatible server STORAGE_S3_* names.

.ci/run's S3 stage starts moto's server locally and sets STORAGE_S3_BUCKET and the other
STORAGE_S3_* variables; tests/settings.py then stores every file in that bucket. Without
them the tests use the media folder and the tests marked `s3` are skipped.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

import boto3

S3_VARIABLES = (
    "STORAGE_S3_BUCKET",
    "STORAGE_S3_ENDPOINT_URL",
    "STORAGE_S3_ACCESS_KEY_ID",
    "STORAGE_S3_SECRET_ACCESS_KEY",
    "STORAGE_S3_REGION",
    "STORAGE_S3_LOCATION",
    "STORAGE_S3_ADDRESSING_STYLE",
)


def s3_configured() -> bool:
    return bool(os.environ.get("STORAGE_S3_BUCKET"))


def s3_environment(**overrides: str) -> dict[str, str]:
    """The STORAGE_S3_* variables of this run, for a process the test starts."""
    found = {name: os.environ[name] for name in S3_VARIABLES if os.environ.get(name)}
    return {**found, **overrides}


def s3_client() -> Any:
    """A boto3 client for the configured server, with the credentials the site uses."""
    return boto3.client(
        "s3",
        endpoint_url=os.environ.get("STORAGE_S3_ENDPOINT_URL") or None,
        aws_access_key_id=os.environ.get("STORAGE_S3_ACCESS_KEY_ID") or None,
        aws_secret_access_key=os.environ.get("STORAGE_S3_SECRET_ACCESS_KEY") or None,
        region_name=os.environ.get("STORAGE_S3_REGION") or "us-east-1",
    )


def bucket_create(name: str) -> None:
    """Makes the bucket unless it exists (a local server forgets its buckets when stopped)."""
    client = s3_client()
    existing = {bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])}
    if name not in existing:
        client.create_bucket(Bucket=name)


def bucket_keys(name: str, prefix: str = "") -> list[str]:
    pages = s3_client().get_paginator("list_objects_v2").paginate(Bucket=name, Prefix=prefix)
    return [item["Key"] for page in pages for item in page.get("Contents", [])]


def bucket_remove(name: str) -> None:
    client = s3_client()
    for key in bucket_keys(name):
        client.delete_object(Bucket=name, Key=key)
    client.delete_bucket(Bucket=name)


def s3_location_fresh(storages: dict[str, Any]) -> dict[str, Any]:
    """STORAGES whose bucket storage keeps its files under a new, empty prefix."""
    default = storages["default"]
    options = default["OPTIONS"]
    location = "/".join(filter(None, [options.get("location", ""), f"test-{uuid.uuid4().hex}"]))
    return {**storages, "default": {**default, "OPTIONS": {**options, "location": location}}}


def s3_key(name: str) -> str:
    """The bucket's key for a stored file's name (under the storage's prefix)."""
    from django.conf import settings

    location = settings.STORAGES["default"]["OPTIONS"].get("location", "")
    return f"{location}/{name}" if location else name
