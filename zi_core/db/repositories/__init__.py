"""Repositories, one module per aggregate: functions that take an `AsyncSession` first.

They flush but never commit: the caller owns the transaction (one per update), and commits
before it talks to Telegram.
"""
