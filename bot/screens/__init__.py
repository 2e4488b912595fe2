"""Screens several handlers show: each reads what it needs and renders it with a view."""
