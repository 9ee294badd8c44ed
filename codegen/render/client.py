"""The package's client: ``client.py``, ``errors.py`` and the runtime they use.

Generated layout, beside what ``codegen.render.package`` writes for package ``pkg``::

    pkg/client.py           Client: one method per operation, paginators, operation table
    pkg/aio.py              AsyncClient: the same methods as coroutines (same template)
    pkg/errors.py           ServiceError subclasses, one per error shape, and ERROR_CLASSES
    pkg/_client_*.py        shared client machinery (static: every templates/client/*.py)
    pkg/_runtime/*.py       signing, transport, retries, error parsing (templates/runtime/)
"""

from __future__ import annotations

import jinja2

from ..resources import TEMPLATES
from ..views import ServiceView
from .environment import environment, static_file


def client_modules() -> list[str]:
    """Every module of ``templates/client/`` (``_client_base.py`` and its parts), copied
    into each package beside ``client.py``."""
    return sorted(p.name for p in (TEMPLATES / "client").glob("*.py"))


def runtime_modules() -> list[str]:
    """Every module of ``templates/runtime/``, copied into each package's ``_runtime``."""
    return sorted(p.name for p in (TEMPLATES / "runtime").glob("*.py"))


def render_client(view: ServiceView) -> dict[str, str]:
    """Relative path -> source of the client files of the service's package."""
    env = environment()
    client = view.client
    package = client.package
    files = {
        f"{package}/client.py": _client_template().render(client=client, aio=False),
        f"{package}/errors.py": env.get_template("client/errors.py.j2").render(client=client),
    }
    for module in client_modules():
        files[f"{package}/{module}"] = static_file("client", module)
    for module in runtime_modules():
        files[f"{package}/_runtime/{module}"] = static_file("runtime", module)
    return dict(sorted(files.items()))


def render_async_client(view: ServiceView) -> dict[str, str]:
    """Relative path -> source of the package's ``aio.py`` (``AsyncClient``): the same
    template as ``client.py``, its methods coroutines; the machinery it adds
    (``_client_async.py``, ``_runtime/aio_*.py``) is among the static modules."""
    client = view.client
    return {f"{client.package}/aio.py": _client_template().render(client=client, aio=True)}


def _client_template() -> jinja2.Template:
    """``client/client.py.j2``: rendered as ``Client`` and as ``AsyncClient``."""
    return environment().get_template("client/client.py.j2")
