"""The writers of the decisions app (package `__init__` re-exports nothing)."""
