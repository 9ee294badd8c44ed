"""Data types of Amazon SageMaker Service: one dataclass per structure, loaded on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._common_00 import CategoricalParameterRange as CategoricalParameterRange
    from ._common_00 import ContinuousParameterRange as ContinuousParameterRange
    from ._common_00 import DataSource as DataSource
    from ._common_00 import (
        HyperParameterAlgorithmSpecification as HyperParameterAlgorithmSpecification,
    )
    from ._common_00 import (
        HyperParameterTrainingJobDefinition as HyperParameterTrainingJobDefinition,
    )
    from ._common_00 import (
        HyperParameterTuningJobObjective as HyperParameterTuningJobObjective,
    )
    from ._common_00 import (
        HyperParameterTuningJobWarmStartConfig as HyperParameterTuningJobWarmStartConfig,
    )
    from ._common_00 import IntegerParameterRange as IntegerParameterRange
    from ._common_00 import OutputDataConfig as OutputDataConfig
    from ._common_00 import ResourceConfig as ResourceConfig
    from ._common_00 import ResourceInUse as ResourceInUse
    from ._common_00 import ResourceLimitExceeded as ResourceLimitExceeded
    from ._common_00 import ResourceNotFound as ResourceNotFound
    from ._common_00 import S3DataSource as S3DataSource
    from ._common_00 import ShuffleConfig as ShuffleConfig
    from ._common_00 import TrainingJobStatusCounters as TrainingJobStatusCounters
    from ._common_01 import Channel as Channel
    from ._common_01 import (
        HyperParameterTuningJobConfig as HyperParameterTuningJobConfig,
    )
    from ._common_01 import MetricDefinition as MetricDefinition
    from ._common_01 import ObjectiveStatusCounters as ObjectiveStatusCounters
    from ._common_01 import ParameterRanges as ParameterRanges
    from ._common_01 import (
        ParentHyperParameterTuningJob as ParentHyperParameterTuningJob,
    )
    from ._common_01 import ResourceLimits as ResourceLimits
    from ._common_01 import StoppingCondition as StoppingCondition
    from ._common_01 import VpcConfig as VpcConfig
    from ._op_create_hyper_parameter_tuning_job import (
        CreateHyperParameterTuningJobRequest as CreateHyperParameterTuningJobRequest,
    )
    from ._op_create_hyper_parameter_tuning_job import (
        CreateHyperParameterTuningJobResponse as CreateHyperParameterTuningJobResponse,
    )
    from ._op_create_hyper_parameter_tuning_job import Tag as Tag
    from ._op_describe_hyper_parameter_tuning_job import (
        DescribeHyperParameterTuningJobRequest as DescribeHyperParameterTuningJobRequest,
    )
    from ._op_describe_hyper_parameter_tuning_job import (
        DescribeHyperParameterTuningJobResponse as DescribeHyperParameterTuningJobResponse,
    )
    from ._op_describe_hyper_parameter_tuning_job import (
        FinalHyperParameterTuningJobObjectiveMetric as FinalHyperParameterTuningJobObjectiveMetric,
    )
    from ._op_describe_hyper_parameter_tuning_job import (
        HyperParameterTrainingJobSummary as HyperParameterTrainingJobSummary,
    )
    from ._op_list_hyper_parameter_tuning_jobs import (
        HyperParameterTuningJobSummary as HyperParameterTuningJobSummary,
    )
    from ._op_list_hyper_parameter_tuning_jobs import (
        ListHyperParameterTuningJobsRequest as ListHyperParameterTuningJobsRequest,
    )
    from ._op_list_hyper_parameter_tuning_jobs import (
        ListHyperParameterTuningJobsResponse as ListHyperParameterTuningJobsResponse,
    )
    from ._op_stop_hyper_parameter_tuning_job import (
        StopHyperParameterTuningJobRequest as StopHyperParameterTuningJobRequest,
    )

_MODULE_OF: dict[str, str] = {
    "CategoricalParameterRange": "_common_00",
    "Channel": "_common_01",
    "ContinuousParameterRange": "_common_00",
    "CreateHyperParameterTuningJobRequest": "_op_create_hyper_parameter_tuning_job",
    "CreateHyperParameterTuningJobResponse": "_op_create_hyper_parameter_tuning_job",
    "DataSource": "_common_00",
    "DescribeHyperParameterTuningJobRequest": "_op_describe_hyper_parameter_tuning_job",
    "DescribeHyperParameterTuningJobResponse": "_op_describe_hyper_parameter_tuning_job",
    "FinalHyperParameterTuningJobObjectiveMetric": "_op_describe_hyper_parameter_tuning_job",
    "HyperParameterAlgorithmSpecification": "_common_00",
    "HyperParameterTrainingJobDefinition": "_common_00",
    "HyperParameterTrainingJobSummary": "_op_describe_hyper_parameter_tuning_job",
    "HyperParameterTuningJobConfig": "_common_01",
    "HyperParameterTuningJobObjective": "_common_00",
    "HyperParameterTuningJobSummary": "_op_list_hyper_parameter_tuning_jobs",
    "HyperParameterTuningJobWarmStartConfig": "_common_00",
    "IntegerParameterRange": "_common_00",
    "ListHyperParameterTuningJobsRequest": "_op_list_hyper_parameter_tuning_jobs",
    "ListHyperParameterTuningJobsResponse": "_op_list_hyper_parameter_tuning_jobs",
    "MetricDefinition": "_common_01",
    "ObjectiveStatusCounters": "_common_01",
    "OutputDataConfig": "_common_00",
    "ParameterRanges": "_common_01",
    "ParentHyperParameterTuningJob": "_common_01",
    "ResourceConfig": "_common_00",
    "ResourceInUse": "_common_00",
    "ResourceLimitExceeded": "_common_00",
    "ResourceLimits": "_common_01",
    "ResourceNotFound": "_common_00",
    "S3DataSource": "_common_00",
    "ShuffleConfig": "_common_00",
    "StopHyperParameterTuningJobRequest": "_op_stop_hyper_parameter_tuning_job",
    "StoppingCondition": "_common_01",
    "Tag": "_op_create_hyper_parameter_tuning_job",
    "TrainingJobStatusCounters": "_common_00",
    "VpcConfig": "_common_01",
}

__all__ = [
    "CategoricalParameterRange",
    "Channel",
    "ContinuousParameterRange",
    "CreateHyperParameterTuningJobRequest",
    "CreateHyperParameterTuningJobResponse",
    "DataSource",
    "DescribeHyperParameterTuningJobRequest",
    "DescribeHyperParameterTuningJobResponse",
    "FinalHyperParameterTuningJobObjectiveMetric",
    "HyperParameterAlgorithmSpecification",
    "HyperParameterTrainingJobDefinition",
    "HyperParameterTrainingJobSummary",
    "HyperParameterTuningJobConfig",
    "HyperParameterTuningJobObjective",
    "HyperParameterTuningJobSummary",
    "HyperParameterTuningJobWarmStartConfig",
    "IntegerParameterRange",
    "ListHyperParameterTuningJobsRequest",
    "ListHyperParameterTuningJobsResponse",
    "MetricDefinition",
    "ObjectiveStatusCounters",
    "OutputDataConfig",
    "ParameterRanges",
    "ParentHyperParameterTuningJob",
    "ResourceConfig",
    "ResourceInUse",
    "ResourceLimitExceeded",
    "ResourceLimits",
    "ResourceNotFound",
    "S3DataSource",
    "ShuffleConfig",
    "StopHyperParameterTuningJobRequest",
    "StoppingCondition",
    "Tag",
    "TrainingJobStatusCounters",
    "VpcConfig",
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
