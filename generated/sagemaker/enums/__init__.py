"""Documented value lists of Amazon SageMaker Service as str enums, loaded on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._group_00 import InputMode as InputMode
    from ._group_00 import RecordWrapperType as RecordWrapperType
    from ._group_00 import TrainingJobStatus as TrainingJobStatus
    from ._group_00 import WarmStartType as WarmStartType
    from ._group_01 import (
        HyperParameterTuningJobStatus as HyperParameterTuningJobStatus,
    )
    from ._group_01 import InstanceType as InstanceType
    from ._group_01 import S3DataDistributionType as S3DataDistributionType
    from ._group_01 import S3DataType as S3DataType
    from ._group_01 import TrainingInputMode as TrainingInputMode
    from ._group_02 import SortBy as SortBy
    from ._group_02 import SortOrder as SortOrder
    from ._group_03 import CompressionType as CompressionType
    from ._group_03 import ObjectiveStatus as ObjectiveStatus
    from ._group_03 import ScalingType as ScalingType
    from ._group_03 import StatusEquals as StatusEquals
    from ._group_03 import Strategy as Strategy
    from ._group_03 import TrainingJobEarlyStoppingType as TrainingJobEarlyStoppingType
    from ._group_03 import Type as Type

_MODULE_OF: dict[str, str] = {
    "CompressionType": "_group_03",
    "HyperParameterTuningJobStatus": "_group_01",
    "InputMode": "_group_00",
    "InstanceType": "_group_01",
    "ObjectiveStatus": "_group_03",
    "RecordWrapperType": "_group_00",
    "S3DataDistributionType": "_group_01",
    "S3DataType": "_group_01",
    "ScalingType": "_group_03",
    "SortBy": "_group_02",
    "SortOrder": "_group_02",
    "StatusEquals": "_group_03",
    "Strategy": "_group_03",
    "TrainingInputMode": "_group_01",
    "TrainingJobEarlyStoppingType": "_group_03",
    "TrainingJobStatus": "_group_00",
    "Type": "_group_03",
    "WarmStartType": "_group_00",
}

__all__ = [
    "CompressionType",
    "HyperParameterTuningJobStatus",
    "InputMode",
    "InstanceType",
    "ObjectiveStatus",
    "RecordWrapperType",
    "S3DataDistributionType",
    "S3DataType",
    "ScalingType",
    "SortBy",
    "SortOrder",
    "StatusEquals",
    "Strategy",
    "TrainingInputMode",
    "TrainingJobEarlyStoppingType",
    "TrainingJobStatus",
    "Type",
    "WarmStartType",
]


def __getattr__(name: str) -> Any:
    """Import the module defining ``name`` on first access and keep all it defines here
    (later accesses are plain attribute lookups)."""
    module_name = _MODULE_OF.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"{__name__}.{module_name}")
    namespace = globals()
    for defined in module.__all__:
        namespace[defined] = getattr(module, defined)
    return namespace[name]


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
