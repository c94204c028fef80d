<?cs set:P.Title = L.Page.Admin.Sections.templates.Name ?><?cs include:"header.cs" ?>
<?cs include:"admin_nav.cs" ?>
<h1><?cs var:L.Page.Admin.Sections.templates.Name ?></h1>
<?cs each:t = P.Templates ?>
<section class="admin-template">
  <h2><a href="<?cs var:P.Admin.Base ?>/szablony/<?cs var:t.Id ?>"><?cs var:t.Title ?></a></h2>
  <p class="meta"><?cs if:t.Unit ?><?cs var:t.Unit ?><?cs else ?><?cs var:L.Page.Admin.Template.AllUnits ?><?cs /if ?></p>
  <p class="template-body"><?cs var:t.Body ?></p>
  <form method="post" action="<?cs var:P.Admin.Base ?>/szablony/<?cs var:t.Id ?>/usun" class="inline">
    <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>"><button type="submit" class="secondary"><?cs var:L.Page.Admin.Template.Delete ?></button></form>
</section>
<?cs /each ?>
<h2><?cs var:L.Page.Admin.Template.Add ?></h2>
<form method="post" action="<?cs var:P.Admin.Base ?>/szablony" class="admin-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs include:"admin_template_fields.cs" ?>
  <p><button type="submit"><?cs var:L.Page.Admin.Template.Add ?></button></p>
</form>
<?cs include:"footer.cs" ?>
