-- The password chosen at the registration that issued a confirmation link. An
-- unconfirmed address can be registered again by anyone; confirming with a link
-- sets the password of the registration that link came from, so whoever reads
-- the mailbox decides the password and an earlier registrant's one is dropped.
ALTER TABLE account_token
	ADD COLUMN password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL
	AFTER new_email;
