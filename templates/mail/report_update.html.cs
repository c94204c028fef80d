<?cs include:"head.html.cs" ?>
<p><?cs var:M.Intro ?></p>
<p><?cs var:L.Mail.Report.Number ?> <strong><?cs var:M.Number ?></strong> (<?cs var:M.Category ?>)<br>
<?cs var:L.Mail.Report.Status ?> <strong><?cs var:M.Status ?></strong><?cs if:M.Original ?><br>
<?cs var:L.Mail.Report.Original ?> <a href="<?cs var:M.OriginalUrl ?>" style="color: #1a4f8b;"><?cs var:M.Original ?></a><?cs /if ?></p>
<blockquote style="margin: 0 0 1em; padding-left: 12px; border-left: 3px solid #cccccc; white-space: pre-line;"><?cs var:M.Description ?></blockquote>
<?cs if:M.Body ?><p style="white-space: pre-line;"><?cs var:M.Body ?></p><?cs /if ?>
<p><a href="<?cs var:M.Url ?>" style="display: inline-block; padding: 10px 16px; background: #1a4f8b; color: #ffffff; text-decoration: none; border-radius: 4px;"><?cs var:L.Mail.Report.Button ?></a></p>
<p style="font-size: 13px; color: #555555;"><?cs var:L.Mail.Report.Unsubscribe ?> <a href="<?cs var:M.UnsubscribeUrl ?>" style="color: #1a4f8b;"><?cs var:L.Mail.Report.UnsubscribeButton ?></a></p>
<?cs include:"foot.html.cs" ?>
