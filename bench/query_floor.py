"""How far eager response objects can go on DynamoDB's Query: the floor under our parse.

    python bench/query_floor.py [--packages DIR]

The response of 100 items of 20 attributes (``bench/calls.py``) is 3,400 ``AttributeValue``
structures. Four ways of reading its body, in interleaved rounds in this process (CPU
time, median of rounds), each against botocore's JSON parser reading the same body:

- ``json.loads`` alone: what every reader pays first;
- the floor: ``json.loads``, then one bare object of the generated ``AttributeValue``
  class per structure (allocated, its ten slots set, nothing looked up or dispatched):
  no generated parse can be cheaper while it builds one object per structure;
- ours: ``QueryResponse.from_response`` (``json.loads``, then ``_parse``);
- botocore: ``create_parser("json").parse`` with the corpus's model (plain dicts).

boto3's whole call adds signing, retries and its event machinery to botocore's parse, and
ours adds less (``bench/run.py --only call``): the floor's ratio to botocore's parse bounds
what the whole Query call can reach while responses are built eagerly.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.calls import ddb_item, wire_item
from bench.corpus import CORPUS, botocore_models
from bench.run import generate_corpus, import_generated, interleaved, row, spread


def floor_reader(value_class: Any) -> Any:
    """The least a reader building one object per ``AttributeValue`` can do."""
    new = object.__new__

    def value(data: dict[str, Any]) -> Any:
        obj = new(value_class)
        obj.b = obj.bool_ = obj.bs = obj.l = obj.m = obj.n = obj.ns = obj.null = None
        obj.s = obj.ss = None
        if "M" in data:
            obj.m = {k: value(v) for k, v in data["M"].items()}
        elif "L" in data:
            obj.l = [value(v) for v in data["L"]]
        return obj

    def read(body: bytes) -> Any:
        items = json.loads(body)["Items"]
        return [{k: value(v) for k, v in item.items()} for item in items]

    return read


def main() -> None:
    from botocore.model import ServiceModel
    from botocore.parsers import create_parser

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", metavar="DIR")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        packages = Path(args.packages or tmp)
        generate_corpus(CORPUS / "dynamodb", packages / "dynamodb")
        dynamodb = import_generated(packages / "dynamodb", "dynamodb")
        models = botocore_models(CORPUS / "dynamodb")
        model = ServiceModel(next(m for uid, m in models.items() if uid.startswith("dynamodb-")))
        output_shape = model.operation_model("Query").output_shape
        body = json.dumps(
            {"Items": [wire_item(ddb_item(i)) for i in range(100)], "Count": 100}
        ).encode()
        botocore_parser = create_parser("json")

        def theirs() -> object:
            return botocore_parser.parse(
                {"body": body, "headers": {}, "status_code": 200}, output_shape
            )

        floor = floor_reader(dynamodb.shapes.AttributeValue)
        response_class = dynamodb.shapes.QueryResponse
        readers = {
            "json.loads alone": lambda: json.loads(body),
            "floor: json.loads + one bare object per structure": lambda: floor(body),
            "ours: QueryResponse.from_response": lambda: response_class.from_response(
                json.loads(body)
            ),
        }
        for name, read in readers.items():
            our_rate, their_rate, ratios = interleaved(read, theirs, args.rounds, 10)
            row("query", name, f"{1e3 / our_rate:.2f} ms vs botocore {1e3 / their_rate:.2f} ms")
            row("query", f"{name}: speed ratio to botocore's parse", spread(ratios))


if __name__ == "__main__":
    main()
