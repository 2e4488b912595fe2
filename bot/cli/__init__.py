"""The `zi-bot` command line: a stable interface that administrators and tools script against."""
