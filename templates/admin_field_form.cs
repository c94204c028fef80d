<p><label for="f_code<?cs var:P.FF.Suffix ?>"><?cs var:L.Page.Admin.Field.Code ?></label>
  <input id="f_code<?cs var:P.FF.Suffix ?>" name="f_code" type="text" maxlength="40" required value="<?cs var:P.FF.code ?>"></p>
<p><label for="f_datatype<?cs var:P.FF.Suffix ?>"><?cs var:L.Page.Admin.Field.Datatype ?></label>
  <select id="f_datatype<?cs var:P.FF.Suffix ?>" name="f_datatype">
    <?cs each:k = L.Page.Admin.Field.Datatypes ?><option value="<?cs name:k ?>"<?cs if:P.FF.datatype == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?>
  </select></p>
<p><label><input type="checkbox" name="f_required" value="1"<?cs if:P.FF.required == 1 ?> checked<?cs /if ?>> <?cs var:L.Page.Admin.Field.Required ?></label></p>
<p><label for="f_label_pl<?cs var:P.FF.Suffix ?>"><?cs var:L.Page.Admin.Field.LabelPl ?></label>
  <input id="f_label_pl<?cs var:P.FF.Suffix ?>" name="f_label_pl" type="text" maxlength="200" required value="<?cs var:P.FF.label_pl ?>"></p>
<p><label for="f_label_en<?cs var:P.FF.Suffix ?>"><?cs var:L.Page.Admin.Field.LabelEn ?></label>
  <input id="f_label_en<?cs var:P.FF.Suffix ?>" name="f_label_en" type="text" maxlength="200" required value="<?cs var:P.FF.label_en ?>"></p>
<p><label for="f_help_pl<?cs var:P.FF.Suffix ?>"><?cs var:L.Page.Admin.Field.HelpPl ?></label>
  <textarea id="f_help_pl<?cs var:P.FF.Suffix ?>" name="f_help_pl" rows="2" maxlength="500"><?cs var:P.FF.help_pl ?></textarea></p>
<p><label for="f_help_en<?cs var:P.FF.Suffix ?>"><?cs var:L.Page.Admin.Field.HelpEn ?></label>
  <textarea id="f_help_en<?cs var:P.FF.Suffix ?>" name="f_help_en" rows="2" maxlength="500"><?cs var:P.FF.help_en ?></textarea></p>
<p><label for="f_values<?cs var:P.FF.Suffix ?>"><?cs var:L.Page.Admin.Field.Values ?></label>
  <textarea id="f_values<?cs var:P.FF.Suffix ?>" name="f_values" rows="4" maxlength="4000"><?cs var:P.FF.values ?></textarea>
  <span class="hint"><?cs var:L.Page.Admin.Field.ValuesHint ?></span></p>
