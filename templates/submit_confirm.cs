<?cs set:P.Title = L.Page.Report.Confirm[P.Kind].Title ?><?cs include:"header.cs" ?>
<h1><?cs var:P.Title ?></h1>
<?cs if:P.Kind == "Ask" ?>
<p class="lead"><?cs var:L.Page.Report.Confirm.Ask[P.Purpose] ?></p>
<p><?cs var:L.Mail.Report.Number ?> <strong class="report-number"><?cs var:P.Number ?></strong></p>
<form method="post" action="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/potwierdz/<?cs var:url_escape(P.Token) ?>">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <p><button type="submit"><?cs var:L.Page.Report.Confirm.Ask.Button ?></button></p>
</form>
<?cs elif:P.Kind == "Done" ?>
<p class="lead" role="status"><?cs var:L.Page.Report.Confirm.Done[P.Purpose] ?></p>
<p><?cs var:L.Mail.Report.Number ?> <a class="report-number" href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/<?cs var:url_escape(P.Number) ?>"><?cs var:P.Number ?></a></p>
<?cs else ?>
<p class="lead"><?cs var:L.Page.Report.Confirm[P.Kind].Text ?></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
