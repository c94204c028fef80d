<?cs set:P.Title = L.Page.Report.Unsubscribe.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Report.Unsubscribe.Title ?></h1>
<?cs if:P.Kind == "Ask" ?>
<p><?cs var:L.Page.Report.Unsubscribe.Ask ?> <strong class="report-number"><?cs var:P.Number ?></strong> (<?cs var:P.Gmina.Name ?>)?</p>
<form method="post" action="/zgloszenia/wypisz/<?cs var:url_escape(P.Token) ?>">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit"><?cs var:L.Page.Report.Unsubscribe.Button ?></button>
</form>
<?cs elif:P.Kind == "Done" ?>
<p role="status"><?cs var:L.Page.Report.Unsubscribe.Done ?> <strong class="report-number"><?cs var:P.Number ?></strong></p>
<?cs else ?>
<p><?cs var:L.Page.Report.Unsubscribe.Invalid ?></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
