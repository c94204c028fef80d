<?cs set:P.Title = P.Locality.Name ?><?cs include:"header.cs" ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <a href="/gmina/<?cs var:P.Gmina.Terc ?>"><?cs var:P.Gmina.Name ?></a> › <?cs var:P.Locality.Name ?></nav>
<h1><?cs var:P.Locality.Name ?></h1>
<p><?cs var:L.Page.Locality.Choose ?></p>
<ul class="results">
  <?cs each:a = P.Points ?>
  <li><a href="/gmina/<?cs var:P.Gmina.Terc ?>/adres/<?cs var:a.Id ?>"><?cs var:a.Label ?></a></li>
  <?cs /each ?>
</ul>
<?cs include:"footer.cs" ?>
