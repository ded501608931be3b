"""The only writers of kesu.imports: `runner.import_table` (a whole file, one transaction),
`history.write_history` (imported history with its events) and `uploads` (the page's upload
and mapping)."""
