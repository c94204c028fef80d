-- Address subscriptions of residents, and the outbox that ratusz-dispatch drains.

-- A resident follows an address point, with a name, channels, a reminder time and
-- the fractions to be reminded of.
CREATE TABLE subscription (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id	INT UNSIGNED NOT NULL,
	tenant_id	INT UNSIGNED NOT NULL,
	point_id	INT UNSIGNED NOT NULL,
	name		VARCHAR(100) NOT NULL,		-- "Mama, Masłowo"
	by_email	TINYINT(1) NOT NULL DEFAULT 1,
	by_sms		TINYINT(1) NOT NULL DEFAULT 0,
	-- 'evening': the day before at remind_hour; 'morning': the same day at remind_hour.
	remind_when	ENUM('evening', 'morning') NOT NULL DEFAULT 'evening',
	remind_hour	TINYINT UNSIGNED NOT NULL DEFAULT 18,
	-- Comma-separated fraction codes; empty means every fraction.
	fractions	VARCHAR(500) CHARACTER SET ascii NOT NULL DEFAULT '',
	-- Token of the one-click unsubscribe link (RFC 8058) of this subscription's mail.
	unsubscribe_token CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	created_at	DATETIME NOT NULL,
	UNIQUE KEY subscription_unsubscribe (unsubscribe_token),
	KEY subscription_account (account_id),
	KEY subscription_point (tenant_id, point_id),
	CONSTRAINT subscription_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
		ON DELETE CASCADE,
	CONSTRAINT subscription_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
	CONSTRAINT subscription_point_fk FOREIGN KEY (point_id) REFERENCES address_point (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- One message to send: one row per (event, recipient, channel), written in the same
-- transaction as its cause. The recipient's address and consent are looked up when
-- the message is sent, so kind + payload say what to send, not where.
CREATE TABLE outbox (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	-- Unique per event, recipient and channel: "reminder:<subscription>:<date>:email".
	idempotency_key	VARCHAR(191) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	channel		ENUM('email', 'sms', 'push', 'facebook') NOT NULL,
	kind		VARCHAR(32) CHARACTER SET ascii NOT NULL,	-- "reminder", "account_confirm", ...
	account_id	INT UNSIGNED NULL,
	tenant_id	INT UNSIGNED NULL,
	payload		JSON NOT NULL,
	status		ENUM('pending', 'leased', 'sent', 'failed', 'cancelled') NOT NULL DEFAULT 'pending',
	attempts	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	due_at		DATETIME NOT NULL,
	leased_until	DATETIME NULL,
	lease_owner	VARCHAR(64) CHARACTER SET ascii NULL,
	provider_id	VARCHAR(128) NULL,		-- the provider's message id
	delivery_status	VARCHAR(32) CHARACTER SET ascii NULL,	-- from delivery callbacks
	last_error	VARCHAR(500) NULL,
	created_at	DATETIME NOT NULL,
	sent_at		DATETIME NULL,
	UNIQUE KEY outbox_idempotency (idempotency_key),
	KEY outbox_queue (status, due_at, id),
	KEY outbox_account (account_id),
	KEY outbox_provider (provider_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_polish_ci;

-- A gmina's SMS settings: sender name registered with the gateway, transliteration of
-- Polish letters (so a text fits GSM-7's 160 characters instead of UCS-2's 70), and a
-- cap on the parts of one text.
ALTER TABLE tenant
	ADD COLUMN sms_sender VARCHAR(11) CHARACTER SET ascii NOT NULL DEFAULT '',
	ADD COLUMN sms_transliterate TINYINT(1) NOT NULL DEFAULT 1,
	ADD COLUMN sms_max_parts TINYINT UNSIGNED NOT NULL DEFAULT 2;
