"""Amazon SageMaker Service (sagemaker-2017-07-24), generated from its API reference by codegen."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import enums as enums
    from . import errors as errors
    from . import shapes as shapes
    from ._core import Mode as Mode
    from ._core import UnknownEnumValueWarning as UnknownEnumValueWarning
    from ._core import ValidationError as ValidationError
    from ._core import ValidationWarning as ValidationWarning
    from ._core import get_validation_mode as get_validation_mode
    from ._core import set_validation_mode as set_validation_mode
    from ._runtime.credentials import resolve_credentials as resolve_credentials
    from .aio import AsyncClient as AsyncClient
    from .client import Client as Client
    from .errors import ServiceError as ServiceError

# Loaded on first access, so that importing the package stays cheap (and asyncio is
# imported only by code that asks for AsyncClient).
_LAZY: dict[str, tuple[str, str | None]] = {
    "AsyncClient": (".aio", "AsyncClient"),
    "Client": (".client", "Client"),
    "ServiceError": (".errors", "ServiceError"),
    "enums": (".enums", None),
    "errors": (".errors", None),
    "shapes": (".shapes", None),
    "Mode": ("._core", "Mode"),
    "UnknownEnumValueWarning": ("._core", "UnknownEnumValueWarning"),
    "ValidationError": ("._core", "ValidationError"),
    "ValidationWarning": ("._core", "ValidationWarning"),
    "get_validation_mode": ("._core", "get_validation_mode"),
    "set_validation_mode": ("._core", "set_validation_mode"),
    "resolve_credentials": ("._runtime.credentials", "resolve_credentials"),
}

__all__ = [
    "AsyncClient",
    "Client",
    "Mode",
    "ServiceError",
    "UnknownEnumValueWarning",
    "ValidationError",
    "ValidationWarning",
    "enums",
    "errors",
    "get_validation_mode",
    "resolve_credentials",
    "set_validation_mode",
    "shapes",
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name, __name__)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
