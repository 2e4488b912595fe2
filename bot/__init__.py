"""ZI Assistant's Telegram adapter: handlers, views, keyboards, jobs and the command line."""
