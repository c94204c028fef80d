<?cs set:P.Title = P.Gmina.Name ?><?cs include:"header.cs" ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <?cs var:P.Gmina.Name ?></nav>
<h1><?cs var:L.Page.Gmina.Heading ?> <?cs var:P.Gmina.Name ?></h1>
<p class="meta"><?cs var:P.Gmina.Kind ?>, <?cs var:L.Page.Powiat ?> <?cs var:P.Gmina.Powiat ?>, <?cs var:L.Page.Voivodeship ?> <?cs var:P.Gmina.Voivodeship ?> · TERC <?cs var:P.Gmina.Terc ?></p>
<nav class="report-links" aria-label="<?cs var:L.Page.Links.Reports ?>"><a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/nowe"><?cs var:L.Page.Links.ReportForm ?></a> · <a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia"><?cs var:L.Page.Links.ReportList ?></a></nav>

<?cs if:P.Gmina.HasSchedule == "1" ?>
<form class="search" method="get" action="/gmina/<?cs var:P.Gmina.Terc ?>" role="search" data-suggest="addresses" data-gmina="<?cs var:P.Gmina.Terc ?>">
  <label for="q"><?cs var:L.Page.Gmina.SearchLabel ?></label>
  <div class="search-row">
    <input id="q" name="q" type="search" value="<?cs var:P.Q ?>" maxlength="100" autocomplete="off"
      placeholder="<?cs var:L.Page.Gmina.SearchPlaceholder ?>" aria-describedby="q-hint" aria-controls="q-suggestions">
    <button type="submit"><?cs var:L.Page.Search ?></button>
  </div>
  <p id="q-hint" class="hint"><?cs var:L.Page.Gmina.SearchHint ?></p>
  <ul id="q-suggestions" class="suggestions" role="listbox" hidden></ul>
  <p class="visually-hidden" role="status" aria-live="polite" data-count-one="<?cs var:L.Page.Suggest.One ?>" data-count-many="<?cs var:L.Page.Suggest.Many ?>" data-count-none="<?cs var:L.Page.Suggest.None ?>" data-approximate="<?cs var:L.Page.Gmina.Approximate ?>"></p>
</form>

<?cs if:P.Q ?>
<section aria-labelledby="results-heading">
  <h2 id="results-heading"><?cs var:L.Page.Results ?></h2>
  <?cs if:P.Found == 0 ?>
  <p class="empty"><?cs var:L.Page.Gmina.NoAddress ?> „<?cs var:P.Q ?>”.</p>
  <?cs else ?>
  <?cs if:P.Approximate == 1 ?><p class="hint"><?cs var:L.Page.Gmina.Approximate ?></p><?cs /if ?>
  <ul class="results">
    <?cs each:a = P.Results ?>
    <li><a href="/gmina/<?cs var:P.Gmina.Terc ?>/adres/<?cs var:a.Id ?>"><?cs var:a.Label ?></a></li>
    <?cs /each ?>
  </ul>
  <?cs /if ?>
</section>
<?cs /if ?>

<section aria-labelledby="localities-heading">
  <h2 id="localities-heading"><?cs var:L.Page.Gmina.Localities ?></h2>
  <ul class="columns">
    <?cs each:l = P.Localities ?>
    <li><a href="/gmina/<?cs var:P.Gmina.Terc ?>/miejscowosc/<?cs var:l.Id ?>"><?cs var:l.Name ?></a></li>
    <?cs /each ?>
  </ul>
</section>
<?cs else ?>
<p class="empty"><?cs var:L.Page.Gmina.NoSchedule ?></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
