<?cs include:"head.html.cs" ?>
<h1 style="font-size: 20px;"><?cs var:L.Mail.Reminder.Heading ?> – <?cs if:M.DayWord ?><?cs var:M.DayWord ?>, <?cs /if ?><?cs var:M.When ?></h1>
<p><strong><?cs var:M.Name ?></strong><br>
<?cs var:L.Mail.Reminder.Address ?> <?cs var:M.Address ?> (<?cs var:L.Mail.Reminder.Gmina ?> <?cs var:M.Gmina ?>)</p>
<p><?cs var:L.Mail.Reminder.PutOut ?></p>
<ul style="list-style: none; padding: 0;">
<?cs each:pickup = M.Pickups ?><li style="margin: 4px 0;"><span style="display: inline-block; width: 14px; height: 14px; margin-right: 8px; vertical-align: middle; border: 1px solid #555555; background: <?cs var:pickup.Color ?>;"></span><?cs var:pickup.Name ?></li>
<?cs /each ?></ul>
<p><a href="<?cs var:M.ScheduleUrl ?>" style="color: #1a4f8b;"><?cs var:L.Mail.Reminder.ScheduleLink ?></a></p>
<p style="font-size: 13px; color: #555555;"><a href="<?cs var:M.UnsubscribeUrl ?>" style="color: #555555;"><?cs var:L.Mail.Reminder.UnsubscribeLink ?></a></p>
<?cs include:"foot.html.cs" ?>
