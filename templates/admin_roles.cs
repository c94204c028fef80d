<?cs set:P.Title = L.Page.Admin.Sections.roles.Name ?><?cs include:"header.cs" ?>
<?cs include:"admin_nav.cs" ?>
<h1><?cs var:L.Page.Admin.Sections.roles.Name ?></h1>
<table class="admin-list">
  <thead><tr><th><?cs var:L.Page.Admin.Role.Person ?></th><th><?cs var:L.Page.Admin.Role.Role ?></th><th><?cs var:L.Page.Admin.Role.Unit ?></th><th></th></tr></thead>
  <tbody>
  <?cs each:x = P.Roles ?>
  <tr><td><?cs var:x.Email ?><?cs if:x.Name ?> (<?cs var:x.Name ?>)<?cs /if ?></td><td><?cs var:L.Page.Admin.Role.Kinds[x.Role] ?></td><td><?cs var:x.Unit ?></td>
    <td><?cs if:x.AccountId != P.Me || x.Role != "gmina_admin" ?><form method="post" action="<?cs var:P.Admin.Base ?>/role/<?cs var:x.Id ?>/usun" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>"><button type="submit" class="secondary"><?cs var:L.Page.Admin.Role.Revoke ?></button></form><?cs /if ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
<h2><?cs var:L.Page.Admin.Role.Grant ?></h2>
<p class="hint"><?cs var:L.Page.Admin.Role.GrantHint ?></p>
<form method="post" action="<?cs var:P.Admin.Base ?>/role" class="admin-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <p><label for="email"><?cs var:L.Page.Admin.Role.Email ?></label>
    <input id="email" name="email" type="email" maxlength="254" required value="<?cs var:P.Form.email ?>"></p>
  <p><label for="role"><?cs var:L.Page.Admin.Role.Role ?></label>
    <select id="role" name="role">
      <?cs each:k = L.Page.Admin.Role.Kinds ?><option value="<?cs name:k ?>"<?cs if:P.Form.role == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?>
    </select></p>
  <p><label for="unit"><?cs var:L.Page.Admin.Role.UnitForOperator ?></label>
    <select id="unit" name="unit"><option value=""><?cs var:L.Page.Admin.None ?></option>
      <?cs each:u = P.Units ?><option value="<?cs var:u.Id ?>"<?cs if:P.Form.unit == u.Id ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?>
    </select></p>
  <p><button type="submit"><?cs var:L.Page.Admin.Role.Grant ?></button></p>
</form>
<?cs include:"footer.cs" ?>
