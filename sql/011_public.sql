-- Indexes of the public list and map of a gmina's reports.

-- The public list, newest first, filtered by status or by category: each filter
-- reads its own index in confirmed_at order, so a page stops after a few rows.
-- The map reads a latitude strip of the gmina from report_map and finds every
-- other filter column in the index itself, without visiting the rows.
ALTER TABLE report
	ADD KEY report_public_status (tenant_id, status, confirmed_at),
	ADD KEY report_public_category (tenant_id, category_id, confirmed_at),
	ADD KEY report_map (tenant_id, lat, lon, category_id, status, hidden, confirmed_at);

-- Counts of the reports on the map per grid cell, so that the clusters of a large box
-- are summed from a few thousand cells instead of a scan of every report. Levels 0
-- to 3 have cells of 1/1024, 1/256, 1/64 and 1/16 degree (1/1024 degree of latitude
-- is about 110 m).
-- Only reports with a position, confirmed_at set and hidden = 0 are counted: the part
-- of REPORT_PUBLIC_SQL (app/lib/report_access.h) that belongs to the report row. The
-- category's is_public is joined when the cells are read, so a category turned
-- non-public disappears from the map at once. The triggers below keep the counts.
CREATE TABLE report_map_cell (
	tenant_id	INT UNSIGNED NOT NULL,
	level		TINYINT UNSIGNED NOT NULL,
	cell_y		INT NOT NULL,			-- FLOOR(lat * cells per degree)
	cell_x		INT NOT NULL,			-- FLOOR(lon * cells per degree)
	category_id	INT UNSIGNED NOT NULL,
	status		VARCHAR(16) CHARACTER SET ascii NOT NULL,
	reports		INT NOT NULL,
	-- Exact sums (DECIMAL), so that adding and removing a report leaves no rounding.
	sum_lat		DECIMAL(20,6) NOT NULL,
	sum_lon		DECIMAL(20,6) NOT NULL,
	PRIMARY KEY (tenant_id, level, cell_y, cell_x, category_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

CREATE PROCEDURE report_map_cell_add(p_tenant INT UNSIGNED, p_category INT UNSIGNED,
    p_status VARCHAR(16), p_lat DECIMAL(9,6), p_lon DECIMAL(9,6), p_sign INT)
	MODIFIES SQL DATA
	INSERT INTO report_map_cell (tenant_id, level, cell_y, cell_x, category_id, status,
		reports, sum_lat, sum_lon)
	VALUES (p_tenant, 0, FLOOR(p_lat * 1024), FLOOR(p_lon * 1024), p_category, p_status,
		p_sign, p_sign * p_lat, p_sign * p_lon),
	    (p_tenant, 1, FLOOR(p_lat * 256), FLOOR(p_lon * 256), p_category, p_status,
		p_sign, p_sign * p_lat, p_sign * p_lon),
	    (p_tenant, 2, FLOOR(p_lat * 64), FLOOR(p_lon * 64), p_category, p_status,
		p_sign, p_sign * p_lat, p_sign * p_lon),
	    (p_tenant, 3, FLOOR(p_lat * 16), FLOOR(p_lon * 16), p_category, p_status,
		p_sign, p_sign * p_lat, p_sign * p_lon)
	ON DUPLICATE KEY UPDATE reports = reports + VALUES(reports),
		sum_lat = sum_lat + VALUES(sum_lat), sum_lon = sum_lon + VALUES(sum_lon);

CREATE TRIGGER report_map_cell_insert AFTER INSERT ON report FOR EACH ROW
BEGIN
	IF NEW.confirmed_at IS NOT NULL AND NEW.hidden = 0 AND NEW.lat IS NOT NULL
	    AND NEW.lon IS NOT NULL THEN
		CALL report_map_cell_add(NEW.tenant_id, NEW.category_id, NEW.status,
		    NEW.lat, NEW.lon, 1);
	END IF;
END;

CREATE TRIGGER report_map_cell_update AFTER UPDATE ON report FOR EACH ROW
BEGIN
	IF NOT (OLD.tenant_id <=> NEW.tenant_id AND OLD.category_id <=> NEW.category_id
	    AND OLD.status <=> NEW.status AND OLD.lat <=> NEW.lat AND OLD.lon <=> NEW.lon
	    AND OLD.hidden <=> NEW.hidden
	    AND (OLD.confirmed_at IS NULL) <=> (NEW.confirmed_at IS NULL)) THEN
		IF OLD.confirmed_at IS NOT NULL AND OLD.hidden = 0 AND OLD.lat IS NOT NULL
		    AND OLD.lon IS NOT NULL THEN
			CALL report_map_cell_add(OLD.tenant_id, OLD.category_id, OLD.status,
			    OLD.lat, OLD.lon, -1);
		END IF;
		IF NEW.confirmed_at IS NOT NULL AND NEW.hidden = 0 AND NEW.lat IS NOT NULL
		    AND NEW.lon IS NOT NULL THEN
			CALL report_map_cell_add(NEW.tenant_id, NEW.category_id, NEW.status,
			    NEW.lat, NEW.lon, 1);
		END IF;
	END IF;
END;

CREATE TRIGGER report_map_cell_delete AFTER DELETE ON report FOR EACH ROW
BEGIN
	IF OLD.confirmed_at IS NOT NULL AND OLD.hidden = 0 AND OLD.lat IS NOT NULL
	    AND OLD.lon IS NOT NULL THEN
		CALL report_map_cell_add(OLD.tenant_id, OLD.category_id, OLD.status,
		    OLD.lat, OLD.lon, -1);
	END IF;
END;
