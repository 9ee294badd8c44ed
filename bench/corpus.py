"""Shared by the benchmarks: where the corpora are, and generating a package from one.

The pages never say a JSON service's target prefix or signing name; for a corpus those
settings are taken from the botocore model beside it (the test oracle), the way a user
would write them in ``codegen.toml``."""

from __future__ import annotations

from pathlib import Path

from codegen.tools.conformance import botocore_config as corpus_config
from codegen.tools.conformance import botocore_folders, botocore_models

__all__ = ["CORPUS", "ROOT", "botocore_folders", "botocore_models", "corpus_config"]

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
