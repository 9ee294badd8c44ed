"""The package's data modules: ``__init__``, ``shapes``, ``enums``, ``_checks``, ``_core``.

Generated layout for a package ``pkg`` (which structure and enum goes in which module:
``codegen.views.layout``)::

    pkg/__init__.py          lazy re-exports (ValidationError, shapes, enums, settings)
    pkg/_core.py             shared support (static: templates/package/_core.py)
    pkg/py.typed
    pkg/enums/__init__.py    lazy: enum name -> module
    pkg/enums/_group_NN.py   StrEnum classes
    pkg/shapes/__init__.py   lazy: shape name -> module
    pkg/shapes/_op_<op>.py   an operation's Request/Response and the structures only it uses
    pkg/shapes/_common_NN.py structures several operations (or none) use
"""

from __future__ import annotations

from ..views import ServiceView
from .environment import environment, static_file

STATIC_MODULES = ("_core.py",)
"""Modules copied verbatim from ``templates/package/`` into every package."""


def render_package(view: ServiceView) -> dict[str, str]:
    """Relative path -> source of the package's data modules."""
    env = environment()
    package = view.package
    prefix = package.package
    context = {"service_name": package.service_name, "package": prefix}
    files: dict[str, str] = {}

    def emit(path: str, template: str, **values: object) -> None:
        files[f"{prefix}/{path}"] = env.get_template(template).render(**context, **values)

    emit("__init__.py", "package_init.py.j2", doc=package.doc)
    for static in STATIC_MODULES:
        files[f"{prefix}/{static}"] = static_file("package", static)
    files[f"{prefix}/py.typed"] = ""
    emit("_checks.py", "checks.py.j2", checks=package.checks)
    emit("shapes/__init__.py", "lazy_init.py.j2", lazy=package.shapes)
    for module in package.modules:
        emit(f"shapes/{module.name}.py", "shapes.py.j2", module=module)
    emit("enums/__init__.py", "lazy_init.py.j2", lazy=package.enums)
    for group, enums in package.enum_groups:
        emit(f"enums/{group}.py", "enums.py.j2", enums=enums)
    return dict(sorted(files.items()))
