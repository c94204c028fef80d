<p><label for="name"><?cs var:L.Page.Admin.Area.Name ?></label>
  <input id="name" name="name" type="text" maxlength="120" required value="<?cs var:P.Form.name ?>"></p>
<p><label for="shape"><?cs var:L.Page.Admin.Area.Shape ?></label>
  <textarea id="shape" name="shape" rows="10" maxlength="60000" required spellcheck="false"><?cs var:P.Form.shape ?></textarea>
  <span class="hint"><?cs var:L.Page.Admin.Area.ShapeHint ?></span></p>
<?cs if:P.Map.TileUrl ?>
<div class="area-map-wrap" hidden>
  <div id="area-map" class="report-map" role="application" aria-label="<?cs var:L.Page.Admin.Area.MapLabel ?>"
    data-field="shape" data-clear="area-map-clear" data-tiles="<?cs var:P.Map.TileUrl ?>"
    data-attribution="<?cs var:P.Map.Attribution ?>" data-lat="<?cs var:P.Map.Lat ?>"
    data-lon="<?cs var:P.Map.Lon ?>" data-zoom="<?cs var:P.Map.Zoom ?>"></div>
  <p><span class="hint"><?cs var:L.Page.Admin.Area.MapHint ?></span>
    <button type="button" id="area-map-clear" class="secondary"><?cs var:L.Page.Admin.Area.MapClear ?></button></p>
</div>
<?cs /if ?>
