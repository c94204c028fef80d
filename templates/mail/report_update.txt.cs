<?cs var:M.Intro ?>

<?cs var:L.Mail.Report.Number ?> <?cs var:M.Number ?> (<?cs var:M.Category ?>)
<?cs var:M.Description ?>
<?cs var:L.Mail.Report.Status ?> <?cs var:M.Status ?>
<?cs if:M.Original ?><?cs var:L.Mail.Report.Original ?> <?cs var:M.Original ?>: <?cs var:M.OriginalUrl ?>
<?cs /if ?><?cs if:M.Body ?>
<?cs var:M.Body ?>
<?cs /if ?>
<?cs var:L.Mail.Report.Link ?>
<?cs var:M.Url ?>

<?cs var:L.Mail.Report.Unsubscribe ?>
<?cs var:M.UnsubscribeUrl ?>

-- 
<?cs var:L.Mail.Signature ?>
<?cs var:Site.BaseUrl ?>
