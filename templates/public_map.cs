<?cs set:P.Title = L.Page.Reports.MapTitle + " – " + P.Gmina.Name ?><?cs set:P.FilterAction = "/gmina/" + P.Gmina.Terc + "/zgloszenia/mapa" ?><?cs set:P.Head.Leaflet = 1 ?><?cs set:P.Head.Script = "report_map.js" ?><?cs include:"header.cs" ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <a href="/gmina/<?cs var:P.Gmina.Terc ?>"><?cs var:P.Gmina.Name ?></a> › <a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia"><?cs var:L.Page.Reports.ListTitle ?></a> › <?cs var:L.Page.Reports.MapTitle ?></nav>
<h1><?cs var:L.Page.Reports.MapTitle ?> <span class="relative"><?cs var:P.Gmina.Name ?></span></h1>
<p class="report-links"><a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/nowe"><?cs var:L.Page.Reports.New ?></a> · <a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia<?cs if:P.FilterQuery ?>?<?cs var:P.FilterQuery ?><?cs /if ?>"><?cs var:L.Page.Reports.ShowList ?></a></p>
<?cs include:"public_filter.cs" ?>
<div id="public-map" class="public-map" data-mode="reports"
  data-source="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/mapa.json<?cs if:P.FilterQuery ?>?<?cs var:P.FilterQuery ?><?cs /if ?>"
  data-tiles="<?cs var:P.TileUrl ?>" data-attribution="<?cs var:P.TileAttribution ?>"
  data-cluster-label="<?cs var:L.Page.Reports.ClusterLabel ?>">
  <noscript><p class="empty"><?cs var:L.Page.Reports.MapNeedsScript ?> <a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia<?cs if:P.FilterQuery ?>?<?cs var:P.FilterQuery ?><?cs /if ?>"><?cs var:L.Page.Reports.ShowList ?></a></p></noscript>
</div>
<p class="hint" id="public-map-status" role="status" aria-live="polite"></p>
<?cs include:"footer.cs" ?>
