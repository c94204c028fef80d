<?cs set:P.Title = L.Page.Admin.Sections.categories.Name ?><?cs include:"header.cs" ?>
<?cs include:"admin_nav.cs" ?>
<h1><?cs var:L.Page.Admin.Sections.categories.Name ?></h1>
<table class="admin-list">
  <thead><tr><th><?cs var:L.Page.Admin.Category.Name ?></th><th><?cs var:L.Page.Admin.Category.Code ?></th><th><?cs var:L.Page.Admin.Category.DefaultUnit ?></th><th><?cs var:L.Page.Admin.Category.Deadline ?></th><th><?cs var:L.Page.Admin.Category.FieldsCount ?></th><th><?cs var:L.Page.Admin.Unit.State ?></th></tr></thead>
  <tbody>
  <?cs each:c = P.Tree ?>
  <tr><td class="depth-<?cs var:c.Depth ?>"><?cs loop:i = 1, c.Depth ?>– <?cs /loop ?><a href="<?cs var:P.Admin.Base ?>/kategorie/<?cs var:c.Id ?>"><?cs var:c.NamePl ?></a> <span lang="en">/ <?cs var:c.NameEn ?></span></td>
    <td><code><?cs var:c.Code ?></code></td><td><?cs var:c.Unit ?></td><td><?cs var:c.Deadline ?></td><td><?cs var:c.Fields ?></td>
    <td><?cs if:c.Active == 1 ?><?cs var:L.Page.Admin.Active ?><?cs else ?><?cs var:L.Page.Admin.Inactive ?><?cs /if ?><?cs if:c.Public == 0 ?>, <?cs var:L.Page.Admin.Category.NotPublic ?><?cs /if ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
<h2><?cs var:L.Page.Admin.Category.Add ?></h2>
<form method="post" action="<?cs var:P.Admin.Base ?>/kategorie" class="admin-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs include:"admin_category_fields.cs" ?>
  <p><button type="submit"><?cs var:L.Page.Admin.Category.Add ?></button></p>
</form>
<?cs include:"footer.cs" ?>
