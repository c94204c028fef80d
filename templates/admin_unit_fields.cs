<p><label for="name"><?cs var:L.Page.Admin.Unit.Name ?></label>
  <input id="name" name="name" type="text" maxlength="200" required value="<?cs var:P.Form.name ?>"></p>
<p><label for="kind"><?cs var:L.Page.Admin.Unit.Kind ?></label>
  <select id="kind" name="kind">
    <?cs each:k = L.Page.Admin.Unit.Kinds ?><option value="<?cs name:k ?>"<?cs if:P.Form.kind == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?>
  </select></p>
<p><label for="email"><?cs var:L.Page.Admin.Unit.Email ?></label>
  <input id="email" name="email" type="email" maxlength="254" value="<?cs var:P.Form.email ?>">
  <span class="hint"><?cs var:L.Page.Admin.Unit.EmailHint ?></span></p>
