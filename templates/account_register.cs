<?cs set:P.Title = L.Page.Account.Register.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Account.Register.Title ?></h1>
<p class="lead"><?cs var:L.Page.Account.Register.Intro ?></p>
<?cs if:P.Error ?><p class="error" role="alert" id="form-error"><?cs var:L.Page.Account[P.Error] ?></p><?cs /if ?>
<form class="account" method="post" action="/konto/rejestracja">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <p><label for="email"><?cs var:L.Page.Account.Email ?></label>
    <input id="email" name="email" type="email" value="<?cs var:P.Email ?>" maxlength="254" autocomplete="email" required></p>
  <p><label for="password"><?cs var:L.Page.Account.Password ?></label>
    <input id="password" name="password" type="password" minlength="10" autocomplete="new-password" required aria-describedby="password-hint">
    <span id="password-hint" class="hint"><?cs var:L.Page.Account.PasswordHint ?></span></p>
  <p><label for="password2"><?cs var:L.Page.Account.PasswordAgain ?></label>
    <input id="password2" name="password2" type="password" minlength="10" autocomplete="new-password" required></p>
  <p><input id="terms" name="terms" type="checkbox" value="1"<?cs if:P.Terms ?> checked<?cs /if ?> required>
    <label for="terms"><?cs var:L.Page.Account.Register.Terms ?></label></p>
  <p><input id="consent_email" name="consent_email" type="checkbox" value="1"<?cs if:P.ConsentEmail ?> checked<?cs /if ?>>
    <label for="consent_email"><?cs var:L.Page.Account.Register.ConsentEmail ?></label></p>
  <p><button type="submit"><?cs var:L.Page.Account.Register.Submit ?></button></p>
</form>
<p><?cs var:L.Page.Account.Register.HaveAccount ?> <a href="/konto/logowanie"><?cs var:L.Page.Account.Login.Submit ?></a></p>
<?cs include:"footer.cs" ?>
