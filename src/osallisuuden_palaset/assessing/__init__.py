"""Assessment against a framework: coverage, guiding questions, checks, the evaluation appendix, diffs."""
