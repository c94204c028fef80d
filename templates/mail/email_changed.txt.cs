<?cs var:L.Mail.EmailChanged.Intro ?>

<?cs var:L.Mail.EmailChanged.IfYou ?>

<?cs var:L.Mail.EmailChanged.NotYou ?>

<?cs var:M.Url ?>

<?cs var:L.Mail.EmailChanged.Locked ?>

-- 
<?cs var:L.Mail.Signature ?>
<?cs var:Site.BaseUrl ?>
