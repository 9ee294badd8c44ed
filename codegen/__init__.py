"""codegen: AWS-style API reference docs in Markdown -> a typed, validated Python package."""

__version__ = "0.1.0"
