<p><label for="name"><?cs var:L.Page.Admin.Area.Name ?></label>
  <input id="name" name="name" type="text" maxlength="120" required value="<?cs var:P.Form.name ?>"></p>
<p><label for="shape"><?cs var:L.Page.Admin.Area.Shape ?></label>
  <textarea id="shape" name="shape" rows="10" maxlength="60000" required spellcheck="false"><?cs var:P.Form.shape ?></textarea>
  <span class="hint"><?cs var:L.Page.Admin.Area.ShapeHint ?></span></p>
