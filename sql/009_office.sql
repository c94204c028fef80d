-- Back office of problem reports: showing a hidden photo again is audited like hiding
-- it, and work lists filter by assignee.
ALTER TABLE report_event
	MODIFY kind ENUM('created', 'email_confirmed', 'status', 'edited', 'assigned',
	    'transferred', 'note', 'update', 'merged', 'hidden', 'unhidden',
	    'photo_hidden', 'photo_unhidden', 'followed') NOT NULL;

ALTER TABLE report
	ADD KEY report_assignee (tenant_id, assignee_id, status, id);
