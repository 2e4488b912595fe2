"""Tests of the local Bot API emulator, driven by the real python-telegram-bot."""
