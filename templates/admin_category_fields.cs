<p><label for="code"><?cs var:L.Page.Admin.Category.Code ?></label>
  <input id="code" name="code" type="text" maxlength="40" required pattern="[A-Za-z0-9._\-]+" value="<?cs var:P.Form.code ?>">
  <span class="hint"><?cs var:L.Page.Admin.Category.CodeHint ?></span></p>
<p><label for="name_pl"><?cs var:L.Page.Admin.Category.NamePl ?></label>
  <input id="name_pl" name="name_pl" type="text" maxlength="120" required value="<?cs var:P.Form.name_pl ?>"></p>
<p><label for="name_en"><?cs var:L.Page.Admin.Category.NameEn ?></label>
  <input id="name_en" name="name_en" type="text" maxlength="120" required value="<?cs var:P.Form.name_en ?>"></p>
<p><label for="parent"><?cs var:L.Page.Admin.Category.Parent ?></label>
  <select id="parent" name="parent"><option value=""><?cs var:L.Page.Admin.Category.TopLevel ?></option>
    <?cs each:c = P.Tree ?><?cs if:c.Id != P.Category.0.id ?><option value="<?cs var:c.Id ?>"<?cs if:P.Form.parent == c.Id ?> selected<?cs /if ?>><?cs loop:i = 1, c.Depth ?>– <?cs /loop ?><?cs var:c.NamePl ?></option><?cs /if ?><?cs /each ?>
  </select></p>
<p><label for="help_pl"><?cs var:L.Page.Admin.Category.HelpPl ?></label>
  <textarea id="help_pl" name="help_pl" rows="3" maxlength="1000"><?cs var:P.Form.help_pl ?></textarea></p>
<p><label for="help_en"><?cs var:L.Page.Admin.Category.HelpEn ?></label>
  <textarea id="help_en" name="help_en" rows="3" maxlength="1000"><?cs var:P.Form.help_en ?></textarea></p>
<p><label for="keywords"><?cs var:L.Page.Admin.Category.Keywords ?></label>
  <input id="keywords" name="keywords" type="text" maxlength="255" value="<?cs var:P.Form.keywords ?>"></p>
<p><label for="default_unit"><?cs var:L.Page.Admin.Category.DefaultUnit ?></label>
  <select id="default_unit" name="default_unit"><option value=""><?cs var:L.Page.Admin.Category.NoUnit ?></option>
    <?cs each:u = P.Units ?><option value="<?cs var:u.Id ?>"<?cs if:P.Form.default_unit == u.Id ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?>
  </select></p>
<p><label for="deadline_days"><?cs var:L.Page.Admin.Category.Deadline ?></label>
  <input id="deadline_days" name="deadline_days" type="number" min="1" max="365" value="<?cs var:P.Form.deadline_days ?>"></p>
<p><label><input type="checkbox" name="public" value="1"<?cs if:P.Form.public == 1 || !P.Form.code ?> checked<?cs /if ?>> <?cs var:L.Page.Admin.Category.Public ?></label>
  <span class="hint"><?cs var:L.Page.Admin.Category.PublicHint ?></span></p>
