"""Survey answers: reading them, scoring them, and reporting group figures with small groups suppressed."""
