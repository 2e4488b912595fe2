"""Handlers: parse the update, call one service, render a view, answer. Nothing else."""
