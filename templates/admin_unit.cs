<?cs set:P.Title = P.Unit.0.name ?><?cs include:"header.cs" ?>
<?cs include:"admin_nav.cs" ?>
<h1><?cs var:P.Unit.0.name ?></h1>
<?cs if:P.Unit.0.triage == 1 ?><p class="notice"><?cs var:L.Page.Admin.Unit.TriageNote ?></p><?cs /if ?>
<form method="post" action="<?cs var:P.Admin.Base ?>/jednostki/<?cs var:P.Unit.0.id ?>" class="admin-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs include:"admin_unit_fields.cs" ?>
  <p><label><input type="checkbox" name="active" value="1"<?cs if:P.Form.active == 1 ?> checked<?cs /if ?>> <?cs var:L.Page.Admin.Unit.ActiveLabel ?></label></p>
  <p><button type="submit"><?cs var:L.Page.Admin.Save ?></button> <a href="<?cs var:P.Admin.Base ?>/jednostki"><?cs var:L.Page.Admin.Back ?></a></p>
</form>
<?cs include:"footer.cs" ?>
