<?cs set:P.Title = L.Page.Admin.Title ?><?cs include:"header.cs" ?>
<?cs include:"admin_nav.cs" ?>
<h1><?cs var:L.Page.Admin.Title ?>: <?cs var:P.Gmina.Name ?> (<?cs var:P.Gmina.Terc ?>)</h1>
<p><?cs var:L.Page.Admin.Intro ?></p>
<ul class="admin-summary">
  <li><a href="<?cs var:P.Admin.Base ?>/jednostki"><?cs var:L.Page.Admin.Sections.units.Name ?></a>: <?cs var:P.Counts.0.Units ?></li>
  <li><a href="<?cs var:P.Admin.Base ?>/role"><?cs var:L.Page.Admin.Sections.roles.Name ?></a>: <?cs var:P.Counts.0.Roles ?></li>
  <li><a href="<?cs var:P.Admin.Base ?>/kategorie"><?cs var:L.Page.Admin.Sections.categories.Name ?></a>: <?cs var:P.Counts.0.Categories ?></li>
  <li><a href="<?cs var:P.Admin.Base ?>/obszary"><?cs var:L.Page.Admin.Sections.areas.Name ?></a>: <?cs var:P.Counts.0.Areas ?></li>
  <li><a href="<?cs var:P.Admin.Base ?>/reguly"><?cs var:L.Page.Admin.Sections.rules.Name ?></a>: <?cs var:P.Counts.0.Rules ?></li>
  <li><a href="<?cs var:P.Admin.Base ?>/szablony"><?cs var:L.Page.Admin.Sections.templates.Name ?></a>: <?cs var:P.Counts.0.Templates ?></li>
</ul>
<?cs include:"footer.cs" ?>
