-- Problem reports: categories, routing to units, the reports with their photos,
-- followers and history, response templates and Open311 API keys.

-- Units: a department of the office or an outside institution. The triage unit of a
-- gmina receives what routing cannot place (no rule, near an area boundary, outside
-- the gmina).
ALTER TABLE unit
	ADD COLUMN kind ENUM('department', 'external') NOT NULL DEFAULT 'department',
	ADD COLUMN email VARCHAR(254) NULL,
	ADD COLUMN is_triage TINYINT(1) NOT NULL DEFAULT 0,
	ADD COLUMN active TINYINT(1) NOT NULL DEFAULT 1;

-- Coordinators moderate and route the reports of a whole gmina.
ALTER TABLE account_role
	MODIFY role ENUM('platform_admin', 'gmina_admin', 'coordinator', 'operator') NOT NULL;

-- The gmina's boundary, for "outside the gmina" checks (longitude X, latitude Y, WGS 84).
ALTER TABLE tenant
	ADD COLUMN boundary GEOMETRY NULL,
	-- Bumped on every change of the gmina's public reports; part of their ETags.
	ADD COLUMN report_version INT UNSIGNED NOT NULL DEFAULT 1;

-- A category of the gmina's tree; a leaf is what a resident picks (Open311 service).
CREATE TABLE report_category (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	parent_id	INT UNSIGNED NULL,
	code		VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,	-- service_code
	name_pl		VARCHAR(120) NOT NULL,
	name_en		VARCHAR(120) NOT NULL,
	help_pl		VARCHAR(1000) NOT NULL DEFAULT '',
	help_en		VARCHAR(1000) NOT NULL DEFAULT '',
	keywords	VARCHAR(255) NOT NULL DEFAULT '',
	default_unit_id	INT UNSIGNED NULL,
	-- Days from confirmation to the deadline; reports past it are marked overdue.
	deadline_days	SMALLINT UNSIGNED NOT NULL DEFAULT 14,
	-- A non-public category (e.g. reports about people) never appears on public pages
	-- or in Open311; its reports are seen by the author and the office only.
	is_public	TINYINT(1) NOT NULL DEFAULT 1,
	active		TINYINT(1) NOT NULL DEFAULT 1,
	sort_order	SMALLINT NOT NULL DEFAULT 0,
	UNIQUE KEY report_category_code (tenant_id, code),
	KEY report_category_tree (tenant_id, parent_id, sort_order),
	CONSTRAINT report_category_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
	CONSTRAINT report_category_parent_fk FOREIGN KEY (parent_id) REFERENCES report_category (id),
	CONSTRAINT report_category_unit_fk FOREIGN KEY (default_unit_id) REFERENCES unit (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- An extra field of a category (an Open311 attribute).
CREATE TABLE category_field (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	category_id	INT UNSIGNED NOT NULL,
	code		VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	datatype	ENUM('string', 'number', 'datetime', 'text', 'singlevaluelist',
			    'multivaluelist') NOT NULL,
	required	TINYINT(1) NOT NULL DEFAULT 0,
	label_pl	VARCHAR(200) NOT NULL,
	label_en	VARCHAR(200) NOT NULL,
	help_pl		VARCHAR(500) NOT NULL DEFAULT '',
	help_en		VARCHAR(500) NOT NULL DEFAULT '',
	sort_order	SMALLINT NOT NULL DEFAULT 0,
	UNIQUE KEY category_field_code (tenant_id, category_id, code),
	CONSTRAINT category_field_category_fk FOREIGN KEY (category_id)
		REFERENCES report_category (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A value of a list field.
CREATE TABLE category_field_value (
	tenant_id	INT UNSIGNED NOT NULL,
	field_id	INT UNSIGNED NOT NULL,
	value_key	VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	name_pl		VARCHAR(200) NOT NULL,
	name_en		VARCHAR(200) NOT NULL,
	sort_order	SMALLINT NOT NULL DEFAULT 0,
	PRIMARY KEY (tenant_id, field_id, value_key),
	CONSTRAINT category_field_value_field_fk FOREIGN KEY (field_id)
		REFERENCES category_field (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A named polygon of the gmina used by routing rules (a road district, a park).
CREATE TABLE routing_area (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	name		VARCHAR(120) NOT NULL,
	shape		GEOMETRY NOT NULL,	-- POLYGON or MULTIPOLYGON, X = longitude
	UNIQUE KEY routing_area_name (tenant_id, name),
	SPATIAL KEY routing_area_shape (shape),
	CONSTRAINT routing_area_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- Sends reports of a category (NULL: any), inside an area (NULL: anywhere), to a unit.
-- The most specific rule wins: category and area, then area, then category; then the
-- category's default unit; otherwise the triage unit.
CREATE TABLE routing_rule (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	category_id	INT UNSIGNED NULL,
	area_id		INT UNSIGNED NULL,
	unit_id		INT UNSIGNED NOT NULL,
	priority	SMALLINT NOT NULL DEFAULT 0,
	KEY routing_rule_scope (tenant_id, category_id, area_id),
	CONSTRAINT routing_rule_category_fk FOREIGN KEY (category_id)
		REFERENCES report_category (id) ON DELETE CASCADE,
	CONSTRAINT routing_rule_area_fk FOREIGN KEY (area_id)
		REFERENCES routing_area (id) ON DELETE CASCADE,
	CONSTRAINT routing_rule_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- The next public number of a gmina's reports in a year ("2026-000123").
CREATE TABLE report_counter (
	tenant_id	INT UNSIGNED NOT NULL,
	year		SMALLINT UNSIGNED NOT NULL,
	next_number	INT UNSIGNED NOT NULL,
	PRIMARY KEY (tenant_id, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- An Open311 client of a gmina; only the SHA-256 of the key is stored.
CREATE TABLE api_key (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	name		VARCHAR(120) NOT NULL,
	key_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	created_at	DATETIME NOT NULL,
	revoked_at	DATETIME NULL,
	last_used_at	DATETIME NULL,
	UNIQUE KEY api_key_hash (key_hash),
	KEY api_key_tenant (tenant_id),
	CONSTRAINT api_key_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A problem report. Public iff confirmed_at is set, hidden = 0 and its category is
-- public (report_visible in app/lib/report.c is the one rule).
CREATE TABLE report (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	public_number	VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	category_id	INT UNSIGNED NOT NULL,
	status		ENUM('new', 'verified', 'forwarded', 'in_progress', 'done',
			    'rejected', 'out_of_scope', 'duplicate') NOT NULL DEFAULT 'new',
	unit_id		INT UNSIGNED NOT NULL,		-- the unit handling it (triage at first)
	assignee_id	INT UNSIGNED NULL,		-- an operator of that unit
	-- Routed to triage because routing could not decide (see routing_rule).
	needs_triage	TINYINT(1) NOT NULL DEFAULT 0,
	author_id	INT UNSIGNED NULL,		-- NULL: an e-mail-only or Open311 author
	author_email	VARCHAR(254) NULL,		-- contact of an author without account
	author_name	VARCHAR(100) NOT NULL DEFAULT '',
	anonymous	TINYINT(1) NOT NULL DEFAULT 0,	-- author's name hidden from the public
	source		ENUM('web', 'open311') NOT NULL DEFAULT 'web',
	api_key_id	INT UNSIGNED NULL,
	-- Open311 token handed out before the report has a public number to show.
	open311_token	CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
	description	TEXT NOT NULL,			-- at most 4000 characters
	attributes	JSON NULL,			-- values of the category's extra fields
	lat		DECIMAL(9,6) NULL,		-- WGS 84
	lon		DECIMAL(9,6) NULL,
	point_id	INT UNSIGNED NULL,		-- an address point, when picked by address
	address_text	VARCHAR(255) NOT NULL DEFAULT '',
	-- Set when an author without account clicked the e-mail confirmation link;
	-- until then the office does not see the report.
	email_confirmed_at DATETIME NULL,
	confirmed_at	DATETIME NULL,			-- moderation: made public
	hidden		TINYINT(1) NOT NULL DEFAULT 0,
	duplicate_of	BIGINT UNSIGNED NULL,
	deadline_at	DATETIME NULL,
	created_at	DATETIME NOT NULL,
	updated_at	DATETIME NOT NULL,
	closed_at	DATETIME NULL,
	-- Incremented on every change; a form carries it so concurrent edits are refused.
	row_version	INT UNSIGNED NOT NULL DEFAULT 1,
	UNIQUE KEY report_number (tenant_id, public_number),
	UNIQUE KEY report_open311_token (open311_token),
	KEY report_public_list (tenant_id, confirmed_at, id),
	KEY report_status (tenant_id, status, id),
	KEY report_unit (tenant_id, unit_id, status, id),
	KEY report_category_status (tenant_id, category_id, status, id),
	KEY report_position (tenant_id, lat, lon),
	KEY report_author (author_id),
	CONSTRAINT report_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
	CONSTRAINT report_category_fk FOREIGN KEY (category_id) REFERENCES report_category (id),
	CONSTRAINT report_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id),
	CONSTRAINT report_duplicate_fk FOREIGN KEY (duplicate_of) REFERENCES report (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A photo of a report, re-encoded without metadata; the file is stored outside the
-- web root under its token.
CREATE TABLE report_photo (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	report_id	BIGINT UNSIGNED NOT NULL,
	token		CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	width		SMALLINT UNSIGNED NOT NULL,
	height		SMALLINT UNSIGNED NOT NULL,
	bytes		INT UNSIGNED NOT NULL,
	hidden		TINYINT(1) NOT NULL DEFAULT 0,	-- hidden by moderation
	sort_order	TINYINT UNSIGNED NOT NULL DEFAULT 0,
	created_at	DATETIME NOT NULL,
	UNIQUE KEY report_photo_token (token),
	KEY report_photo_report (tenant_id, report_id, sort_order),
	CONSTRAINT report_photo_report_fk FOREIGN KEY (report_id) REFERENCES report (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- Who is notified of a report's public changes: the author and everyone who said
-- "me too". An account, or an e-mail address confirmed by a link.
CREATE TABLE report_follower (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	report_id	BIGINT UNSIGNED NOT NULL,
	account_id	INT UNSIGNED NULL,
	email		VARCHAR(254) NULL,
	email_key	VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NULL,
	is_author	TINYINT(1) NOT NULL DEFAULT 0,
	confirmed_at	DATETIME NULL,			-- e-mail followers confirm by link
	unsubscribe_token CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	created_at	DATETIME NOT NULL,
	UNIQUE KEY report_follower_account (report_id, account_id),
	UNIQUE KEY report_follower_email (report_id, email_key),
	UNIQUE KEY report_follower_unsubscribe (unsubscribe_token),
	KEY report_follower_of_account (account_id),
	CONSTRAINT report_follower_report_fk FOREIGN KEY (report_id) REFERENCES report (id)
		ON DELETE CASCADE,
	CONSTRAINT report_follower_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- The history of a report, ordered by id. It is also the audit of every change:
-- internal events (notes, assignments) have is_public = 0 and residents never see them.
CREATE TABLE report_event (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	report_id	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	actor_id	INT UNSIGNED NULL,		-- the account, NULL for system and API
	actor_kind	ENUM('resident', 'operator', 'system', 'api') NOT NULL,
	kind		ENUM('created', 'email_confirmed', 'status', 'edited', 'assigned',
			    'transferred', 'note', 'update', 'merged', 'hidden', 'unhidden',
			    'photo_hidden', 'followed') NOT NULL,
	from_status	VARCHAR(16) CHARACTER SET ascii NULL,
	to_status	VARCHAR(16) CHARACTER SET ascii NULL,
	from_unit_id	INT UNSIGNED NULL,
	to_unit_id	INT UNSIGNED NULL,
	is_public	TINYINT(1) NOT NULL,
	body		TEXT NOT NULL,			-- public text, internal note or reason
	-- For 'edited': the fields as they were before the edit (the original is kept).
	previous	JSON NULL,
	KEY report_event_report (tenant_id, report_id, id),
	CONSTRAINT report_event_report_fk FOREIGN KEY (report_id) REFERENCES report (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- Ready answers an operator inserts into a public update.
CREATE TABLE response_template (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	unit_id		INT UNSIGNED NULL,		-- NULL: every unit of the gmina
	title		VARCHAR(120) NOT NULL,
	body		TEXT NOT NULL,
	sort_order	SMALLINT NOT NULL DEFAULT 0,
	KEY response_template_unit (tenant_id, unit_id, sort_order),
	CONSTRAINT response_template_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
	CONSTRAINT response_template_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;
