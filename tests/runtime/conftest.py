"""Make the runtime templates importable as the package ``runtime`` (they use relative imports)."""

import importlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _tls_proxy import ConnectProxy, certificate  # noqa: F401  # the fixture, for every module

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
if str(TEMPLATES) not in sys.path:
    sys.path.insert(0, str(TEMPLATES))


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No AWS_* or proxy variable; ``HOME`` is the test's own folder."""
    for name in list(os.environ):
        if name.startswith("AWS_") or name.lower() in ("https_proxy", "http_proxy", "no_proxy"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    return monkeypatch


@pytest.fixture
def aws_home(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[[dict[str, str], str], None]:
    """``setup(env, config)``: these variables set and ``~/.aws/config`` holding ``config``."""

    def setup(env: dict[str, str], config: str) -> None:
        (tmp_path / ".aws").mkdir(exist_ok=True)
        (tmp_path / ".aws" / "config").write_text(config)
        for name, value in env.items():
            clean_env.setenv(name, value)

    return setup


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """``mini._client_base`` of a package assembled from the templates (``_mini_package``)."""
    from _mini_package import build_mini_package

    folder = str(build_mini_package(tmp_path_factory.mktemp("mini")))
    sys.path.insert(0, folder)
    try:
        yield importlib.import_module("mini._client_base")
    finally:
        sys.path.remove(folder)
        for name in [m for m in sys.modules if m == "mini" or m.startswith("mini.")]:
            del sys.modules[name]


@pytest.fixture
def proxy() -> Iterator[ConnectProxy]:
    server = ConnectProxy()
    yield server
    server.close()
