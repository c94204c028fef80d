<?cs include:"head.html.cs" ?>
<p><?cs var:L.Mail.Report.Confirm.Intro ?></p>
<p><a href="<?cs var:M.Url ?>" style="display: inline-block; padding: 10px 16px; background: #1a4f8b; color: #ffffff; text-decoration: none; border-radius: 4px;"><?cs var:L.Mail.Report.Confirm.Button ?></a></p>
<p style="word-break: break-all; color: #555555;"><?cs var:M.Url ?></p>
<p><?cs var:L.Mail.Ignore ?></p>
<?cs include:"foot.html.cs" ?>
