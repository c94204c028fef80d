<?cs set:P.Title = L.Page.Admin.Sections.rules.Name ?><?cs include:"header.cs" ?>
<?cs include:"admin_nav.cs" ?>
<h1><?cs var:L.Page.Admin.Sections.rules.Name ?></h1>
<p><?cs var:L.Page.Admin.Rule.Intro ?></p>
<table class="admin-list">
  <thead><tr><th><?cs var:L.Page.Admin.Rule.Category ?></th><th><?cs var:L.Page.Admin.Rule.Area ?></th><th><?cs var:L.Page.Admin.Rule.Unit ?></th><th><?cs var:L.Page.Admin.Rule.Priority ?></th><th></th></tr></thead>
  <tbody>
  <?cs each:x = P.Rules ?>
  <tr><td><?cs if:x.Code ?><?cs var:x.Category ?> (<code><?cs var:x.Code ?></code>)<?cs else ?><?cs var:L.Page.Admin.Rule.AnyCategory ?><?cs /if ?></td>
    <td><?cs if:x.Area ?><?cs var:x.Area ?><?cs else ?><?cs var:L.Page.Admin.Rule.AnyArea ?><?cs /if ?></td>
    <td><?cs var:x.Unit ?><?cs if:x.UnitActive == 0 ?> (<?cs var:L.Page.Admin.Inactive ?>)<?cs /if ?></td><td><?cs var:x.Priority ?></td>
    <td><form method="post" action="<?cs var:P.Admin.Base ?>/reguly/<?cs var:x.Id ?>/usun" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>"><button type="submit" class="secondary"><?cs var:L.Page.Admin.Rule.Delete ?></button></form></td></tr>
  <?cs /each ?>
  </tbody>
</table>
<h2><?cs var:L.Page.Admin.Rule.Add ?></h2>
<form method="post" action="<?cs var:P.Admin.Base ?>/reguly" class="admin-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <p><label for="category"><?cs var:L.Page.Admin.Rule.Category ?></label>
    <select id="category" name="category"><option value=""><?cs var:L.Page.Admin.Rule.AnyCategory ?></option>
      <?cs each:c = P.Categories ?><option value="<?cs var:c.Id ?>"<?cs if:P.Form.category == c.Id ?> selected<?cs /if ?>><?cs var:c.Name ?> (<?cs var:c.Code ?>)</option><?cs /each ?>
    </select></p>
  <p><label for="area"><?cs var:L.Page.Admin.Rule.Area ?></label>
    <select id="area" name="area"><option value=""><?cs var:L.Page.Admin.Rule.AnyArea ?></option>
      <?cs each:a = P.Areas ?><option value="<?cs var:a.Id ?>"<?cs if:P.Form.area == a.Id ?> selected<?cs /if ?>><?cs var:a.Name ?></option><?cs /each ?>
    </select></p>
  <p><label for="unit"><?cs var:L.Page.Admin.Rule.Unit ?></label>
    <select id="unit" name="unit" required><option value=""><?cs var:L.Page.Admin.Rule.PickUnit ?></option>
      <?cs each:u = P.Units ?><option value="<?cs var:u.Id ?>"<?cs if:P.Form.unit == u.Id ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?>
    </select></p>
  <p><label for="priority"><?cs var:L.Page.Admin.Rule.Priority ?></label>
    <input id="priority" name="priority" type="number" min="-1000" max="1000" value="<?cs if:P.Form.priority ?><?cs var:P.Form.priority ?><?cs else ?>0<?cs /if ?>"></p>
  <p><button type="submit"><?cs var:L.Page.Admin.Rule.Add ?></button></p>
</form>
<?cs include:"footer.cs" ?>
