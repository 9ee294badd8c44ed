"""Support for the generated ``Client``: configuration, request checking, calls, pagination.

Generated code; standard library only. ``client.py`` describes each operation as data
(``_client_info.OperationInfo``); ``_client_wire`` turns a request object into an HTTP
request and a response into data, ``_client_call`` holds the steps of a call that are not
I/O (signing each attempt, retry decisions, errors, parsing). This module configures a
client and runs those steps with blocking I/O; ``_client_async`` runs the same steps
awaiting instead.

The network, signing and retry modules (``_runtime``) are imported on the first call,
not when the client is built, so that ``import pkg.client`` and ``Client()`` stay cheap.
"""

from __future__ import annotations

# Only modules the package loads anyway (or builtins) are imported here; the rest
# (json, dataclasses, email.utils, uuid, the runtime) on first use: import time matters.
import _thread
import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, NamedTuple, Self, TypeVar

from . import _core
from ._client_info import (
    Binding,
    EndpointVariant,
    Location,
    OperationInfo,
    Outgoing,
    PartitionEndpoint,
    ServiceInfo,
    default_endpoint,
)

if TYPE_CHECKING:
    from ._client_call import Call
    from ._runtime.auth import Credentials
    from ._runtime.credentials import RefreshableCredentials
    from ._runtime.errors import ServiceError
    from ._runtime.retry import StandardRetryStrategy
    from ._runtime.settings import ClientSettings
    from ._runtime.transport import HttpResponse, Transport

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "BaseClient",
    "Binding",
    "ClientCore",
    "EndpointVariant",
    "Location",
    "OperationInfo",
    "PartitionEndpoint",
    "ServiceInfo",
    "default_endpoint",
]

S = TypeVar("S", bound=_core.Shape)
R = TypeVar("R", bound=_core.Shape)
T = TypeVar("T")
"""The transport's type: ``Transport`` (``Client``) or ``AsyncTransport`` (``AsyncClient``)."""

DEFAULT_TIMEOUT = 60.0
"""Seconds each socket read or write may take."""
DEFAULT_CONNECT_TIMEOUT = 10.0
"""Seconds opening a connection (TCP, proxy tunnel, TLS) may take."""


class _Resolved(NamedTuple):
    """What the first call works out from the constructor's arguments."""

    region: str
    endpoint: str
    signing_region: str
    credentials: Credentials | RefreshableCredentials
    """Refreshable ones are read with ``frozen()`` before each attempt is signed."""
    transport: Any
    """A ``Transport`` (``Client``) or an ``AsyncTransport`` (``AsyncClient``)."""
    retry: StandardRetryStrategy
    retry_unsafe: StandardRetryStrategy
    error_classes: Mapping[str, type[ServiceError]]


class ClientCore(Generic[T]):
    """What the generated ``Client`` and ``AsyncClient`` share (see their docstrings): the
    arguments, the configuration they resolve to, the checking of requests and the
    ``Call`` of each operation; not how a call waits."""

    _SERVICE: ClassVar[ServiceInfo]
    _ERRORS_MODULE: ClassVar[str] = ".errors"

    def __init__(
        self,
        region: str | None = None,
        *,
        endpoint_url: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        session_token: str | None = None,
        credentials: Credentials | RefreshableCredentials | None = None,
        profile: str | None = None,
        transport: T | None = None,
        retry: StandardRetryStrategy | None = None,
        max_attempts: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        validation: _core.Mode | None = None,
        verify: bool | str | None = None,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        use_fips_endpoint: bool | None = None,
        use_dualstack_endpoint: bool | None = None,
    ) -> None:
        if validation is not None and validation not in _core.MODES:
            raise ValueError(f"validation must be one of {', '.join(_core.MODES)} or None")
        if max_attempts is not None and max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
        self._region = region
        self._endpoint_url = endpoint_url
        self._static_keys = (access_key, secret_key, session_token)
        self._credentials = credentials
        self._profile = profile
        self._transport = transport
        self._retry = retry
        self._max_attempts = max_attempts
        self._verify = verify
        self._connect_timeout = connect_timeout
        self._use_fips_endpoint = use_fips_endpoint
        self._use_dualstack_endpoint = use_dualstack_endpoint
        self.timeout = timeout
        self.validation: _core.Mode | None = validation
        self._resolved: _Resolved | None = None
        self._lock = _thread.allocate_lock()

    def __repr__(self) -> str:
        where = self._endpoint_url or self._region or "default region"
        return f"{type(self).__name__}({where!r})"

    @property
    def region(self) -> str:
        return self._config().region

    @property
    def endpoint_url(self) -> str:
        return self._config().endpoint

    # -- configuration, resolved on first use --------------------------------------------

    def _config(self) -> _Resolved:
        resolved = self._resolved
        if resolved is None:
            with self._lock:
                if self._resolved is None:
                    self._resolved = self._resolve()
                resolved = self._resolved
        return resolved

    def _resolve(self) -> _Resolved:
        from ._runtime import auth, retry, settings

        service = self._SERVICE
        region = auth.resolve_region(self._region, profile=self._profile)
        credentials = self._credentials or auth.resolve_credentials(
            *self._static_keys, profile=self._profile
        )
        # Endpoint, attempts, CA bundle and proxies as boto3 reads them (env, then profile).
        configured = settings.resolve_settings(self._profile, service_id=service.service_id)
        max_attempts = self._max_attempts or configured.max_attempts or 3
        endpoint_url = self._endpoint_url or configured.endpoint_url
        if endpoint_url:  # FIPS and dual-stack do not apply to it, as in botocore
            endpoint, signing_region = endpoint_url, region
        else:
            variant = configured.endpoint_variant(
                self._use_fips_endpoint,
                self._use_dualstack_endpoint,
            )
            endpoint, signing_region = default_endpoint(service, region, variant)
        if self._retry is not None:
            import copy

            safe = self._retry
            # Same settings and quota; never re-sends what may have reached the service.
            unsafe = copy.copy(safe)
            unsafe.retry_after_send = False
        else:
            # One quota and, in adaptive mode, one rate limiter for all calls of the client.
            quota, codes = retry.RetryQuota(), service.throttling_codes
            limiter = retry.ClientRateLimiter() if configured.retry_mode == "adaptive" else None
            safe = retry.StandardRetryStrategy(
                max_attempts, quota=quota, throttling_codes=codes, rate_limiter=limiter
            )
            unsafe = retry.StandardRetryStrategy(
                max_attempts,
                quota=quota,
                throttling_codes=codes,
                rate_limiter=limiter,
                retry_after_send=False,
            )
        errors = importlib.import_module(
            self._ERRORS_MODULE, type(self).__module__.rpartition(".")[0]
        )
        return _Resolved(
            region=region,
            endpoint=endpoint.rstrip("/") if endpoint.endswith("//") else endpoint,
            signing_region=signing_region,
            credentials=credentials,
            transport=self._transport or self._default_transport(configured),
            retry=safe,
            retry_unsafe=unsafe,
            error_classes=errors.ERROR_CLASSES,
        )

    def _default_transport(self, configured: ClientSettings) -> T:
        raise NotImplementedError

    # -- requests -------------------------------------------------------------------------
    def _outgoing(
        self, cls: type[S], given: tuple[S | dict[str, Any], ...], fields: Mapping[str, Any]
    ) -> S | dict[str, Any]:
        """What a call sends: ``_request``'s object; or, for a JSON service in strict mode,
        a request dict as boto3 takes it (given whole, or made of keyword arguments that
        hold such dicts) that passes the one-pass check as it is: that dict is then the
        body, and no objects are built (``_core.Shape._WIRE_AS_GIVEN``)."""
        data = _given_dict(cls, given, fields)
        strict = (self.validation or _core.settings.mode) == "strict"
        if data is not None and cls._WIRE_AS_GIVEN and strict and _core.passes(cls, data):
            return data
        return self._checked(cls, given, fields, data)

    def _request(
        self, cls: type[S], given: tuple[S | dict[str, Any], ...], fields: Mapping[str, Any]
    ) -> S:
        """The request object, checked in the client's mode (which may differ from the
        package's): the one given positionally, or a request dict with wire names as boto3
        takes it, or one built from keyword arguments, where structures may be such dicts
        too."""
        return self._checked(cls, given, fields, _given_dict(cls, given, fields))

    def _checked(
        self,
        cls: type[S],
        given: tuple[S | dict[str, Any], ...],
        fields: Mapping[str, Any],
        data: dict[str, Any] | None,
    ) -> S:
        """``_request``, given what ``_given_dict`` made of the arguments."""
        if data is not None:
            # Checked and built by from_dict: nothing to check again.
            return cls.from_dict(data, mode=self.validation)
        if given:
            request = given[0]
            if not isinstance(request, cls):
                raise TypeError(f"expected a {cls.__name__}, got {type(request).__name__}")
        else:
            request = _unchecked(cls, _field_names(cls, fields), fields)
        request.validate(self.validation)
        return request

    def _call(self, op: OperationInfo, request: Outgoing, config: _Resolved) -> Call:
        strategy = config.retry if op.safe_to_resend else config.retry_unsafe
        return _call_class()(
            self._SERVICE,
            op,
            request,
            endpoint=config.endpoint,
            signing_region=config.signing_region,
            strategy=strategy,
        )


class BaseClient(ClientCore["Transport"]):
    """The generated ``Client``'s machinery: ``_client_call``'s steps with blocking I/O."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close idle connections of the default transport."""
        transport = self._resolved.transport if self._resolved else None
        close = getattr(transport, "close", None)
        if close is not None and self._transport is None:
            close()

    def _default_transport(self, configured: ClientSettings) -> Transport:
        """``http.client`` with keep-alive connections, the CA bundle and the proxies."""
        return configured.transport(self._verify, connect_timeout=self._connect_timeout)

    def _invoke(self, op: OperationInfo, request: Outgoing, output: type[R]) -> R:
        response = self._send(op, request)
        parsed = _call_class().parsed(op, response, output)
        if isinstance(parsed, Exception):
            from ._runtime.streaming import StreamingBody

            if isinstance(response.body_stream, StreamingBody):
                response.body_stream.close()  # nobody will read it: free the connection
            raise parsed from None
        return parsed

    def _invoke_no_output(self, op: OperationInfo, request: Outgoing) -> None:
        self._send(op, request)

    def _send(self, op: OperationInfo, request: Outgoing) -> HttpResponse:
        config = self._config()
        call = self._call(op, request, config)

        transport: Transport = config.transport

        def attempt() -> HttpResponse:
            signed = call.signed(config.credentials.frozen())
            try:
                return transport.send(signed, self.timeout)
            finally:
                call.sent()

        try:
            response = call.strategy.send(attempt)
        finally:
            call.close()
        return call.checked(response, config.error_classes)

    # -- pagination -----------------------------------------------------------------------

    def _paginate(
        self,
        call: Callable[[S], R],
        request: S,
        input_token: str,
        output_token: str,
    ) -> Iterator[R]:
        """Pages of ``call`` until the service returns no (or the same) next token."""
        from ._client_call import PageCursor

        cursor = PageCursor(request, input_token, output_token)
        while cursor.request is not None:
            page = call(cursor.request)
            yield page
            cursor.advance(page)


_Call: type[Call] | None = None


def _call_class() -> type[Call]:
    """``_client_call.Call``, imported by the first call (with the runtime, which
    ``import pkg`` and ``Client()`` do not load), then kept: an import statement run in
    every call would cost an ``importlib`` lookup each time."""
    global _Call
    if _Call is None:
        from ._client_call import Call

        _Call = Call
    return _Call


def _given_dict(
    cls: type[S], given: tuple[S | dict[str, Any], ...], fields: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The request as a dict with wire names, where the caller wrote one: given whole, or
    keyword arguments of which some hold dicts (structures among them are then made dicts
    too); ``None`` for a request object or keyword arguments of objects and values."""
    if given:
        if len(given) > 1 or fields:
            raise TypeError("pass either one request object or keyword arguments, not both")
        request = given[0]
        return request if isinstance(request, dict) else None
    if not any(_holds_dict(value) for value in fields.values()):
        return None
    names = _field_names(cls, fields)
    return {
        key: _wire_value(fields[name])
        for name, key in zip(names, cls._WIRE)
        if fields.get(name) is not None
    }


def _field_names(cls: type[S], fields: Mapping[str, Any]) -> list[str]:
    """The field names of a request class; a keyword argument that is none of them is a
    ``TypeError`` naming the field it was probably meant for (its wire name, or the name
    in another case or spelling: ``OutputFormat`` or ``outputFormat`` -> ``output_format``)."""
    import dataclasses

    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    unknown = [key for key in fields if key not in names]
    if unknown:
        meant = {_folded(key): name for name, key in zip(names, cls._WIRE)}
        meant.update((_folded(name), name) for name in names)
        problems = [
            (
                f"{key!r} (did you mean {meant[_folded(key)]}=...?)"
                if _folded(key) in meant
                else repr(key)
            )
            for key in unknown
        ]
        raise TypeError(f"{cls.__name__} has no field {', '.join(problems)}")
    return names


def _folded(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


def _holds_dict(value: Any) -> bool:
    """Whether a keyword argument holds a dict (boto3's form of a structure or a map)."""
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and any(_holds_dict(item) for item in value)


def _wire_value(value: Any) -> Any:
    """A keyword argument in the wire form ``from_dict`` reads: request objects inside it
    become their dicts; scalars (datetimes, bytes, files) stay as they are."""
    if isinstance(value, _core.Shape):
        return value.to_dict()
    if isinstance(value, list):
        return [_wire_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _wire_value(item) for key, item in value.items()}
    return value


def _unchecked(cls: type[S], names: list[str], fields: Mapping[str, Any]) -> S:
    """An instance of a generated dataclass built without its construction-time check
    (the caller checks it in the client's validation mode)."""
    obj = cls.__new__(cls)
    for name in names:
        setattr(obj, name, fields.get(name))
    return obj
