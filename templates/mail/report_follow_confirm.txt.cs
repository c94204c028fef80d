<?cs var:L.Mail.Report.FollowConfirm.Intro ?>

<?cs var:M.Url ?>

<?cs var:L.Mail.Ignore ?>

-- 
<?cs var:L.Mail.Signature ?>
<?cs var:Site.BaseUrl ?>
