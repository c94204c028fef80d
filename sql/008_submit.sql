-- One-time links that confirm a problem report, or a "me too" follow, made by
-- someone without an account. Only the SHA-256 of the token is stored.
CREATE TABLE report_confirm (
	token_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	report_id	BIGINT UNSIGNED NOT NULL,
	-- 'report': the author's new report; 'follow': an e-mail follower of a report.
	purpose		ENUM('report', 'follow') NOT NULL,
	follower_id	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	used_at		DATETIME NULL,
	KEY report_confirm_report (tenant_id, report_id),
	CONSTRAINT report_confirm_report_fk FOREIGN KEY (report_id) REFERENCES report (id)
		ON DELETE CASCADE,
	CONSTRAINT report_confirm_follower_fk FOREIGN KEY (follower_id)
		REFERENCES report_follower (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;
