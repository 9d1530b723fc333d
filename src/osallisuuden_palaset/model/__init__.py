"""The participation model: frameworks, blocks, practices, projects and collections."""
