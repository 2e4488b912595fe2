"""Pure domain rules: roles and permissions, identity numbers, a unit's life."""
