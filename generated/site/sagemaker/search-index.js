window.DOCS_SEARCH_INDEX = [
{
"kind": "operation",
"name": "CreateHyperParameterTuningJob",
"summary": "Launches a hyperparameter tuning job.",
"url": "operations/CreateHyperParameterTuningJob.html"
},
{
"kind": "operation",
"name": "DescribeHyperParameterTuningJob",
"summary": "Returns the settings, current status, progress counters and best training job of one hyperparameter tuning job.",
"url": "operations/DescribeHyperParameterTuningJob.html"
},
{
"kind": "operation",
"name": "ListHyperParameterTuningJobs",
"summary": "Returns one page of HyperParameterTuningJobSummary entries for the tuning jobs in your account.",
"url": "operations/ListHyperParameterTuningJobs.html"
},
{
"kind": "operation",
"name": "StopHyperParameterTuningJob",
"summary": "Halts a hyperparameter tuning job that is in progress, along with every training job it still has running.",
"url": "operations/StopHyperParameterTuningJob.html"
},
{
"kind": "shape",
"name": "CategoricalParameterRange",
"summary": "A hyperparameter whose values come from a fixed set of categories, searched by a tuning job.",
"url": "shapes/CategoricalParameterRange.html"
},
{
"kind": "shape",
"name": "Channel",
"summary": "A named source of input data for a training algorithm.",
"url": "shapes/Channel.html"
},
{
"kind": "enum",
"name": "CompressionType",
"summary": "",
"url": "enums/CompressionType.html"
},
{
"kind": "shape",
"name": "ContinuousParameterRange",
"summary": "A floating-point hyperparameter that a tuning job searches between a lower and an upper bound.",
"url": "shapes/ContinuousParameterRange.html"
},
{
"kind": "shape",
"name": "DataSource",
"summary": "Where the input data of a Channel comes from.",
"url": "shapes/DataSource.html"
},
{
"kind": "shape",
"name": "FinalHyperParameterTuningJobObjectiveMetric",
"summary": "Final objective metric value reported by one training job of a tuning job.",
"url": "shapes/FinalHyperParameterTuningJobObjectiveMetric.html"
},
{
"kind": "shape",
"name": "HyperParameterAlgorithmSpecification",
"summary": "The algorithm every training job of a tuning job runs, and the metrics it reports.",
"url": "shapes/HyperParameterAlgorithmSpecification.html"
},
{
"kind": "shape",
"name": "HyperParameterTrainingJobDefinition",
"summary": "Template from which a tuning job creates its training jobs.",
"url": "shapes/HyperParameterTrainingJobDefinition.html"
},
{
"kind": "shape",
"name": "HyperParameterTrainingJobSummary",
"summary": "Short record of one training job started by a tuning job.",
"url": "shapes/HyperParameterTrainingJobSummary.html"
},
{
"kind": "shape",
"name": "HyperParameterTuningJobConfig",
"summary": "Core settings of a hyperparameter tuning job: what to optimise, where to search and how many jobs to run.",
"url": "shapes/HyperParameterTuningJobConfig.html"
},
{
"kind": "shape",
"name": "HyperParameterTuningJobObjective",
"summary": "The metric a tuning job uses to rank its training jobs, and whether higher or lower values are better.",
"url": "shapes/HyperParameterTuningJobObjective.html"
},
{
"kind": "enum",
"name": "HyperParameterTuningJobStatus",
"summary": "",
"url": "enums/HyperParameterTuningJobStatus.html"
},
{
"kind": "shape",
"name": "HyperParameterTuningJobSummary",
"summary": "Overview of one tuning job, as returned by ListHyperParameterTuningJobs.",
"url": "shapes/HyperParameterTuningJobSummary.html"
},
{
"kind": "shape",
"name": "HyperParameterTuningJobWarmStartConfig",
"summary": "Seeds a new tuning job with the results of one or more earlier tuning jobs.",
"url": "shapes/HyperParameterTuningJobWarmStartConfig.html"
},
{
"kind": "enum",
"name": "InputMode",
"summary": "",
"url": "enums/InputMode.html"
},
{
"kind": "enum",
"name": "InstanceType",
"summary": "",
"url": "enums/InstanceType.html"
},
{
"kind": "shape",
"name": "IntegerParameterRange",
"summary": "An integer hyperparameter that a tuning job searches between a lower and an upper bound.",
"url": "shapes/IntegerParameterRange.html"
},
{
"kind": "shape",
"name": "MetricDefinition",
"summary": "A metric printed by the training algorithm to stdout or stderr, and how to pick it out of the output.",
"url": "shapes/MetricDefinition.html"
},
{
"kind": "enum",
"name": "ObjectiveStatus",
"summary": "",
"url": "enums/ObjectiveStatus.html"
},
{
"kind": "shape",
"name": "ObjectiveStatusCounters",
"summary": "Training jobs of a tuning job, counted by whether their final objective metric has been evaluated.",
"url": "shapes/ObjectiveStatusCounters.html"
},
{
"kind": "shape",
"name": "OutputDataConfig",
"summary": "Where training results (model artifacts) are written, and how they are encrypted.",
"url": "shapes/OutputDataConfig.html"
},
{
"kind": "shape",
"name": "ParameterRanges",
"summary": "All hyperparameter ranges a tuning job searches, grouped by kind.",
"url": "shapes/ParameterRanges.html"
},
{
"kind": "shape",
"name": "ParentHyperParameterTuningJob",
"summary": "A completed or stopped tuning job used as the starting point of a warm start tuning job.",
"url": "shapes/ParentHyperParameterTuningJob.html"
},
{
"kind": "enum",
"name": "RecordWrapperType",
"summary": "",
"url": "enums/RecordWrapperType.html"
},
{
"kind": "shape",
"name": "ResourceConfig",
"summary": "Compute instances and storage volumes used for model training.",
"url": "shapes/ResourceConfig.html"
},
{
"kind": "error",
"name": "ResourceInUse",
"summary": "The request names a resource that is already in use, so it cannot be created or changed right now.",
"url": "errors/ResourceInUse.html"
},
{
"kind": "error",
"name": "ResourceLimitExceeded",
"summary": "Going ahead would take your account past one of its Amazon SageMaker quotas, for instance the number of training jobs a\u2026",
"url": "errors/ResourceLimitExceeded.html"
},
{
"kind": "shape",
"name": "ResourceLimits",
"summary": "Limits on how many training jobs a tuning job may start.",
"url": "shapes/ResourceLimits.html"
},
{
"kind": "error",
"name": "ResourceNotFound",
"summary": "No resource with the given name exists in this account and Region.",
"url": "errors/ResourceNotFound.html"
},
{
"kind": "enum",
"name": "S3DataDistributionType",
"summary": "",
"url": "enums/S3DataDistributionType.html"
},
{
"kind": "shape",
"name": "S3DataSource",
"summary": "Input data stored in Amazon S3.",
"url": "shapes/S3DataSource.html"
},
{
"kind": "enum",
"name": "S3DataType",
"summary": "",
"url": "enums/S3DataType.html"
},
{
"kind": "enum",
"name": "ScalingType",
"summary": "",
"url": "enums/ScalingType.html"
},
{
"kind": "shape",
"name": "ShuffleConfig",
"summary": "Shuffles the order of a channel's input data from a seed.",
"url": "shapes/ShuffleConfig.html"
},
{
"kind": "enum",
"name": "SortBy",
"summary": "",
"url": "enums/SortBy.html"
},
{
"kind": "enum",
"name": "SortOrder",
"summary": "",
"url": "enums/SortOrder.html"
},
{
"kind": "enum",
"name": "StatusEquals",
"summary": "",
"url": "enums/StatusEquals.html"
},
{
"kind": "shape",
"name": "StoppingCondition",
"summary": "Time limit for a training job.",
"url": "shapes/StoppingCondition.html"
},
{
"kind": "enum",
"name": "Strategy",
"summary": "",
"url": "enums/Strategy.html"
},
{
"kind": "shape",
"name": "Tag",
"summary": "A key-value label attached to an Amazon SageMaker resource.",
"url": "shapes/Tag.html"
},
{
"kind": "enum",
"name": "TrainingInputMode",
"summary": "",
"url": "enums/TrainingInputMode.html"
},
{
"kind": "enum",
"name": "TrainingJobEarlyStoppingType",
"summary": "",
"url": "enums/TrainingJobEarlyStoppingType.html"
},
{
"kind": "enum",
"name": "TrainingJobStatus",
"summary": "",
"url": "enums/TrainingJobStatus.html"
},
{
"kind": "shape",
"name": "TrainingJobStatusCounters",
"summary": "Training jobs of a tuning job, counted by status.",
"url": "shapes/TrainingJobStatusCounters.html"
},
{
"kind": "enum",
"name": "Type",
"summary": "",
"url": "enums/Type.html"
},
{
"kind": "shape",
"name": "VpcConfig",
"summary": "The VPC subnets and security groups that training jobs or hosted models connect to, which controls their network access.",
"url": "shapes/VpcConfig.html"
},
{
"kind": "enum",
"name": "WarmStartType",
"summary": "",
"url": "enums/WarmStartType.html"
}
];
