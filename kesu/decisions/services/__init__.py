"""Writers of the decisions app: one module per kind of decision."""
