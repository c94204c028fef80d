<?cs set:P.Title = L.Page.Subscription.ListTitle ?><?cs include:"header.cs" ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <a href="/konto"><?cs var:L.Page.Subscription.Account ?></a> › <?cs var:L.Page.Subscription.ListTitle ?></nav>
<h1><?cs var:L.Page.Subscription.ListTitle ?></h1>
<?cs if:P.Count == 0 ?>
<p class="empty"><?cs var:L.Page.Subscription.None ?></p>
<?cs else ?>
<ul class="subscriptions">
  <?cs each:s = P.Subscriptions ?>
  <li class="subscription" id="subscription-<?cs var:s.Id ?>">
    <h2><?cs var:s.Name ?></h2>
    <p class="meta"><a href="/gmina/<?cs var:s.Terc ?>/adres/<?cs var:s.PointId ?>"><?cs var:s.Label ?></a> · <?cs var:L.Page.Gmina.Heading ?> <?cs var:s.Gmina ?></p>
    <dl>
      <dt><?cs var:L.Page.Subscription.Channels ?></dt>
      <dd class="channels">
        <?cs if:s.Email == 1 ?><span class="channel-email"><?cs var:L.Page.Subscription.Email ?></span><?cs /if ?>
        <?cs if:s.Sms == 1 ?><span class="channel-sms"><?cs var:L.Page.Subscription.Sms ?></span><?cs /if ?>
        <?cs if:s.Email == 0 ?>
        <span class="email-off"><?cs var:L.Page.Subscription.EmailOff ?></span>
        <form method="post" action="/konto/adresy/<?cs var:s.Id ?>/email" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
          <button type="submit"><?cs var:L.Page.Subscription.EmailOn ?></button>
        </form>
        <?cs /if ?>
      </dd>
      <dt><?cs var:L.Page.Subscription.Time ?></dt>
      <dd class="time"><?cs if:s.Evening == 1 ?><?cs var:L.Page.Subscription.Evening ?><?cs else ?><?cs var:L.Page.Subscription.Morning ?><?cs /if ?> <?cs var:s.Hour ?>:00</dd>
      <dt><?cs var:L.Page.Subscription.Fractions ?></dt>
      <dd class="fractions-chosen"><?cs if:s.Fractions ?><?cs var:s.Fractions ?><?cs else ?><?cs var:L.Page.Subscription.AllFractions ?><?cs /if ?></dd>
      <dt><?cs var:L.Page.Subscription.Next ?></dt>
      <dd class="next"><?cs if:s.Next.Date ?><?cs var:s.Next.Date ?><?cs if:s.Next.InDays == 0 ?> (<?cs var:L.Page.Today ?>)<?cs elif:s.Next.InDays == 1 ?> (<?cs var:L.Page.Tomorrow ?>)<?cs /if ?>:
        <ul class="fractions"><?cs each:f = s.Next.Fractions ?><li class="fraction fr-<?cs var:f.Code ?>"><span class="swatch" aria-hidden="true"></span><?cs var:f.Name ?></li><?cs /each ?></ul>
        <?cs else ?><?cs var:L.Page.Subscription.NoNext ?><?cs /if ?></dd>
    </dl>
    <p class="actions">
      <a class="button" href="/konto/adresy/<?cs var:s.Id ?>"><?cs var:L.Page.Subscription.Edit ?></a>
    </p>
  </li>
  <?cs /each ?>
</ul>
<?cs /if ?>
<p class="hint"><?cs var:L.Page.Subscription.AddHint ?></p>
<?cs include:"footer.cs" ?>
