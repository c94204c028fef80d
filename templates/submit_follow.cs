<?cs set:P.Title = L.Page.Report.Follow.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Report.Follow.Title ?>: <?cs var:P.Number ?></h1>
<?cs if:P.Error ?><p class="error" role="alert" id="email-error"><?cs var:L.Page.Report.Error[P.Error] ?></p><?cs /if ?>
<?cs if:P.Kind == "AskEmail" ?>
<p><?cs var:L.Page.Report.Follow.AskEmail ?></p>
<form method="post" action="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/<?cs var:url_escape(P.Number) ?>/ja-tez" class="report-follow">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs if:!P.SignedIn ?><p>
    <label for="email"><?cs var:L.Page.Report.Email ?></label>
    <input id="email" name="email" type="email" maxlength="254" autocomplete="email" value="<?cs var:P.Form.Email ?>"<?cs if:P.Error ?> aria-invalid="true" aria-describedby="email-error"<?cs /if ?>>
  </p><?cs /if ?>
  <p><button type="submit"><?cs var:L.Page.Report.Follow.Send ?></button></p>
</form>
<?cs else ?>
<p class="lead" role="status"><?cs var:L.Page.Report.Follow[P.Kind] ?></p>
<?cs /if ?>
<p><a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/<?cs var:url_escape(P.Number) ?>"><?cs var:L.Page.Report.Nearby.Show ?></a> · <a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/nowe"><?cs var:L.Page.Report.Follow.Back ?></a></p>
<?cs include:"footer.cs" ?>
