"""`zi-bot demo`: the real bot against the bundled Bot API emulator, played through every role
with a narrated transcript; `--interactive` lets a person chat as any demo user."""
