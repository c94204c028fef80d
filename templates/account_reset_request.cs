<?cs set:P.Title = L.Page.Account.Reset.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Account.Reset.Title ?></h1>
<p class="lead"><?cs var:L.Page.Account.Reset.Intro ?></p>
<?cs if:P.Error ?><p class="error" role="alert"><?cs var:L.Page.Account[P.Error] ?></p><?cs /if ?>
<form class="account" method="post" action="/konto/haslo">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <p><label for="email"><?cs var:L.Page.Account.Email ?></label>
    <input id="email" name="email" type="email" value="<?cs var:P.Email ?>" maxlength="254" autocomplete="email" required></p>
  <p><button type="submit"><?cs var:L.Page.Account.Reset.Submit ?></button></p>
</form>
<?cs include:"footer.cs" ?>
