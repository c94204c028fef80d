<?cs set:P.Title = L.Page.Admin.Sections.units.Name ?><?cs include:"header.cs" ?>
<?cs include:"admin_nav.cs" ?>
<h1><?cs var:L.Page.Admin.Sections.units.Name ?></h1>
<table class="admin-list">
  <thead><tr><th><?cs var:L.Page.Admin.Unit.Name ?></th><th><?cs var:L.Page.Admin.Unit.Kind ?></th><th><?cs var:L.Page.Admin.Unit.Email ?></th><th><?cs var:L.Page.Admin.Unit.Operators ?></th><th><?cs var:L.Page.Admin.Unit.State ?></th></tr></thead>
  <tbody>
  <?cs each:u = P.Units ?>
  <tr><td><a href="<?cs var:P.Admin.Base ?>/jednostki/<?cs var:u.Id ?>"><?cs var:u.Name ?></a><?cs if:u.Triage == 1 ?> <span class="badge"><?cs var:L.Page.Admin.Unit.Triage ?></span><?cs /if ?></td>
    <td><?cs var:L.Page.Admin.Unit.Kinds[u.Kind] ?></td><td><?cs var:u.Email ?></td><td><?cs var:u.Operators ?></td>
    <td><?cs if:u.Active == 1 ?><?cs var:L.Page.Admin.Active ?><?cs else ?><?cs var:L.Page.Admin.Inactive ?><?cs /if ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
<h2><?cs var:L.Page.Admin.Unit.Add ?></h2>
<form method="post" action="<?cs var:P.Admin.Base ?>/jednostki" class="admin-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs include:"admin_unit_fields.cs" ?>
  <p><button type="submit"><?cs var:L.Page.Admin.Unit.Add ?></button></p>
</form>
<?cs include:"footer.cs" ?>
