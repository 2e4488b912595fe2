"""Views: the texts and keyboards users see; every text goes through gettext."""
