<?cs set:P.Title = L.Page.Report.Title ?><?cs include:"header.cs" ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <a href="/gmina/<?cs var:P.Gmina.Terc ?>"><?cs var:P.Gmina.Name ?></a> › <?cs var:L.Page.Report.Title ?></nav>
<h1><?cs var:L.Page.Report.Title ?></h1>
<p class="lead"><?cs var:L.Page.Report.Intro ?></p>
<?cs if:P.Error ?><p class="error" role="alert"><?cs var:L.Page.Report.Error[P.Error] ?></p><?cs /if ?>
<?cs if:P.Group.Id ?>
<h2><?cs var:P.Group.Name ?></h2>
<p><a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/nowe<?cs if:P.Group.Parent ?>?grupa=<?cs var:P.Group.Parent ?><?cs /if ?>">← <?cs var:L.Page.Report.AllGroups ?></a></p>
<h3><?cs var:L.Page.Report.PickLeaf ?></h3>
<?cs else ?>
<h2><?cs var:L.Page.Report.PickGroup ?></h2>
<?cs /if ?>
<?cs if:subcount(P.Tree) == 0 ?>
<p><?cs var:L.Page.Report.NoCategories ?></p>
<?cs else ?>
<ul class="category-tree">
<?cs each:c = P.Tree ?>
  <li><a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/nowe?<?cs if:c.Group == 1 ?>grupa<?cs else ?>kategoria<?cs /if ?>=<?cs var:c.Id ?>"<?cs if:c.Group == 1 ?> class="group"<?cs /if ?>><?cs var:c.Name ?></a>
  <?cs if:c.Help ?><span class="hint"><?cs var:c.Help ?></span><?cs /if ?></li>
<?cs /each ?>
</ul>
<?cs /if ?>
<?cs include:"footer.cs" ?>
