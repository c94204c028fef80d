<?cs var:L.Mail.Reminder.Heading ?> – <?cs if:M.DayWord ?><?cs var:M.DayWord ?>, <?cs /if ?><?cs var:M.When ?>

<?cs var:M.Name ?>
<?cs var:L.Mail.Reminder.Address ?> <?cs var:M.Address ?> (<?cs var:L.Mail.Reminder.Gmina ?> <?cs var:M.Gmina ?>)

<?cs var:L.Mail.Reminder.PutOut ?>
<?cs each:pickup = M.Pickups ?>- <?cs var:pickup.Name ?>
<?cs /each ?>
<?cs var:L.Mail.Reminder.Schedule ?>
<?cs var:M.ScheduleUrl ?>

<?cs var:L.Mail.Reminder.Unsubscribe ?>
<?cs var:M.UnsubscribeUrl ?>

-- 
<?cs var:L.Mail.Signature ?>
<?cs var:Site.BaseUrl ?>
