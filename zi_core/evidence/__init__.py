"""Evidence files: deciding from their content whether an upload is acceptable, and keeping
their bytes in a content-addressed store. No Telegram and no database here."""
