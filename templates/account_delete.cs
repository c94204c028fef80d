<?cs set:P.Title = L.Page.Account.Delete.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Account.Delete.Title ?></h1>
<p class="lead"><?cs var:L.Page.Account.DeleteText ?></p>
<?cs if:P.Error ?><p class="error" role="alert"><?cs var:L.Page.Account[P.Error] ?></p><?cs /if ?>
<form class="account" method="post" action="/konto/usun">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <p><label for="password"><?cs var:L.Page.Account.Delete.Confirm ?></label>
    <input id="password" name="password" type="password" autocomplete="current-password" required></p>
  <p><button type="submit" class="danger"><?cs var:L.Page.Account.Delete.Submit ?></button></p>
</form>
<p><a href="/konto"><?cs var:L.Page.Account.Title ?></a></p>
<?cs include:"footer.cs" ?>
