<?cs set:P.Title = L.Page.Account.Confirm.Ask[P.Purpose].Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Account.Confirm.Ask[P.Purpose].Title ?></h1>
<p class="lead"><?cs var:L.Page.Account.Confirm.Ask[P.Purpose].Text ?></p>
<form class="account" method="post" action="/konto/potwierdz/<?cs var:url_escape(P.Token) ?>">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <p><button type="submit"><?cs var:L.Page.Account.Confirm.Ask[P.Purpose].Button ?></button></p>
</form>
<?cs include:"footer.cs" ?>
