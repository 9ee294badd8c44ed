"""What a generated package records about how it was made, and its optional pyproject.

Each package gets ``_provenance.py`` with the generator's version and a digest of the
input docs (so a vendored copy says which docs it came from); with ``--pyproject`` the
output folder also gets a ``pyproject.toml`` that installs the generated packages."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..config import CONFIG_FILE
from ..model import ShapeModel
from ..render.environment import environment
from ..resources import TEMPLATES

_CODEGEN = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Provenance:
    generator_version: str
    spec_digest: str


def read_provenance(spec_dir: Path) -> Provenance:
    """sha256 over the names and bytes of the pages and ``codegen.toml``, in name order:
    independent of file order, mtimes and the folder's location."""
    inputs = [*spec_dir.glob("API_*.md"), *spec_dir.glob(CONFIG_FILE)]
    files = sorted((p for p in inputs if p.is_file()), key=lambda p: p.name)
    return Provenance(__version__, _digest_files(files))


def render_provenance(model: ShapeModel, provenance: Provenance, pyproject: bool) -> dict[str, str]:
    env = environment()
    files = {
        f"{service.config.package}/_provenance.py": env.get_template("provenance.py.j2").render(
            service=service, provenance=provenance
        )
        for service in model.services
    }
    if pyproject:
        files["pyproject.toml"] = env.get_template("pyproject.toml.j2").render(
            services=model.services, provenance=provenance
        )
    return files


def generator_digest() -> str:
    """sha256 of the generator's own code and templates: output made by another version
    of either is never taken as current."""
    files = sorted(_CODEGEN.rglob("*.py")) + sorted((_CODEGEN / "data").glob("*.json"))
    files += sorted(p for p in TEMPLATES.rglob("*") if p.is_file())
    return _digest_files([p for p in files if "__pycache__" not in p.parts])


def _digest_files(files: list[Path]) -> str:
    """sha256 over each file's name, length and bytes, in the order given."""
    digest = hashlib.sha256()
    for path in files:
        data = path.read_bytes()
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()
