"""Developer tools: not part of the generation pipeline; they may import botocore."""
