"""Stages 5 and 6: black over the sources (``format``), then an incremental, atomic update
of the output folder (``write``) with the provenance module (``provenance``); the model as
botocore JSON on request (``export``, ``--emit-model``)."""
