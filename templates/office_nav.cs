<nav class="office-nav" aria-label="<?cs var:L.Page.Office.Menu ?>">
  <a href="/urzad/<?cs var:P.Office.Terc ?>/zgloszenia"><?cs var:L.Page.Office.ListTitle ?></a>
  <?cs if:P.Office.Wide == 1 ?><a href="/urzad/<?cs var:P.Office.Terc ?>/weryfikacja"><?cs var:L.Page.Office.TriageTitle ?></a><?cs /if ?>
  <?cs if:P.Office.Admin == 1 ?><a href="/urzad/<?cs var:P.Office.Terc ?>/admin"><?cs var:L.Page.Links.Admin ?></a><?cs /if ?>
</nav>
