<?cs var:L.Mail.AccountExists.Intro ?>

<?cs var:M.Url ?>

<?cs var:L.Mail.AccountExists.NotYou ?>

-- 
<?cs var:L.Mail.Signature ?>
<?cs var:Site.BaseUrl ?>
