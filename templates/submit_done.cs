<?cs set:P.Title = L.Page.Report.Done[P.Kind].Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Report.Done[P.Kind].Title ?></h1>
<p class="lead" role="status"><?cs var:L.Page.Report.Done[P.Kind].Text ?></p>
<p><?cs var:L.Page.Report.Done.Number ?> <strong class="report-number"><?cs var:P.Number ?></strong></p>
<p><a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/nowe"><?cs var:L.Page.Report.Done.Another ?></a></p>
<?cs include:"footer.cs" ?>
