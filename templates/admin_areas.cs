<?cs set:P.Title = L.Page.Admin.Sections.areas.Name ?><?cs if:P.Map.TileUrl ?><?cs set:P.Head.Leaflet = 1 ?><?cs set:P.Head.Script = "admin_area_map.js" ?><?cs /if ?><?cs include:"header.cs" ?>
<?cs include:"admin_nav.cs" ?>
<h1><?cs var:L.Page.Admin.Sections.areas.Name ?></h1>
<p><?cs var:L.Page.Admin.Area.Intro ?></p>
<table class="admin-list">
  <thead><tr><th><?cs var:L.Page.Admin.Area.Name ?></th><th><?cs var:L.Page.Admin.Area.Rules ?></th><th></th></tr></thead>
  <tbody>
  <?cs each:a = P.Areas ?>
  <tr><td><a href="<?cs var:P.Admin.Base ?>/obszary/<?cs var:a.Id ?>"><?cs var:a.Name ?></a></td><td><?cs var:a.Rules ?></td>
    <td><form method="post" action="<?cs var:P.Admin.Base ?>/obszary/<?cs var:a.Id ?>/usun" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>"><button type="submit" class="secondary"><?cs var:L.Page.Admin.Area.Delete ?></button></form></td></tr>
  <?cs /each ?>
  </tbody>
</table>
<h2><?cs var:L.Page.Admin.Area.Add ?></h2>
<form method="post" action="<?cs var:P.Admin.Base ?>/obszary" class="admin-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs include:"admin_area_fields.cs" ?>
  <p><button type="submit"><?cs var:L.Page.Admin.Area.Add ?></button></p>
</form>
<?cs include:"footer.cs" ?>
