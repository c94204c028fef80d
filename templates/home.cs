<?cs set:P.Title = L.Page.Home.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Home.Title ?></h1>
<p class="lead"><?cs var:L.Page.Home.Intro ?></p>
<p class="hint"><?cs var:L.Page.Links.HomeHint ?></p>

<form class="search" method="get" action="/" role="search" data-suggest="gminy">
  <label for="q"><?cs var:L.Page.Home.SearchLabel ?></label>
  <div class="search-row">
    <input id="q" name="q" type="search" value="<?cs var:P.Q ?>" maxlength="100" autocomplete="off"
      placeholder="<?cs var:L.Page.Home.SearchPlaceholder ?>" aria-describedby="q-hint" aria-controls="q-suggestions">
    <button type="submit"><?cs var:L.Page.Search ?></button>
  </div>
  <p id="q-hint" class="hint"><?cs var:L.Page.Home.SearchHint ?></p>
  <ul id="q-suggestions" class="suggestions" role="listbox" hidden></ul>
  <p class="visually-hidden" role="status" aria-live="polite" data-count-one="<?cs var:L.Page.Suggest.One ?>" data-count-many="<?cs var:L.Page.Suggest.Many ?>" data-count-none="<?cs var:L.Page.Suggest.None ?>" data-approximate="<?cs var:L.Page.Gmina.Approximate ?>"></p>
</form>

<?cs if:P.Q ?>
<section aria-labelledby="results-heading">
  <h2 id="results-heading"><?cs var:L.Page.Results ?></h2>
  <?cs if:P.Found == 0 ?>
  <p class="empty"><?cs var:L.Page.Home.NoGmina ?> „<?cs var:P.Q ?>”.</p>
  <?cs else ?>
  <ul class="results">
    <?cs each:g = P.Results ?>
    <li><a href="/gmina/<?cs var:g.Terc ?>"><?cs var:g.Name ?></a>
      <span class="meta"><?cs var:g.Kind ?>, <?cs var:L.Page.Powiat ?> <?cs var:g.Powiat ?>, <?cs var:L.Page.Voivodeship ?> <?cs var:g.Voivodeship ?></span>
      <?cs if:g.HasSchedule == "1" ?><span class="badge"><?cs var:L.Page.HasSchedule ?></span><?cs /if ?>
      <span class="report-links"><a href="/gmina/<?cs var:g.Terc ?>/zgloszenia/nowe"><?cs var:L.Page.Links.ReportForm ?></a> · <a href="/gmina/<?cs var:g.Terc ?>/zgloszenia"><?cs var:L.Page.Links.ReportList ?></a></span></li>
    <?cs /each ?>
  </ul>
  <?cs /if ?>
</section>
<?cs /if ?>

<section aria-labelledby="with-schedule-heading">
  <h2 id="with-schedule-heading"><?cs var:L.Page.Home.WithSchedule ?></h2>
  <ul class="results">
    <?cs each:g = P.WithSchedule ?>
    <li><a href="/gmina/<?cs var:g.Terc ?>"><?cs var:g.Name ?></a>
      <span class="meta"><?cs var:g.Kind ?>, <?cs var:L.Page.Powiat ?> <?cs var:g.Powiat ?>, <?cs var:L.Page.Voivodeship ?> <?cs var:g.Voivodeship ?></span></li>
    <?cs /each ?>
  </ul>
</section>
<?cs include:"footer.cs" ?>
