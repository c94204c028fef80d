-- Indexes of the public list and map of a gmina's reports.

-- The public list, newest first, filtered by status or by category: each filter
-- reads its own index in confirmed_at order, so a page stops after a few rows.
-- The map reads a latitude strip of the gmina from report_map and finds every
-- other filter column in the index itself, without visiting the rows.
ALTER TABLE report
	ADD KEY report_public_status (tenant_id, status, confirmed_at),
	ADD KEY report_public_category (tenant_id, category_id, confirmed_at),
	ADD KEY report_map (tenant_id, lat, lon, category_id, status, hidden, confirmed_at);
