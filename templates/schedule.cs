<?cs set:P.Title = P.Point.Label ?><?cs include:"header.cs" ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <a href="/gmina/<?cs var:P.Gmina.Terc ?>"><?cs var:P.Gmina.Name ?></a> › <?cs var:P.Point.Label ?></nav>
<h1><?cs var:P.Point.Label ?></h1>
<p class="meta"><?cs var:L.Page.Gmina.Heading ?> <?cs var:P.Gmina.Name ?><?cs if:P.ValidTo ?> · <?cs var:L.Page.Schedule.ValidFrom ?> <?cs var:P.ValidFrom ?> <?cs var:L.Page.Schedule.ValidTo ?> <?cs var:P.ValidTo ?><?cs /if ?></p>

<section aria-labelledby="next-heading">
  <h2 id="next-heading"><?cs var:L.Page.Schedule.Next ?></h2>
  <?cs if:subcount(P.Days) > 0 ?>
  <ol class="days">
    <?cs each:day = P.Days ?>
    <li class="day<?cs if:day.InDays == 0 ?> today<?cs /if ?>">
      <h3><time datetime="<?cs var:day.Iso ?>"><?cs var:day.Date ?></time> <span class="relative"><?cs var:day.Relative ?></span></h3>
      <?cs include:"fractions.cs" ?>
    </li>
    <?cs /each ?>
  </ol>
  <?cs elif:P.Ended == 1 ?>
  <p class="empty"><?cs var:L.Page.Schedule.Ended ?> <?cs var:P.ValidTo ?>. <?cs var:L.Page.Schedule.NewUsually ?></p>
  <?cs if:P.LastYear ?><p><a href="/gmina/<?cs var:P.Gmina.Terc ?>/adres/<?cs var:P.Point.Id ?>/rok/<?cs var:P.LastYear ?>"><?cs var:L.Page.Schedule.SeeYear ?> <?cs var:P.LastYear ?></a></p><?cs /if ?>
  <?cs elif:P.NotStarted == 1 ?>
  <p class="empty"><?cs var:L.Page.Schedule.Starts ?> <?cs var:P.ValidFrom ?>.</p>
  <?cs else ?>
  <p class="empty"><?cs var:L.Page.Schedule.NoneSoon ?></p>
  <?cs /if ?>
</section>

<section aria-labelledby="follow-heading" class="follow">
  <h2 id="follow-heading"><?cs var:L.Page.Subscription.Follow ?></h2>
  <p><?cs var:L.Page.Subscription.FollowHint ?></p>
  <form method="get" action="/konto/adresy/nowy">
    <input type="hidden" name="point" value="<?cs var:P.Point.Id ?>">
    <button type="submit"><?cs var:L.Page.Subscription.Follow ?></button>
  </form>
</section>

<section aria-labelledby="subscribe-heading" class="subscribe">
  <h2 id="subscribe-heading"><?cs var:L.Page.Schedule.Subscribe ?></h2>
  <p><?cs var:L.Page.Schedule.SubscribeIntro ?></p>
  <p><a class="button" href="<?cs var:P.Point.WebcalUrl ?>"><?cs var:L.Page.Schedule.AddToCalendar ?></a></p>
  <label for="calendar-url"><?cs var:L.Page.Schedule.CalendarUrl ?></label>
  <input id="calendar-url" type="text" readonly value="<?cs var:P.Point.CalendarUrl ?>">
  <p class="hint"><?cs var:L.Page.Schedule.CalendarHint ?></p>
</section>

<section aria-labelledby="more-heading">
  <h2 id="more-heading"><?cs var:L.Page.Schedule.More ?></h2>
  <ul>
    <?cs if:P.FirstYear ?><?cs loop:y = P.FirstYear, P.LastYear ?>
    <li><a href="/gmina/<?cs var:P.Gmina.Terc ?>/adres/<?cs var:P.Point.Id ?>/rok/<?cs var:y ?>"><?cs var:L.Page.Schedule.YearView ?> <?cs var:y ?></a></li>
    <?cs /loop ?><?cs else ?>
    <li><a href="/gmina/<?cs var:P.Gmina.Terc ?>/adres/<?cs var:P.Point.Id ?>/rok/<?cs var:P.ThisYear ?>"><?cs var:L.Page.Schedule.YearView ?> <?cs var:P.ThisYear ?></a></li>
    <?cs /if ?>
    <li><a href="/api/v1/addresses/<?cs var:P.Point.Id ?>/schedule"><?cs var:L.Page.Schedule.Json ?></a></li>
  </ul>
</section>
<?cs include:"footer.cs" ?>
