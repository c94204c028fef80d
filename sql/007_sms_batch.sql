-- The outbox rows of each bulk SMS request (one text for many numbers). Its
-- notify_url is signed for the batch id, and a delivery report changes a row
-- only when the row belongs to the batch of the signed URL. A row that was sent
-- again in another request belongs to both batches, so reports of either reach it.
CREATE TABLE sms_batch_member (
	batch_id	CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	outbox_id	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	PRIMARY KEY (batch_id, outbox_id),
	KEY sms_batch_member_outbox (outbox_id),
	CONSTRAINT sms_batch_member_outbox_fk FOREIGN KEY (outbox_id) REFERENCES outbox (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;
