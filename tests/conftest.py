"""Fixtures shared by test modules: defined once here, so a session-scoped one is built
once per run, not once per module that uses it."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from test_generated_packages import CORPORA, CORPUS, Generated, _cached_format, package_name

from codegen.generate import package_sources
from codegen.model import Service
from codegen.model.build import build_model


@pytest.fixture(scope="session")
def generated(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Generated:
    if not CORPORA:
        pytest.skip("no corpus at ../shared/corpus")
    root = tmp_path_factory.mktemp("generated")
    services: dict[str, tuple[str, Service]] = {}
    sources: dict[str, str] = {}
    for corpus in CORPORA:
        for service in build_model(CORPUS / corpus / "docs").services:
            name = package_name(corpus, service)
            renamed = replace(service, config=replace(service.config, package=name))
            services[name] = (corpus, renamed)
            sources.update(package_sources(renamed))
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    cache_dir = Path(str(cache.mkdir("codegen-black"))) if cache else root / ".cache"
    for rel, text in _cached_format(sources, cache_dir).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(root))
    return Generated(root, services)
