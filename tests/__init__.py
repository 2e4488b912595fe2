"""ZI Assistant's tests (a package, so that test folders can share fixture modules)."""
