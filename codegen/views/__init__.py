"""Stage 3, views: what every template needs, decided once per service.

``view_service`` turns one model ``Service`` into an immutable ``ServiceView``:

- ``names`` (``names.py``): every Python name, collisions settled up front: fields,
  client methods, paginator methods, error classes, enum members, and which module of
  ``shapes``/``enums`` each class lives in (``layout.py``);
- ``package`` (``package.py``): structures with their fields' types, checks and
  conversions (``types.py``), grouped by module; enums; the ``_checks`` module;
- ``client`` (``client.py``): the client's methods, their HTTP bindings and paginators,
  the error classes, the service's settings.

Renderers (``codegen.render``) only pour these into templates; the docs renderer reads
``names`` for the Python names it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Service
from .client import COMMON_ERRORS, ClientView, client_view
from .names import Names, service_names
from .package import PackageView, package_view

__all__ = ["ServiceView", "view_service"]


@dataclass(frozen=True)
class ServiceView:
    service: Service
    names: Names
    package: PackageView
    client: ClientView


def view_service(service: Service) -> ServiceView:
    names = service_names(service, COMMON_ERRORS)
    return ServiceView(service, names, package_view(service, names), client_view(service, names))
