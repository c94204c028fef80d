<?cs set:P.Title = L.Page.Reports.ListTitle + " – " + P.Gmina.Name ?><?cs set:P.FilterAction = "/gmina/" + P.Gmina.Terc + "/zgloszenia" ?><?cs include:"header.cs" ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <a href="/gmina/<?cs var:P.Gmina.Terc ?>"><?cs var:P.Gmina.Name ?></a> › <?cs var:L.Page.Reports.ListTitle ?></nav>
<h1><?cs var:L.Page.Reports.ListTitle ?> <span class="relative"><?cs var:P.Gmina.Name ?></span></h1>
<p class="report-links"><a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/nowe"><?cs var:L.Page.Reports.New ?></a> · <a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/mapa<?cs if:P.FilterQuery ?>?<?cs var:P.FilterQuery ?><?cs /if ?>"><?cs var:L.Page.Reports.ShowMap ?></a></p>
<?cs include:"public_filter.cs" ?>
<p class="report-count" role="status"><?cs if:P.Later == 1 ?><?cs var:L.Page.Reports.Matching ?> <?cs /if ?><?cs var:P.Count ?></p>
<?cs if:P.Shown == 0 ?>
<p class="empty"><?cs var:L.Page.Reports.None ?></p>
<?cs else ?>
<ol class="report-list">
  <?cs each:row = P.Rows ?>
  <li class="report-row status-<?cs var:row.Status ?>">
    <a class="report-number" href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/<?cs var:row.Number ?>"><?cs var:row.Category ?></a>
    <span class="badge"><?cs var:row.StatusName ?></span>
    <p class="meta"><?cs var:L.Page.PublicReport.NumberShort ?> <?cs var:row.Number ?> · <time><?cs var:row.When ?></time><?cs if:row.Address ?> · <?cs var:row.Address ?><?cs /if ?></p>
    <p class="report-excerpt"><?cs var:row.Description ?></p>
  </li>
  <?cs /each ?>
</ol>
<?cs /if ?>
<nav class="pager" aria-label="<?cs var:L.Page.Reports.Pages ?>">
  <?cs if:P.Later == 1 ?><a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia<?cs if:P.FilterQuery ?>?<?cs var:P.FilterQuery ?><?cs /if ?>" rel="first"><?cs var:L.Page.Reports.Newest ?></a><?cs /if ?>
  <?cs if:P.Next ?><a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia?<?cs var:P.Next ?>" rel="next"><?cs var:L.Page.Reports.Older ?></a><?cs /if ?>
</nav>
<?cs include:"footer.cs" ?>
