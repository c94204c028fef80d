<?cs if:P.Form.Id ?><?cs set:P.Title = L.Page.Subscription.EditTitle ?><?cs else ?><?cs set:P.Title = L.Page.Subscription.NewTitle ?><?cs /if ?><?cs include:"header.cs" ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <a href="/konto/adresy"><?cs var:L.Page.Subscription.ListTitle ?></a> › <?cs var:P.Title ?></nav>
<h1><?cs var:P.Title ?></h1>
<p class="meta"><a href="/gmina/<?cs var:P.Gmina.Terc ?>/adres/<?cs var:P.Point.Id ?>"><?cs var:P.Point.Label ?></a> · <?cs var:L.Page.Gmina.Heading ?> <?cs var:P.Gmina.Name ?></p>
<?cs if:P.Error ?><p class="error" role="alert"><?cs var:P.Error ?><?cs if:P.Form.ExistingId ?> <a href="/konto/adresy/<?cs var:P.Form.ExistingId ?>"><?cs var:L.Page.Subscription.Existing ?></a><?cs /if ?></p><?cs /if ?>
<form method="post" action="<?cs var:P.Form.Action ?>" class="subscription-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs if:!P.Form.Id ?><input type="hidden" name="point" value="<?cs var:P.Point.Id ?>"><?cs /if ?>
  <p>
    <label for="name"><?cs var:L.Page.Subscription.Name ?></label>
    <input id="name" name="name" type="text" maxlength="100" value="<?cs var:P.Form.Name ?>">
    <span class="hint"><?cs var:L.Page.Subscription.NameHint ?></span>
  </p>
  <fieldset>
    <legend><?cs var:L.Page.Subscription.Channels ?></legend>
    <label><input type="checkbox" name="email" value="1"<?cs if:P.Form.Email == 1 ?> checked<?cs /if ?>> <?cs var:L.Page.Subscription.Email ?></label>
    <?cs if:P.Form.SmsAvailable == 1 ?>
    <label><input type="checkbox" name="sms" value="1"<?cs if:P.Form.Sms == 1 ?> checked<?cs /if ?>> <?cs var:L.Page.Subscription.Sms ?></label>
    <?cs else ?>
    <p class="hint sms-hint"><?cs if:P.Form.HasPhone == 1 ?><?cs var:L.Page.Subscription.SmsNeedsConsent ?><?cs else ?><?cs var:L.Page.Subscription.SmsNeedsPhone ?><?cs /if ?> <a href="/konto"><?cs var:L.Page.Subscription.SmsSettings ?></a></p>
    <?cs /if ?>
  </fieldset>
  <p>
    <label for="hour"><?cs var:L.Page.Subscription.Time ?></label>
    <select id="hour" name="hour">
      <optgroup label="<?cs var:L.Page.Subscription.EveningGroup ?>">
        <?cs loop:h = 16, 22 ?><option value="<?cs var:h ?>"<?cs if:P.Form.Hour == h ?> selected<?cs /if ?>><?cs var:h ?>:00</option><?cs /loop ?>
      </optgroup>
      <optgroup label="<?cs var:L.Page.Subscription.MorningGroup ?>">
        <?cs loop:h = 5, 9 ?><option value="<?cs var:h ?>"<?cs if:P.Form.Hour == h ?> selected<?cs /if ?>><?cs var:h ?>:00</option><?cs /loop ?>
      </optgroup>
    </select>
  </p>
  <fieldset>
    <legend><?cs var:L.Page.Subscription.Fractions ?></legend>
    <?cs each:f = P.Fractions ?>
    <label class="fraction fr-<?cs var:f.Code ?>"><input type="checkbox" name="fraction_<?cs var:f.Code ?>" value="1"<?cs if:f.Checked == 1 ?> checked<?cs /if ?>> <span class="swatch" aria-hidden="true"></span><?cs var:f.Name ?></label>
    <?cs /each ?>
  </fieldset>
  <p><button type="submit"><?cs var:L.Page.Subscription.Save ?></button></p>
</form>
<?cs if:P.Form.Id ?>
<form method="post" action="/konto/adresy/<?cs var:P.Form.Id ?>/usun" class="delete">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <button type="submit" class="secondary"><?cs var:L.Page.Subscription.Delete ?></button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
