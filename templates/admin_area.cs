<?cs set:P.Title = P.Area.0.Name ?><?cs if:P.Map.TileUrl ?><?cs set:P.Head.Leaflet = 1 ?><?cs set:P.Head.Script = "admin_area_map.js" ?><?cs /if ?><?cs include:"header.cs" ?>
<?cs include:"admin_nav.cs" ?>
<h1><?cs var:P.Area.0.Name ?></h1>
<form method="post" action="<?cs var:P.Admin.Base ?>/obszary/<?cs var:P.Area.0.Id ?>" class="admin-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs include:"admin_area_fields.cs" ?>
  <p><button type="submit"><?cs var:L.Page.Admin.Save ?></button> <a href="<?cs var:P.Admin.Base ?>/obszary"><?cs var:L.Page.Admin.Back ?></a></p>
</form>
<?cs include:"footer.cs" ?>
