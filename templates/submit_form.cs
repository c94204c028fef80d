<?cs set:P.Title = L.Page.Report.Title ?><?cs set:P.Head.Script = "report_form.js" ?><?cs if:P.Map.TileUrl ?><?cs set:P.Head.Leaflet = 1 ?><?cs /if ?><?cs include:"header.cs" ?>
<nav class="breadcrumbs" aria-label="<?cs var:L.Page.Breadcrumbs ?>"><a href="/"><?cs var:L.Page.Home.Short ?></a> › <a href="/gmina/<?cs var:P.Gmina.Terc ?>"><?cs var:P.Gmina.Name ?></a> › <?cs var:L.Page.Report.Title ?></nav>
<h1><?cs var:L.Page.Report.Title ?></h1>
<?cs if:P.Errors.Form ?><p class="error" role="alert" id="form-error"><?cs var:L.Page.Report.Error[P.Errors.Form] ?></p>
<?cs elif:subcount(P.Errors) > 0 ?><p class="error" role="alert" id="form-error"><?cs var:L.Page.Report.ErrorSummary ?></p>
<?cs else ?><?cs each:f = P.Fields ?><?cs if:f.Error ?><?cs set:P.FieldErrors = 1 ?><?cs /if ?><?cs /each ?><?cs if:P.FieldErrors ?><p class="error" role="alert" id="form-error"><?cs var:L.Page.Report.ErrorSummary ?></p><?cs /if ?>
<?cs /if ?>
<form method="post" action="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/nowe" class="report-form" id="report-form" enctype="multipart/form-data"
  data-me-too="<?cs var:L.Page.Report.Nearby.MeToo ?>" data-distance-word="<?cs var:L.Page.Report.Nearby.Distance ?>"
  data-nearby-title="<?cs var:L.Page.Report.Nearby.Title ?>" data-nearby-intro="<?cs var:L.Page.Report.Nearby.Intro ?>"
  data-nearby="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/w-poblizu?kategoria=<?cs var:P.Category.Id ?>"
  data-address-chosen="<?cs var:L.Page.Report.AddressChosen ?>">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs if:P.Form.Nonce ?><input type="hidden" name="form_nonce" value="<?cs var:P.Form.Nonce ?>"><?cs /if ?>
  <?cs if:P.CategoryPick ?>
  <p class="report-category-pick">
    <label for="category"><?cs var:L.Page.Report.Category ?></label>
    <select id="category" name="category" aria-invalid="true" aria-describedby="category-error">
      <option value=""><?cs var:L.Page.Report.PickLeaf ?></option>
      <?cs each:c = P.Leaves ?><option value="<?cs var:c.Id ?>"><?cs var:c.Name ?></option><?cs /each ?>
    </select>
    <span class="field-error" id="category-error"><?cs var:L.Page.Report.Error[P.Errors.Category] ?></span>
  </p>
  <?cs else ?>
  <input type="hidden" name="category" value="<?cs var:P.Category.Id ?>">
  <?cs # Enter in a field sends the form (the first submit button), not a "Ja też" or the search. ?>
  <button type="submit" name="action" value="send" class="default-submit" tabindex="-1" aria-hidden="true"><?cs var:L.Page.Report.Send ?></button>
  <p class="report-category"><?cs var:L.Page.Report.Category ?>: <strong id="category-name"><?cs var:P.Category.Name ?></strong>
    <a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/nowe"><?cs var:L.Page.Report.ChangeCategory ?></a></p>
  <?cs /if ?>
  <?cs if:P.Category.Help ?><p class="hint category-help"><?cs var:P.Category.Help ?></p><?cs /if ?>
  <?cs if:P.Category.Public == 0 ?><p class="hint"><?cs var:L.Page.Report.NotPublic ?></p><?cs /if ?>

  <?cs if:P.NearbyStep ?>
  <section class="nearby" aria-labelledby="nearby-title">
    <input type="hidden" name="nearby_seen" value="1">
    <h2 id="nearby-title"><?cs var:L.Page.Report.Nearby.Title ?></h2>
    <p><?cs var:L.Page.Report.Nearby.Intro ?></p>
    <ul class="nearby-list">
    <?cs each:n = P.Nearby ?>
      <li><a href="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/<?cs var:url_escape(n.Number) ?>"><strong><?cs var:n.Number ?></strong></a>
        (<?cs var:L.Report.Status[n.Status] ?><?cs if:n.Distance != "" ?>, <?cs var:n.Distance ?> <?cs var:L.Page.Report.Nearby.Distance ?><?cs else ?>, <?cs var:L.Page.Report.Nearby.SameAddress ?><?cs /if ?>)
        <span class="nearby-description"><?cs var:n.Description ?></span>
        <button type="submit" class="secondary" formaction="/gmina/<?cs var:P.Gmina.Terc ?>/zgloszenia/<?cs var:url_escape(n.Number) ?>/ja-tez" formnovalidate><?cs var:L.Page.Report.Nearby.MeToo ?></button></li>
    <?cs /each ?>
    </ul>
  </section>
  <?cs /if ?>

  <?cs each:f = P.Fields ?>
  <?cs set:P.FieldId = "f_" + f.Code ?>
  <div class="field field-<?cs var:f.Type ?>">
  <?cs if:f.Type == "multivaluelist" ?>
    <fieldset<?cs if:f.Error ?> aria-describedby="<?cs var:P.FieldId ?>-error"<?cs /if ?>>
      <legend><?cs var:f.Label ?><?cs if:f.Required == 1 ?> <?cs var:L.Page.Report.Required ?><?cs /if ?></legend>
      <?cs each:v = f.Values ?>
      <label><input type="checkbox" name="<?cs var:P.FieldId ?>.<?cs var:v.Key ?>" value="1"<?cs if:v.Checked ?> checked<?cs /if ?>> <?cs var:v.Name ?></label>
      <?cs /each ?>
    </fieldset>
  <?cs else ?>
    <label for="<?cs var:P.FieldId ?>"><?cs var:f.Label ?><?cs if:f.Required == 1 ?> <?cs var:L.Page.Report.Required ?><?cs /if ?></label>
    <?cs if:f.Type == "singlevaluelist" ?>
    <select id="<?cs var:P.FieldId ?>" name="<?cs var:P.FieldId ?>"<?cs if:f.Error ?> aria-invalid="true" aria-describedby="<?cs var:P.FieldId ?>-error"<?cs /if ?>>
      <option value=""></option>
      <?cs each:v = f.Values ?><option value="<?cs var:v.Key ?>"<?cs if:v.Key == f.Value ?> selected<?cs /if ?>><?cs var:v.Name ?></option><?cs /each ?>
    </select>
    <?cs elif:f.Type == "text" ?>
    <textarea id="<?cs var:P.FieldId ?>" name="<?cs var:P.FieldId ?>" rows="3"<?cs if:f.Error ?> aria-invalid="true" aria-describedby="<?cs var:P.FieldId ?>-error"<?cs /if ?>><?cs var:f.Value ?></textarea>
    <?cs else ?>
    <input id="<?cs var:P.FieldId ?>" name="<?cs var:P.FieldId ?>" <?cs if:f.Type == "datetime" ?>type="datetime-local"<?cs elif:f.Type == "number" ?>type="text" inputmode="decimal"<?cs else ?>type="text" maxlength="200"<?cs /if ?> value="<?cs var:f.Value ?>"<?cs if:f.Error ?> aria-invalid="true" aria-describedby="<?cs var:P.FieldId ?>-error"<?cs /if ?>>
    <?cs /if ?>
  <?cs /if ?>
    <?cs if:f.Help ?><span class="hint"><?cs var:f.Help ?></span><?cs /if ?>
    <?cs if:f.Error ?><p class="field-error" id="<?cs var:P.FieldId ?>-error"><?cs var:L.Page.Report.FieldError[f.Error] ?></p><?cs /if ?>
  </div>
  <?cs /each ?>

  <fieldset class="report-place"<?cs if:P.Errors.Place ?> aria-describedby="place-error"<?cs /if ?>>
    <legend><?cs var:L.Page.Report.Place ?></legend>
    <?cs if:P.Errors.Place ?><p class="field-error" id="place-error"><?cs var:L.Page.Report.Error[P.Errors.Place] ?></p><?cs /if ?>
    <?cs if:P.OutsideAsk || P.Form.OutsideOk ?><p class="outside-confirm"><label><input type="checkbox" name="outside_ok" value="1"<?cs if:P.Form.OutsideOk ?> checked<?cs /if ?>> <?cs var:L.Page.Report.OutsideOk ?></label></p><?cs /if ?>
    <?cs if:P.Map.TileUrl ?>
    <p class="hint"><?cs var:L.Page.Report.PlaceHint ?></p>
    <div id="report-map" class="report-map" role="application" aria-label="<?cs var:L.Page.Report.MapLabel ?>"
      data-tiles="<?cs var:P.Map.TileUrl ?>" data-attribution="<?cs var:P.Map.Attribution ?>"
      data-lat="<?cs var:P.Map.Lat ?>" data-lon="<?cs var:P.Map.Lon ?>"></div>
    <?cs /if ?>
    <p class="coordinates">
      <label for="lat"><?cs var:L.Page.Report.Lat ?></label>
      <input id="lat" name="lat" type="text" inputmode="decimal" maxlength="40" value="<?cs var:P.Form.Lat ?>">
      <label for="lon"><?cs var:L.Page.Report.Lon ?></label>
      <input id="lon" name="lon" type="text" inputmode="decimal" maxlength="40" value="<?cs var:P.Form.Lon ?>">
      <span class="hint"><?cs var:L.Page.Report.CoordHint ?></span>
    </p>
    <p class="address-search" data-gmina="<?cs var:P.Gmina.Terc ?>">
      <label for="address_q"><?cs var:L.Page.Report.Address ?></label>
      <input id="address_q" name="address_q" type="search" maxlength="100" autocomplete="off" value="<?cs var:P.Form.AddressQ ?>">
      <button type="submit" name="action" value="search" class="secondary" formnovalidate><?cs var:L.Page.Report.AddressSearch ?></button>
      <span class="hint"><?cs var:L.Page.Report.AddressHint ?></span>
    </p>
    <ul class="address-suggestions" id="address-suggestions" hidden></ul>
    <?cs if:P.AddressSearched && subcount(P.AddressResults) > 0 ?>
    <fieldset class="address-results">
      <legend><?cs var:L.Page.Report.AddressPick ?></legend>
      <?cs each:a = P.AddressResults ?>
      <label><input type="radio" name="point" value="<?cs var:a.Id ?>"<?cs if:a.Id == P.Form.Point ?> checked<?cs /if ?>> <?cs var:a.Label ?></label>
      <?cs /each ?>
    </fieldset>
    <?cs elif:P.Form.Point ?>
    <p class="address-chosen"><label><input type="checkbox" name="point" value="<?cs var:P.Form.Point ?>" checked> <?cs var:L.Page.Report.AddressChosen ?>: <?cs var:P.Form.PointLabel ?></label></p>
    <?cs /if ?>
    <div id="nearby-live" class="nearby" aria-live="polite"></div>
  </fieldset>

  <p class="field">
    <label for="description"><?cs var:L.Page.Report.Description ?></label>
    <textarea id="description" name="description" rows="6" data-max="<?cs var:P.Form.Max ?>" aria-describedby="description-hint description-count<?cs if:P.Errors.Description ?> description-error<?cs /if ?>"<?cs if:P.Errors.Description ?> aria-invalid="true"<?cs /if ?>><?cs var:P.Form.Description ?></textarea>
    <span class="hint" id="description-hint"><?cs var:L.Page.Report.DescriptionHint ?></span>
    <span class="counter" id="description-count"><?cs var:L.Page.Report.Counter ?> <output id="description-length"><?cs if:P.Form.Length ?><?cs var:P.Form.Length ?><?cs else ?>0<?cs /if ?></output> / <?cs var:P.Form.Max ?></span>
    <?cs if:P.Errors.Description ?><span class="field-error" id="description-error"><?cs var:L.Page.Report.Error[P.Errors.Description] ?></span><?cs /if ?>
  </p>

  <p class="field">
    <label for="photo"><?cs var:L.Page.Report.Photos ?></label>
    <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby="photo-hint<?cs if:P.Errors.Photos ?> photo-error<?cs /if ?>">
    <span class="hint" id="photo-hint"><?cs var:L.Page.Report.PhotosHint ?></span>
    <?cs if:P.Errors.Photos ?><span class="field-error" id="photo-error"><?cs var:P.Errors.PhotoText ?></span>
    <?cs elif:P.PhotosAgain == 1 ?><span class="field-error" id="photo-error"><?cs var:L.Page.Report.PhotosAgain ?></span><?cs /if ?>
  </p>

  <p class="field">
    <label for="author_name"><?cs var:L.Page.Report.Name ?></label>
    <input id="author_name" name="author_name" type="text" maxlength="100" autocomplete="name" value="<?cs var:P.Form.Name ?>"<?cs if:P.Errors.Name ?> aria-invalid="true" aria-describedby="name-error"<?cs /if ?>>
    <?cs if:P.Errors.Name ?><span class="field-error" id="name-error"><?cs var:L.Page.Report.Error[P.Errors.Name] ?></span><?cs /if ?>
  </p>
  <p class="field"><label><input type="checkbox" name="anonymous" value="1"<?cs if:P.Form.Anonymous == 1 ?> checked<?cs /if ?>> <?cs var:L.Page.Report.Anonymous ?></label></p>

  <?cs if:P.SignedIn == 1 ?>
  <p class="hint"><?cs var:L.Page.Report.SignedInHint ?></p>
  <?cs else ?>
  <p class="field">
    <label for="email"><?cs var:L.Page.Report.Email ?></label>
    <input id="email" name="email" type="email" maxlength="254" autocomplete="email" value="<?cs var:P.Form.Email ?>" aria-describedby="email-hint<?cs if:P.Errors.Email ?> email-error<?cs /if ?>"<?cs if:P.Errors.Email ?> aria-invalid="true"<?cs /if ?>>
    <span class="hint" id="email-hint"><?cs var:L.Page.Report.EmailHint ?></span>
    <?cs if:P.Errors.Email ?><span class="field-error" id="email-error"><?cs var:L.Page.Report.Error[P.Errors.Email] ?></span><?cs /if ?>
  </p>
  <p class="hint"><?cs var:L.Page.Report.LoginHint ?> <a href="/konto/logowanie?next=<?cs var:url_escape(P.Path + "?kategoria=" + P.Category.Id) ?>"><?cs var:L.Page.Report.Login ?></a></p>
  <?cs /if ?>

  <p><button type="submit" name="action" value="send"><?cs if:P.NearbyStep ?><?cs var:L.Page.Report.SendAnyway ?><?cs else ?><?cs var:L.Page.Report.Send ?><?cs /if ?></button></p>
</form>
<?cs include:"footer.cs" ?>
