<?cs set:P.Title = L.Page.Year.Title + " " + P.Year + ": " + P.Point.Label ?><?cs include:"header.cs" ?>
<nav class="breadcrumbs no-print" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <a href="/gmina/<?cs var:P.Gmina.Terc ?>"><?cs var:P.Gmina.Name ?></a> › <a href="/gmina/<?cs var:P.Gmina.Terc ?>/adres/<?cs var:P.Point.Id ?>"><?cs var:P.Point.Label ?></a> › <?cs var:P.Year ?></nav>
<h1><?cs var:L.Page.Year.Title ?> <?cs var:P.Year ?></h1>
<p class="lead"><?cs var:P.Point.Label ?> · <?cs var:L.Page.Gmina.Heading ?> <?cs var:P.Gmina.Name ?></p>
<p class="no-print"><a href="/gmina/<?cs var:P.Gmina.Terc ?>/adres/<?cs var:P.Point.Id ?>/rok/<?cs var:P.PrevYear ?>">‹ <?cs var:P.PrevYear ?></a> · <a href="/gmina/<?cs var:P.Gmina.Terc ?>/adres/<?cs var:P.Point.Id ?>/rok/<?cs var:P.NextYear ?>"><?cs var:P.NextYear ?> ›</a> · <?cs var:L.Page.Year.PrintHint ?></p>
<?cs if:P.Count == 0 ?>
<p class="empty"><?cs var:L.Page.Year.Empty ?></p>
<?cs else ?>
<ul class="legend"><?cs each:f = P.Legend ?><li class="fraction fr-<?cs var:f.Code ?>"><span class="swatch" aria-hidden="true"></span><?cs var:f.Name ?></li><?cs /each ?></ul>
<div class="year">
  <?cs each:month = P.Months ?>
  <section class="month">
    <h2><?cs var:month.Heading ?></h2>
    <?cs if:subcount(month.Days) == 0 ?><p class="empty"><?cs var:L.Page.Year.NoPickups ?></p><?cs else ?>
    <table>
      <?cs each:day = month.Days ?>
      <tr><th scope="row"><time datetime="<?cs var:day.Iso ?>"><?cs var:day.Date ?></time></th>
        <td><?cs include:"fractions.cs" ?></td></tr>
      <?cs /each ?>
    </table>
    <?cs /if ?>
  </section>
  <?cs /each ?>
</div>
<?cs /if ?>
<?cs include:"footer.cs" ?>
