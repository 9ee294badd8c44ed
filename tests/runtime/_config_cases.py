"""The cases of ``test_client_config_endpoints.py``: a service, a region, an environment,
a shared config file and the client's arguments, with what botocore gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

AAS = "application-autoscaling"  # serviceId "Application Auto Scaling": spaces in the name
LOCAL = "[services local]\napplication_auto_scaling =\n  endpoint_url = http://section:1\n"
LOCAL_STS = "[services local]\nsts =\n  endpoint_url = http://sts-section:1\n"


@dataclass(frozen=True)
class Case:
    topic: str
    name: str
    service: str
    region: str
    expect: str
    """What botocore gives: ``default`` (the AWS endpoint), ``error`` or the URL (checked,
    so that a case tests what it says)."""
    env: dict[str, str] = field(default_factory=dict)
    config: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    credentials: str = ""
    """``~/.aws/credentials``: botocore merges its section over the config file's profile."""

    @property
    def id(self) -> str:
        return f"{self.topic}: {self.name}"


def _endpoint_cases() -> list[Case]:
    service_env = {"AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING": "http://service-env:1"}
    global_env = {"AWS_ENDPOINT_URL": "http://global-env:1"}
    profile = "[default]\nservices = local\nendpoint_url = http://profile:1\n" + LOCAL
    ignore = {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}
    ignoring = profile.replace("[default]\n", "[default]\nignore_configured_endpoint_urls = true\n")
    cases = [
        ("nothing configured", AAS, {}, "", {}, "default"),
        ("service variable", AAS, service_env, "", {}, "http://service-env:1"),
        (
            "service variable beats global",
            AAS,
            service_env | global_env,
            "",
            {},
            "http://service-env:1",
        ),
        (
            "global variable beats services section",
            AAS,
            global_env,
            profile,
            {},
            "http://global-env:1",
        ),
        ("services section beats profile endpoint_url", AAS, {}, profile, {}, "http://section:1"),
        ("services section of another service", "sts", {}, profile, {}, "http://profile:1"),
        (
            "sts in a services section",
            "sts",
            {},
            "[default]\nservices = local\n" + LOCAL_STS,
            {},
            "http://sts-section:1",
        ),
        (
            "AWS_ENDPOINT_URL_STS",
            "sts",
            {"AWS_ENDPOINT_URL_STS": "http://sts-env:1"},
            profile,
            {},
            "http://sts-env:1",
        ),
        (
            "AWS_ENDPOINT_URL_SAGEMAKER",
            "sagemaker",
            {"AWS_ENDPOINT_URL_SAGEMAKER": "http://sm:1"},
            "",
            {},
            "http://sm:1",
        ),
        (
            "AWS_ENDPOINT_URL_DYNAMODB, other service's variable set",
            "dynamodb",
            service_env | {"AWS_ENDPOINT_URL_DYNAMODB": "http://ddb:1"},
            "",
            {},
            "http://ddb:1",
        ),
        (
            "profile endpoint_url only",
            "dynamodb",
            {},
            "[default]\nendpoint_url = http://profile:1\n",
            {},
            "http://profile:1",
        ),
        (
            "argument beats every setting",
            AAS,
            service_env | global_env,
            profile,
            {"endpoint_url": "http://arg:1"},
            "http://arg:1",
        ),
        ("ignore (variable)", AAS, service_env | global_env | ignore, profile, {}, "default"),
        ("ignore (profile)", AAS, service_env, ignoring, {}, "default"),
        (
            "ignore false in the variable beats the profile",
            AAS,
            {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"},
            ignoring,
            {},
            "http://section:1",
        ),
        (
            "ignore, but an argument",
            AAS,
            ignore,
            profile,
            {"endpoint_url": "http://arg:1"},
            "http://arg:1",
        ),
        (
            "services section that does not exist",
            AAS,
            {},
            "[default]\nservices = nowhere\n",
            {},
            "error",
        ),
        (
            "missing services section behind a service variable",
            AAS,
            service_env,
            "[default]\nservices = nowhere\n",
            {},
            "http://service-env:1",
        ),
        (
            "named profile's services section",
            AAS,
            {"AWS_PROFILE": "dev"},
            "[default]\nendpoint_url = http://profile:1\n[profile dev]\nservices = local\n" + LOCAL,
            {},
            "http://section:1",
        ),
        (
            "profile argument",
            AAS,
            {},
            "[profile dev]\nendpoint_url = http://dev:1\n",
            {"profile": "dev"},
            "http://dev:1",
        ),
        (
            "empty service variable falls through",
            AAS,
            {"AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING": ""} | global_env,
            "",
            {},
            "http://global-env:1",
        ),
    ]
    return [
        Case("endpoint_url", name, service, "us-east-1", expect, env, config, options)
        for name, service, env, config, options, expect in cases
    ]


def _variant_cases() -> list[Case]:
    fips, dual = {"AWS_USE_FIPS_ENDPOINT": "true"}, {"AWS_USE_DUALSTACK_ENDPOINT": "true"}
    cases = [
        (
            "FIPS from the environment",
            "sts",
            "us-east-1",
            fips,
            "",
            {},
            "https://sts-fips.us-east-1.amazonaws.com",
        ),
        (
            "FIPS, upper-case TRUE",
            "dynamodb",
            "us-west-2",
            {"AWS_USE_FIPS_ENDPOINT": "TRUE"},
            "",
            {},
            "https://dynamodb-fips.us-west-2.amazonaws.com",
        ),
        (
            "dual-stack from the environment",
            "dynamodb",
            "eu-west-1",
            dual,
            "",
            {},
            "https://dynamodb.eu-west-1.api.aws",
        ),
        (
            "both, China",
            "sagemaker",
            "cn-north-1",
            fips | dual,
            "",
            {},
            "https://api.sagemaker-fips.cn-north-1.api.amazonwebservices.com.cn",
        ),
        (
            "FIPS in the profile, GovCloud",
            "iam",
            "us-gov-west-1",
            {},
            "[default]\nuse_fips_endpoint = true\n",
            {},
            "https://iam.us-gov.amazonaws.com",
        ),
        (
            "dual-stack in a named profile",
            "lambda",
            "ap-south-1",
            {"AWS_PROFILE": "dev"},
            "[profile dev]\nuse_dualstack_endpoint = true\n",
            {},
            "https://lambda.ap-south-1.api.aws",
        ),
        (
            "variable beats profile",
            "sts",
            "eu-west-1",
            {"AWS_USE_FIPS_ENDPOINT": "false"},
            "[default]\nuse_fips_endpoint = true\n",
            {},
            "default",
        ),
        (
            "empty variable beats profile",
            "sts",
            "eu-west-1",
            {"AWS_USE_FIPS_ENDPOINT": ""},
            "[default]\nuse_fips_endpoint = true\n",
            {},
            "default",
        ),
        (
            "argument False beats the variable",
            "sts",
            "us-east-1",
            fips,
            "",
            {"use_fips_endpoint": False},
            "default",
        ),
        (
            "argument True",
            "ecr",
            "cn-north-1",
            {},
            "",
            {"use_fips_endpoint": True},
            "https://api.ecr-fips.cn-north-1.amazonaws.com.cn",
        ),
        (
            "both arguments, global service",
            "iam",
            "us-east-1",
            {},
            "",
            {"use_fips_endpoint": True, "use_dualstack_endpoint": True},
            "https://iam-fips.global.api.aws",
        ),
        (
            "dual-stack, ISO partition",
            "sts",
            "us-iso-east-1",
            dual,
            "",
            {},
            "https://sts.us-iso-east-1.api.aws.ic.gov",
        ),
        (
            "FIPS, an exception region",
            "application-autoscaling",
            "us-gov-west-1",
            fips,
            "",
            {},
            "https://application-autoscaling.us-gov-west-1.amazonaws.com",
        ),
        (
            "FIPS where the partition has none (S3, China)",
            "s3",
            "cn-north-1",
            fips,
            "",
            {},
            "error",
        ),
        (
            "FIPS with AWS_ENDPOINT_URL: the URL wins",
            "sts",
            "us-east-1",
            fips | {"AWS_ENDPOINT_URL": "http://local:1"},
            "",
            {},
            "http://local:1",
        ),
        (
            "dual-stack with an endpoint argument: the URL wins",
            "dynamodb",
            "us-east-1",
            dual,
            "",
            {"endpoint_url": "http://local:1"},
            "http://local:1",
        ),
        (
            "dual-stack with an endpoint, a service without dual-stack",
            "datazone",
            "us-east-1",
            dual,
            "",
            {"endpoint_url": "http://local:1"},
            "http://local:1",
        ),
        (
            "FIPS with an ignored endpoint",
            "sts",
            "us-east-1",
            fips
            | {"AWS_ENDPOINT_URL": "http://local:1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"},
            "",
            {},
            "https://sts-fips.us-east-1.amazonaws.com",
        ),
    ]
    return [
        Case("fips/dualstack", name, service, region, expect, env, config, options)
        for name, service, region, env, config, options, expect in cases
    ]


def _credentials_file_cases() -> list[Case]:
    return [
        Case(
            "credentials file",
            "endpoint_url in the credentials file",
            "dynamodb",
            "us-east-1",
            "http://creds:1",
            credentials="[default]\nendpoint_url = http://creds:1\n",
        ),
        Case(
            "credentials file",
            "its endpoint_url beats the config file's",
            "dynamodb",
            "us-east-1",
            "http://creds:1",
            config="[default]\nendpoint_url = http://config:1\n",
            credentials="[default]\nendpoint_url = http://creds:1\n",
        ),
        Case(
            "credentials file",
            "use_fips_endpoint in the credentials file",
            "sts",
            "us-west-2",
            "https://sts-fips.us-west-2.amazonaws.com",
            credentials="[default]\nuse_fips_endpoint = true\n",
        ),
    ]


CASES = _endpoint_cases() + _variant_cases() + _credentials_file_cases()
