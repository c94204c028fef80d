<?cs set:P.Title = L.Page.Account.Reset.NewTitle ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Account.Reset.NewTitle ?></h1>
<?cs if:P.Error ?><p class="error" role="alert"><?cs var:L.Page.Account[P.Error] ?></p><?cs /if ?>
<form class="account" method="post" action="/konto/haslo/<?cs var:url_escape(P.Token) ?>">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <p><label for="password"><?cs var:L.Page.Account.NewPassword ?></label>
    <input id="password" name="password" type="password" minlength="10" autocomplete="new-password" required aria-describedby="password-hint">
    <span id="password-hint" class="hint"><?cs var:L.Page.Account.PasswordHint ?></span></p>
  <p><label for="password2"><?cs var:L.Page.Account.PasswordAgain ?></label>
    <input id="password2" name="password2" type="password" minlength="10" autocomplete="new-password" required></p>
  <p><button type="submit"><?cs var:L.Page.Account.Reset.NewSubmit ?></button></p>
</form>
<?cs include:"footer.cs" ?>
