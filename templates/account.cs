<?cs set:P.Title = L.Page.Account.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Account.Title ?></h1>
<p><?cs var:L.Page.Account.SignedInAs ?> <strong><?cs var:P.Account.Email ?></strong></p>
<?cs if:P.Done ?><p class="notice" role="status"><?cs var:L.Page.Account.Done[P.Done] ?></p><?cs /if ?>
<form method="post" action="/konto/wyloguj">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <button type="submit"><?cs var:L.Page.Account.Logout ?></button>
</form>
<p><a href="/konto/adresy"><?cs var:L.Page.Account.Addresses ?></a></p>
<?cs if:subcount(P.Offices) > 0 ?>
<section aria-labelledby="staff-heading">
  <h2 id="staff-heading"><?cs var:L.Page.Links.Staff ?></h2>
  <ul class="offices">
    <?cs each:o = P.Offices ?>
    <li><?cs var:o.Name ?>: <a href="/urzad/<?cs var:o.Terc ?>/zgloszenia"><?cs var:L.Page.Links.Office ?></a><?cs if:o.Admin == 1 ?> · <a href="/urzad/<?cs var:o.Terc ?>/admin"><?cs var:L.Page.Links.Admin ?></a><?cs /if ?></li>
    <?cs /each ?>
  </ul>
</section>
<?cs /if ?>

<section aria-labelledby="email-heading">
  <h2 id="email-heading"><?cs var:L.Page.Account.ChangeEmail ?></h2>
  <?cs if:P.ErrorSection == "Email" ?><p class="error" role="alert"><?cs var:L.Page.Account[P.Error] ?></p><?cs /if ?>
  <form class="account" method="post" action="/konto/email">
    <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
    <p><label for="new_email"><?cs var:L.Page.Account.NewEmail ?></label>
      <input id="new_email" name="new_email" type="email" maxlength="254" autocomplete="email" required></p>
    <p><label for="email_password"><?cs var:L.Page.Account.CurrentPassword ?></label>
      <input id="email_password" name="password" type="password" autocomplete="current-password" required></p>
    <p><button type="submit"><?cs var:L.Page.Account.ChangeEmail ?></button></p>
  </form>
</section>

<section aria-labelledby="password-heading">
  <h2 id="password-heading"><?cs var:L.Page.Account.ChangePassword ?></h2>
  <?cs if:P.ErrorSection == "Password" ?><p class="error" role="alert"><?cs var:L.Page.Account[P.Error] ?></p><?cs /if ?>
  <form class="account" method="post" action="/konto/zmien-haslo">
    <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
    <p><label for="current"><?cs var:L.Page.Account.CurrentPassword ?></label>
      <input id="current" name="current" type="password" autocomplete="current-password" required></p>
    <p><label for="password"><?cs var:L.Page.Account.NewPassword ?></label>
      <input id="password" name="password" type="password" minlength="10" autocomplete="new-password" required aria-describedby="password-hint">
      <span id="password-hint" class="hint"><?cs var:L.Page.Account.PasswordHint ?></span></p>
    <p><label for="password2"><?cs var:L.Page.Account.PasswordAgain ?></label>
      <input id="password2" name="password2" type="password" minlength="10" autocomplete="new-password" required></p>
    <p><button type="submit"><?cs var:L.Page.Account.ChangePassword ?></button></p>
  </form>
</section>

<section aria-labelledby="settings-heading">
  <h2 id="settings-heading"><?cs var:L.Page.Account.Settings ?></h2>
  <?cs if:P.ErrorSection == "Settings" ?><p class="error" role="alert"><?cs var:L.Page.Account[P.Error] ?></p><?cs /if ?>
  <form class="account" method="post" action="/konto/ustawienia">
    <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
    <p><label for="lang"><?cs var:L.Page.Account.Language ?></label>
      <select id="lang" name="lang">
        <option value="pl"<?cs if:P.Account.Lang == "pl" ?> selected<?cs /if ?>>Polski</option>
        <option value="en"<?cs if:P.Account.Lang == "en" ?> selected<?cs /if ?>>English</option>
      </select></p>
    <p><label for="phone"><?cs var:L.Page.Account.Phone ?></label>
      <input id="phone" name="phone" type="tel" value="<?cs var:P.Account.Phone ?>" maxlength="32" autocomplete="tel" aria-describedby="phone-hint">
      <span id="phone-hint" class="hint"><?cs var:L.Page.Account.PhoneHint ?></span></p>
    <p><button type="submit"><?cs var:L.Page.Account.Save ?></button></p>
  </form>
</section>

<section aria-labelledby="consent-heading">
  <h2 id="consent-heading"><?cs var:L.Page.Account.Consents ?></h2>
  <?cs if:P.ErrorSection == "Consent" ?><p class="error" role="alert"><?cs var:L.Page.Account[P.Error] ?></p><?cs /if ?>
  <ul class="consents">
  <?cs each:c = P.Consents ?>
    <li id="consent-<?cs var:c.Channel ?>"><strong><?cs var:L.Page.Account.Channel[c.Channel] ?></strong>:
      <?cs if:c.Active == "1" ?>
        <?cs var:L.Page.Account.ConsentGiven ?> <time><?cs var:c.Given ?></time> UTC
      <?cs elif:c.Withdrawn ?>
        <?cs var:L.Page.Account.ConsentWithdrawn ?> <time><?cs var:c.Withdrawn ?></time> UTC
      <?cs else ?>
        <?cs var:L.Page.Account.ConsentNone ?>
      <?cs /if ?>
      <form method="post" action="/konto/zgody" class="inline">
        <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
        <input type="hidden" name="channel" value="<?cs var:c.Channel ?>">
        <?cs if:c.Active == "1" ?>
        <input type="hidden" name="action" value="withdraw">
        <button type="submit"><?cs var:L.Page.Account.Withdraw ?></button>
        <?cs else ?>
        <input type="hidden" name="action" value="give">
        <button type="submit"><?cs var:L.Page.Account.Give ?></button>
        <?cs /if ?>
      </form>
    </li>
  <?cs /each ?>
  </ul>
</section>

<section aria-labelledby="data-heading">
  <h2 id="data-heading"><?cs var:L.Page.Account.Data ?></h2>
  <p><?cs var:L.Page.Account.DataText ?></p>
  <p><a href="/konto/dane" download><?cs var:L.Page.Account.Download ?></a></p>
  <p><?cs var:L.Page.Account.DeleteText ?></p>
  <p><a href="/konto/usun"><?cs var:L.Page.Account.Delete.Title ?></a></p>
</section>
<?cs include:"footer.cs" ?>
