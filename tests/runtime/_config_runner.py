"""Resolve one client's endpoint in this process and print it as JSON.

``python _config_runner.py botocore|ours SERVICE REGION OPTIONS_JSON`` where SERVICE is
botocore's name of the service (``sts``, ``application-autoscaling``) and OPTIONS_JSON holds
the client's arguments (``endpoint_url``, ``use_fips_endpoint``, ``use_dualstack_endpoint``,
``profile``). botocore's endpoint is the one its rule set resolves for a call (what a
request is sent to, which ``client.meta.endpoint_url`` is not for variants); ours is the
generated client's ``endpoint_url``, from a package assembled from the templates at
``$MINI_PACKAGE`` (see ``_mini_package.py``) with the service's settings from the AWS table.
Run by ``test_client_config_endpoints.py`` in a subprocess with its own ``HOME`` and a
clean environment. Output: ``{"outcome": "ok", "endpoint": ...}`` or ``{"outcome": "error"}``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any


def run_botocore(service: str, region: str, options: dict[str, Any]) -> str:
    import botocore.session
    from botocore.config import Config

    session = botocore.session.Session(profile=options.get("profile"))
    config = Config(
        use_fips_endpoint=options.get("use_fips_endpoint"),
        use_dualstack_endpoint=options.get("use_dualstack_endpoint"),
    )
    client = session.create_client(
        service,
        region_name=region,
        endpoint_url=options.get("endpoint_url"),
        aws_access_key_id="AKID",
        aws_secret_access_key="secret",
        config=config,
    )
    model = client.meta.service_model
    operation = model.operation_model(model.operation_names[0])
    endpoint = client._ruleset_resolver.construct_endpoint(operation, {}, {})
    return str(endpoint.url)


def run_ours(service: str, region: str, options: dict[str, Any]) -> str:
    import dataclasses
    import importlib

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    sys.path.insert(0, os.environ["MINI_PACKAGE"])
    from codegen.model import aws_services

    base = importlib.import_module("mini._client_base")
    table = json.loads(aws_services.TABLE.read_text("utf-8"))["services"]
    uid = max(uid for uid, entry in table.items() if entry["service"] == service)
    entry = table[uid]
    endpoints = aws_services.endpoints(entry, entry["endpoint_prefix"])
    info = base.ServiceInfo(
        protocol="json",
        signing_name=entry.get("signing_name", service),
        endpoint_prefix=entry["endpoint_prefix"],
        endpoints=tuple(base.PartitionEndpoint(**dataclasses.asdict(e)) for e in endpoints),
        service_id=entry.get("service_id", ""),
    )
    client_class = type(
        "Client", (base.BaseClient,), {"_SERVICE": info, "__module__": "mini.client"}
    )
    arguments = {
        "endpoint_url": options.get("endpoint_url"),
        "profile": options.get("profile"),
        "access_key": "AKID",
        "secret_key": "secret",
    }
    variants = {
        key: options[key]
        for key in ("use_fips_endpoint", "use_dualstack_endpoint")
        if key in options
    }
    client = client_class(region, **arguments, **variants)
    return str(client.endpoint_url)


def main() -> None:
    implementation, service, region, options = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    run = run_botocore if implementation == "botocore" else run_ours
    try:
        result = {"outcome": "ok", "endpoint": run(service, region, json.loads(options))}
    except Exception as error:  # noqa: BLE001 - any failure is an outcome to compare
        result = {"outcome": "error", "error": type(error).__name__, "message": str(error)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
