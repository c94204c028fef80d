<p><label for="unit"><?cs var:L.Page.Admin.Template.Unit ?></label>
  <select id="unit" name="unit"><option value=""><?cs var:L.Page.Admin.Template.AllUnits ?></option>
    <?cs each:u = P.Units ?><option value="<?cs var:u.Id ?>"<?cs if:P.Form.unit == u.Id ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?>
  </select></p>
<p><label for="title"><?cs var:L.Page.Admin.Template.TitleLabel ?></label>
  <input id="title" name="title" type="text" maxlength="120" required value="<?cs var:P.Form.title ?>"></p>
<p><label for="body"><?cs var:L.Page.Admin.Template.Body ?></label>
  <textarea id="body" name="body" rows="6" maxlength="4000" required><?cs var:P.Form.body ?></textarea></p>
