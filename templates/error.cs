<?cs set:P.Title = L.Page.Error[P.Status].Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Error[P.Status].Title ?></h1>
<p><?cs var:L.Page.Error[P.Status].Text ?></p>
<?cs if:P.Reason ?><p><?cs var:P.Reason ?></p><?cs /if ?>
<?cs if:P.Field && !P.Reason ?><p><?cs var:L.Page.Error.Field ?> <code><?cs var:P.Field ?></code>.</p><?cs /if ?>
<p><a href="/"><?cs var:L.Page.Error.Home ?></a></p>
<?cs include:"footer.cs" ?>
