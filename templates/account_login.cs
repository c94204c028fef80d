<?cs set:P.Title = L.Page.Account.Login.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Account.Login.Title ?></h1>
<?cs if:P.Error ?><p class="error" role="alert"><?cs var:L.Page.Account[P.Error] ?></p><?cs /if ?>
<form class="account" method="post" action="/konto/logowanie">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs if:P.Next ?><input type="hidden" name="next" value="<?cs var:P.Next ?>"><?cs /if ?>
  <p><label for="email"><?cs var:L.Page.Account.Email ?></label>
    <input id="email" name="email" type="email" value="<?cs var:P.Email ?>" maxlength="254" autocomplete="username" required></p>
  <p><label for="password"><?cs var:L.Page.Account.Password ?></label>
    <input id="password" name="password" type="password" autocomplete="current-password" required></p>
  <p><button type="submit"><?cs var:L.Page.Account.Login.Submit ?></button></p>
</form>
<p><a href="/konto/haslo"><?cs var:L.Page.Account.Login.Forgot ?></a></p>
<p><?cs var:L.Page.Account.Login.NoAccount ?> <a href="/konto/rejestracja"><?cs var:L.Page.Account.Register.Title ?></a></p>
<?cs include:"footer.cs" ?>
