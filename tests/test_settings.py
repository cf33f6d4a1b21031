from __future__ import annotations

from pathlib import Path

import pytest

from bulkship.errors import ConfigError
from bulkship.settings import SANDBOX_EMAIL, resolve_settings


def test_no_api_url_means_sandbox_with_its_credentials():
    settings = resolve_settings(env={})
    assert settings.is_sandbox
    assert settings.credentials()[0] == SANDBOX_EMAIL


def test_flag_beats_environment_beats_file(tmp_path: Path):
    creds = tmp_path / "creds.toml"
    creds.write_text('email = "file@x.com"\naccess_token = "file-secret"\napi_url = "https://file.example"\n')
    env = {"BULKSHIP_API_URL": "https://env.example", "BULKSHIP_EMAIL": "env@x.com"}
    settings = resolve_settings(api_url="https://flag.example", credentials_file=creds, env=env)
    assert settings.api_url == "https://flag.example"
    assert settings.credentials() == ("env@x.com", "file-secret")


def test_secrets_stay_out_of_repr(tmp_path: Path):
    settings = resolve_settings(
        api_url="https://x.example", env={"BULKSHIP_ACCESS_TOKEN": "s3cret", "BULKSHIP_EMAIL": "a@b"}
    )
    assert "s3cret" not in repr(settings)


def test_real_api_without_credentials_is_a_clear_config_error():
    settings = resolve_settings(api_url="https://x.example", env={})
    with pytest.raises(ConfigError, match="No vendor credentials"):
        settings.credentials()
