-- One subscription per account and address point. Earlier versions allowed the
-- same point to be followed twice, which sent every reminder twice. Of each set
-- of duplicates the oldest subscription stays; the reminders still waiting for
-- the others are cancelled before those are deleted.
UPDATE outbox o
	JOIN subscription s
		ON s.id = JSON_VALUE(o.payload, '$.subscription_id')
	JOIN subscription k
		ON k.account_id = s.account_id AND k.point_id = s.point_id AND k.id < s.id
	SET o.status = 'cancelled'
	WHERE o.kind = 'reminder' AND o.status = 'pending';

DELETE s FROM subscription s
	JOIN subscription k
		ON k.account_id = s.account_id AND k.point_id = s.point_id AND k.id < s.id;

ALTER TABLE subscription
	ADD UNIQUE KEY subscription_account_point (account_id, point_id);
