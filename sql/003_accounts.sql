-- Resident accounts, sessions, roles, consents and rate limits. Accounts are global:
-- one account follows addresses in many gminy. Operators and admins are the same
-- accounts with roles per gmina and per unit.

CREATE TABLE account (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	email		VARCHAR(254) NOT NULL,
	-- Lower-cased e-mail for lookups; the address keeps the case the resident typed.
	email_key	VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	-- "scrypt$N$r$p$salt$hash" (base64url); parameters stored with the hash.
	password_hash	VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	display_name	VARCHAR(100) NOT NULL DEFAULT '',
	phone		VARCHAR(16) CHARACTER SET ascii NULL,	-- E.164, "+48600100200"
	lang		CHAR(2) CHARACTER SET ascii NOT NULL DEFAULT 'pl',
	confirmed_at	DATETIME NULL,
	created_at	DATETIME NOT NULL,
	UNIQUE KEY account_email (email_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A login session: only the SHA-256 of the 128-bit cookie token is stored.
CREATE TABLE session (
	token_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
	account_id	INT UNSIGNED NOT NULL,
	-- Random per session; forms carry HMAC(secret, csrf_seed) as their CSRF token.
	csrf_seed	CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	created_at	DATETIME NOT NULL,
	last_seen_at	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	KEY session_account (account_id),
	KEY session_expires (expires_at),
	CONSTRAINT session_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- One-time tokens sent by e-mail: confirm an account, reset a password, confirm a
-- new e-mail address. Only the SHA-256 of the token is stored.
CREATE TABLE account_token (
	token_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
	account_id	INT UNSIGNED NOT NULL,
	purpose		ENUM('confirm', 'reset', 'email_change') NOT NULL,
	new_email	VARCHAR(254) NULL,
	created_at	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	used_at		DATETIME NULL,
	KEY account_token_account (account_id, purpose),
	CONSTRAINT account_token_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A unit of a gmina's office (a department) or an outside institution.
CREATE TABLE unit (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant_id	INT UNSIGNED NOT NULL,
	name		VARCHAR(200) NOT NULL,
	UNIQUE KEY unit_name (tenant_id, name),
	CONSTRAINT unit_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- Roles: platform_admin (tenant_id NULL), gmina_admin (a gmina), operator (a unit).
CREATE TABLE account_role (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id	INT UNSIGNED NOT NULL,
	role		ENUM('platform_admin', 'gmina_admin', 'operator') NOT NULL,
	tenant_id	INT UNSIGNED NULL,
	unit_id		INT UNSIGNED NULL,
	created_at	DATETIME NOT NULL,
	UNIQUE KEY account_role_scope (account_id, role, tenant_id, unit_id),
	KEY account_role_tenant (tenant_id, role),
	CONSTRAINT account_role_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
		ON DELETE CASCADE,
	CONSTRAINT account_role_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
	CONSTRAINT account_role_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- Consent to a channel, with its time; withdrawing sets withdrawn_at.
CREATE TABLE consent (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id	INT UNSIGNED NOT NULL,
	channel		ENUM('email', 'sms') NOT NULL,
	given_at	DATETIME NOT NULL,
	withdrawn_at	DATETIME NULL,
	KEY consent_account (account_id, channel),
	CONSTRAINT consent_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- Attempts counted per key (a hashed client address or e-mail) and time window.
CREATE TABLE rate_limit (
	bucket		CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	window_start	DATETIME NOT NULL,
	hits		INT UNSIGNED NOT NULL,
	PRIMARY KEY (bucket, window_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- Audit records of account events without personal data (ids and event names only).
CREATE TABLE audit_log (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	created_at	DATETIME NOT NULL,
	account_id	INT UNSIGNED NULL,
	event		VARCHAR(64) CHARACTER SET ascii NOT NULL,
	detail		VARCHAR(255) NOT NULL DEFAULT '',
	KEY audit_log_account (account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;
