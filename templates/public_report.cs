<?cs set:P.Title = P.Report.Category + " – " + L.Page.PublicReport.NumberShort + " " + P.Report.Number ?><?cs if:P.Report.Lat ?><?cs set:P.Head.Leaflet = 1 ?><?cs set:P.Head.Script = "report_map.js" ?><?cs /if ?><?cs include:"header.cs" ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <a href="/gmina/<?cs var:P.Gmina.Terc ?>"><?cs var:P.Gmina.Name ?></a> › <a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia"><?cs var:L.Page.Reports.ListTitle ?></a> › <?cs var:P.Report.Number ?></nav>
<h1><?cs var:P.Report.Category ?></h1>
<p class="meta"><?cs var:L.Page.PublicReport.NumberShort ?> <span class="report-number"><?cs var:P.Report.Number ?></span><?cs if:P.Report.Group ?> · <?cs var:P.Report.Group ?><?cs /if ?></p>
<?cs if:P.Access != 1 && P.Report.Public != 1 ?><p class="empty notice-private"><?cs var:L.Page.PublicReport.NotPublic ?></p><?cs /if ?>
<dl class="report-facts">
  <dt><?cs var:L.Page.Reports.Status ?></dt>
  <dd><span class="badge status-<?cs var:P.Report.Status ?>" id="report-status"><?cs var:P.Report.StatusName ?></span></dd>
  <?cs if:P.DuplicateOf ?><dt><?cs var:L.Page.PublicReport.DuplicateOf ?></dt>
  <dd><a id="duplicate-of" href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/<?cs var:P.DuplicateOf ?>"><?cs var:P.DuplicateOf ?></a></dd><?cs /if ?>
  <?cs if:P.Report.Confirmed ?><dt><?cs var:L.Page.PublicReport.Published ?></dt><dd><?cs var:P.Report.Confirmed ?></dd>
  <?cs else ?><dt><?cs var:L.Page.PublicReport.Sent ?></dt><dd><?cs var:P.Report.Created ?></dd><?cs /if ?>
  <?cs if:P.Deadline ?><dt><?cs var:L.Page.PublicReport.Deadline ?></dt>
  <dd id="report-deadline"><?cs var:P.Deadline ?><?cs if:P.Overdue == 1 ?> <strong class="overdue"><?cs var:L.Page.PublicReport.Overdue ?></strong><?cs /if ?></dd><?cs /if ?>
  <dt><?cs var:L.Page.PublicReport.Author ?></dt>
  <dd id="report-author"><?cs if:P.Report.Author ?><?cs var:P.Report.Author ?><?cs elif:P.Report.Anonymous == 1 ?><?cs var:L.Page.PublicReport.Anonymous ?><?cs if:P.Report.HiddenAuthor ?> (<?cs var:P.Report.HiddenAuthor ?>)<?cs /if ?><?cs else ?><?cs var:L.Page.PublicReport.NoName ?><?cs /if ?></dd>
  <?cs if:P.Report.Address ?><dt><?cs var:L.Page.PublicReport.Place ?></dt><dd id="report-address"><?cs var:P.Report.Address ?></dd><?cs /if ?>
</dl>
<?cs if:P.Report.Lat ?>
<div id="public-map" class="public-map public-map-small" data-mode="point"
  data-lat="<?cs var:P.Report.Lat ?>" data-lon="<?cs var:P.Report.Lon ?>"
  data-tiles="<?cs var:P.TileUrl ?>" data-attribution="<?cs var:P.TileAttribution ?>"></div>
<p class="hint"><?cs var:L.Page.PublicReport.Coordinates ?> <span class="coordinates"><?cs var:P.Report.Lat ?>, <?cs var:P.Report.Lon ?></span></p>
<?cs /if ?>
<h2><?cs var:L.Page.PublicReport.Description ?></h2>
<p class="report-description" id="report-description"><?cs var:P.Report.Description ?></p>
<?cs if:subcount(P.Photos) > 0 ?>
<h2><?cs var:L.Page.PublicReport.Photos ?></h2>
<ul class="report-photos">
  <?cs each:ph = P.Photos ?><li><a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/<?cs var:P.Report.Number ?>/zdjecie/<?cs var:ph.Token ?>"><img src="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/<?cs var:P.Report.Number ?>/zdjecie/<?cs var:ph.Token ?>/miniatura" alt="<?cs var:L.Page.PublicReport.PhotoAlt ?> <?cs var:name(ph) + 1 ?>" loading="lazy"></a></li><?cs /each ?>
</ul>
<?cs /if ?>
<?cs if:P.Report.Closed != 1 && P.Report.Public == 1 ?>
<form class="follow" method="post" action="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/<?cs var:url_escape(P.Report.Number) ?>/ja-tez">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <p class="hint"><?cs var:L.Page.PublicReport.FollowHint ?></p>
  <?cs if:P.SignedIn != 1 ?><p>
    <label for="follow-email"><?cs var:L.Page.PublicReport.FollowEmail ?></label>
    <input id="follow-email" name="email" type="email" maxlength="254" autocomplete="email">
  </p><?cs /if ?>
  <p><button type="submit"><?cs var:L.Page.PublicReport.Follow ?></button></p>
</form>
<?cs /if ?>
<h2><?cs var:L.Page.PublicReport.History ?></h2>
<ol class="report-history" id="report-history">
  <?cs each:e = P.Events ?>
  <li class="event event-<?cs var:e.Kind ?><?cs if:e.Internal == 1 ?> event-internal<?cs /if ?>">
    <time><?cs var:e.When ?></time> – <?cs var:e.KindName ?><?cs if:e.To ?>: <?cs if:e.From ?><?cs var:e.From ?> → <?cs /if ?><strong><?cs var:e.To ?></strong><?cs /if ?><?cs if:e.Internal == 1 ?> <span class="badge"><?cs var:L.Page.PublicReport.Internal ?></span><?cs /if ?>
    <?cs if:e.Body ?><p class="event-body"><?cs var:e.Body ?></p><?cs /if ?>
  </li>
  <?cs /each ?>
</ol>
<?cs include:"footer.cs" ?>
