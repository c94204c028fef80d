-- What an Open311 client sends with a new report beyond the report itself. The
-- media_url is kept as text and never fetched. Phone and the client's ids are
-- personal data, shown to the office only.
CREATE TABLE report_open311 (
	report_id	BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	api_key_id	INT UNSIGNED NOT NULL,
	device_id	VARCHAR(100) NOT NULL DEFAULT '',
	account_id	VARCHAR(100) NOT NULL DEFAULT '',
	first_name	VARCHAR(50) NOT NULL DEFAULT '',
	last_name	VARCHAR(50) NOT NULL DEFAULT '',
	phone		VARCHAR(32) NOT NULL DEFAULT '',
	media_url	VARCHAR(1000) NOT NULL DEFAULT '',
	KEY report_open311_tenant (tenant_id),
	CONSTRAINT report_open311_report_fk FOREIGN KEY (report_id) REFERENCES report (id)
		ON DELETE CASCADE,
	CONSTRAINT report_open311_key_fk FOREIGN KEY (api_key_id) REFERENCES api_key (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;
