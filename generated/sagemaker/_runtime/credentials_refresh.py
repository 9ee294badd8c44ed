"""Credentials snapshots and their refresh: what every provider of the chain returns.

:class:`RefreshableCredentials` renews temporary credentials before they expire, in
botocore's windows: advisory (fewer than 15 minutes left: one thread refreshes, the others
keep using the current ones; a failure keeps them) and mandatory (fewer than 10 minutes:
every caller waits for the refresh, whose failure is raised). At most one refresh runs at
a time.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import NoCredentialsError

if TYPE_CHECKING:
    from .auth import Credentials


ADVISORY_REFRESH_SECONDS = 15 * 60
"""Refresh when fewer seconds remain; if it fails, keep the current credentials."""
MANDATORY_REFRESH_SECONDS = 10 * 60
"""Below this, every caller waits for the refresh and its failure is raised."""


class CredentialsConfigError(NoCredentialsError):
    """The configuration names a credential source that cannot be used as written."""


class CredentialRetrievalError(NoCredentialsError):
    """A configured credential source failed (STS, a process, the container endpoint)."""


@dataclass(frozen=True)
class TemporaryCredentials:
    """One snapshot of credentials: what a provider returns and a refresh produces."""

    access_key: str
    secret_key: str = field(repr=False)
    token: str | None = field(default=None, repr=False)
    expiry: datetime.datetime | None = None


Refresher = Callable[[], TemporaryCredentials]


class RefreshableCredentials:
    """Temporary credentials that renew themselves through ``refresh`` before they expire.

    :meth:`frozen` returns a consistent snapshot (an ``auth.Credentials``); the refresh
    windows are botocore's: advisory (:data:`ADVISORY_REFRESH_SECONDS`) and mandatory
    (:data:`MANDATORY_REFRESH_SECONDS`). At most one refresh runs at a time. Built without
    ``initial``, the first :meth:`frozen` fetches (botocore's deferred credentials).
    """

    def __init__(
        self,
        refresh: Refresher,
        source: str,
        initial: TemporaryCredentials | None = None,
        *,
        clock: Callable[[], datetime.datetime] | None = None,
        advisory_seconds: float = ADVISORY_REFRESH_SECONDS,
        mandatory_seconds: float = MANDATORY_REFRESH_SECONDS,
    ) -> None:
        self._refresh_using = refresh
        self.source = source
        self._current = initial
        self._clock = clock or _utcnow
        self._advisory = advisory_seconds
        self._mandatory = mandatory_seconds
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        current = self._current
        key = current.access_key if current else None
        expiry = current.expiry.isoformat() if current and current.expiry else None
        return f"RefreshableCredentials(access_key={key!r}, source={self.source!r}, expiry={expiry!r})"

    @property
    def expiry(self) -> datetime.datetime | None:
        return self._current.expiry if self._current else None

    @property
    def refresh_due(self) -> bool:
        """Whether ``frozen`` would refresh first (read files, run a process or call a
        service): the asyncio client then calls it in a worker thread."""
        return self._needs_refresh(self._advisory)

    def frozen(self) -> Credentials:
        """The current credentials as an ``auth.Credentials``, refreshed first if due."""
        from .auth import Credentials

        current = self._current_credentials()
        return Credentials(
            current.access_key,
            current.secret_key,
            current.token,
            expiry=current.expiry,
            source=self.source,
        )

    def _needs_refresh(self, within: float) -> bool:
        current = self._current
        if current is None:
            return True
        if current.expiry is None:
            return False
        return (current.expiry - self._clock()).total_seconds() < within

    def _current_credentials(self) -> TemporaryCredentials:
        if self._needs_refresh(self._advisory):
            if self._lock.acquire(blocking=False):
                try:
                    if self._needs_refresh(self._advisory):
                        self._protected_refresh(self._needs_refresh(self._mandatory))
                finally:
                    self._lock.release()
            elif self._needs_refresh(self._mandatory):
                with self._lock:
                    if self._needs_refresh(self._mandatory):
                        self._protected_refresh(mandatory=True)
        current = self._current
        assert current is not None
        return current

    def _protected_refresh(self, mandatory: bool) -> None:
        try:
            fresh = self._refresh_using()
        except Exception:
            if mandatory or self._current is None:
                raise
            return  # advisory: keep using the current credentials
        self._current = fresh
        if fresh.expiry is not None and fresh.expiry <= self._clock():
            raise CredentialRetrievalError(
                f"{self.source}: credentials were refreshed, but the refreshed credentials "
                "are still expired"
            )


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _parse_expiry(value: object, source: str) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        parsed = value
    else:
        text = str(value).strip()
        if text.upper().endswith("UTC"):  # older SSO caches: 2019-11-14T04:05:45UTC
            text = text[:-3].rstrip() + "+00:00"
        try:
            parsed = datetime.datetime.fromisoformat(text)
        except ValueError:
            try:
                parsed = datetime.datetime.fromtimestamp(float(text), datetime.UTC)
            except ValueError:
                raise CredentialRetrievalError(
                    f"{source}: cannot read the expiration time {text[:40]!r}"
                ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed
