<?cs set:P.Title = L.Page.Unsubscribe.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Unsubscribe.Title ?></h1>
<p><?cs var:L.Page.Unsubscribe.Subscription ?> <strong><?cs var:P.Name ?></strong>: <?cs var:P.Address ?> (<?cs var:L.Page.Unsubscribe.Gmina ?> <?cs var:P.Gmina ?>).</p>
<?cs if:P.Done ?>
<p role="status"><?cs var:L.Page.Unsubscribe.Done ?></p>
<?cs elif:!P.Active ?>
<p><?cs var:L.Page.Unsubscribe.AlreadyOff ?></p>
<?cs else ?>
<p><?cs var:L.Page.Unsubscribe.Question ?></p>
<form method="post" action="/u/<?cs var:url_escape(P.Token) ?>">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit"><?cs var:L.Page.Unsubscribe.Button ?></button>
</form>
<?cs /if ?>
<p><?cs var:L.Page.Unsubscribe.Account ?></p>
<?cs include:"footer.cs" ?>
