"""The only code that writes cases, one module per concern: `registration`, `transitions`,
`attachments`, `escalation` (the deadline sweep), `catalogue` (reference data). Each public
function runs in one transaction and writes its history event in that same transaction (see
`events.record_event`). Import the module you need; this package re-exports nothing, so
importing one service never drags in the others (that once made a cycle)."""
