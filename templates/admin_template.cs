<?cs set:P.Title = P.Template.0.Title ?><?cs include:"header.cs" ?>
<?cs include:"admin_nav.cs" ?>
<h1><?cs var:P.Template.0.Title ?></h1>
<form method="post" action="<?cs var:P.Admin.Base ?>/szablony/<?cs var:P.Template.0.Id ?>" class="admin-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs include:"admin_template_fields.cs" ?>
  <p><button type="submit"><?cs var:L.Page.Admin.Save ?></button> <a href="<?cs var:P.Admin.Base ?>/szablony"><?cs var:L.Page.Admin.Back ?></a></p>
</form>
<?cs include:"footer.cs" ?>
