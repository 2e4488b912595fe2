"""Use cases: each takes a database session and plain values and returns plain values.

Handlers and the command line call these; they never touch the ORM or SQL themselves. A
service runs inside the caller's transaction and appends its audit event there, so the
change and its record commit together.
"""
