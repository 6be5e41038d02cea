"""The settings of the server and the store: one model, read from ``JOURNEYMAP_*`` variables.

>>> Settings(db="sqlite:///team.db").max_upload_bytes
500000000
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from .files import write_atomically


class Settings(BaseSettings):
    """Where the server keeps its data and how it guards it.

    Every field can be set by an environment variable named ``JOURNEYMAP_`` plus
    the field's name in capitals, e.g. ``JOURNEYMAP_DB=postgresql://...``.
    """

    model_config = SettingsConfigDict(env_prefix="JOURNEYMAP_", extra="ignore")

    db: str = Field(default="sqlite:///journeymap.db", description="Database URL: a SQLite file or postgresql://user@host/db.")
    data_dir: Path = Field(default=Path("journeymap-data"), description="Folder for uploaded data sources and the secret key.")
    host: str = Field(default="127.0.0.1", description="Address the server listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port the server listens on.")
    secret_key: str = Field(default="", description="Key that signs session cookies; made and kept in data_dir when empty.")
    max_upload_bytes: int = Field(default=500_000_000, ge=1, description="Largest data source upload, in bytes.")
    workspace_quota_bytes: int = Field(default=5_000_000_000, ge=0, description="Most bytes of data sources one workspace may hold; 0: no quota.")
    max_json_bytes: int = Field(default=1_048_576, ge=1024, description="Largest body of any other request (logins, forms, settings), in bytes; maps may be 20 MB.")
    session_seconds: int = Field(default=14 * 24 * 3600, ge=60, description="How long a login lasts at most.")
    session_idle_seconds: int = Field(default=24 * 3600, ge=60, description="A login unused this long ends.")
    secure_cookies: bool = Field(default=False, description="Send the session cookie over HTTPS only (set behind TLS).")
    login_attempts: int = Field(default=5, ge=1, description="Failed logins allowed from one address in login_window_seconds.")
    login_account_attempts: int = Field(default=20, ge=1, description="Failed logins allowed on one account, from anywhere, in login_window_seconds.")
    workspace_creators: Literal["admins", "everyone"] = Field(default="admins", description="Who may create workspaces: server administrators only, or every user.")
    trusted_proxies: str = Field(default="", description="Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed; empty: none.")
    login_window_seconds: int = Field(default=300, ge=1, description="Window of the login rate limit.")
    job_workers: int = Field(default=2, ge=1, description="Analysis runs executed at the same time.")
    threads: int = Field(default=8, ge=1, le=200, description="Requests handled at the same time by one server process.")
    workers: int = Field(default=1, ge=1, le=64, description="Server processes sharing the port.")

    def secret(self) -> str:
        """Return the signing key: the setting, else one kept in ``data_dir/secret.key``.

        >>> import tempfile
        >>> settings = Settings(data_dir=tempfile.mkdtemp())
        >>> settings.secret() == settings.secret()
        True
        """
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret.key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            write_atomically(path, secrets.token_urlsafe(48).encode())
            path.chmod(0o600)
        return path.read_text().strip()


__all__ = ["Settings"]
