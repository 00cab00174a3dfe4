"""Pages and forms, by concept."""
