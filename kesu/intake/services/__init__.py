"""The writers of arrival: `arrival` (receive a complaint on any channel), `grouping` (batches
批量 and group complaints 群诉), `merging` (merge and split cases)."""
