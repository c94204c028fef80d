-- The one-time nonce of the resident form that created a report. A form sent
-- again (a double click, a reload after the POST) finds its report by this
-- nonce instead of creating a second one.
ALTER TABLE report
	ADD COLUMN form_nonce CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
	ADD UNIQUE KEY report_form_nonce (tenant_id, form_nonce);
