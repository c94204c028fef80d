<nav class="breadcrumbs" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <a href="<?cs var:P.Admin.Base ?>"><?cs var:L.Page.Admin.Title ?>: <?cs var:P.Gmina.Name ?></a></nav>
<nav class="admin-nav" aria-label="<?cs var:L.Page.Admin.Menu ?>">
  <?cs each:s = L.Page.Admin.Sections ?><a href="<?cs var:P.Admin.Base ?><?cs var:s.Path ?>"<?cs if:P.Admin.Section == name(s) ?> aria-current="page"<?cs /if ?>><?cs var:s.Name ?></a> <?cs /each ?>
  <a href="/urzad/<?cs var:P.Gmina.Terc ?>/zgloszenia"><?cs var:L.Page.Links.Office ?></a>
</nav>
<?cs if:P.Error ?><p class="error" role="alert"><?cs var:P.Error ?><?cs if:P.ErrorDetail ?> <?cs var:P.ErrorDetail ?><?cs /if ?></p><?cs /if ?>
