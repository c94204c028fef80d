<?cs set:P.Title = P.Category.0.name_pl ?><?cs include:"header.cs" ?>
<?cs include:"admin_nav.cs" ?>
<h1><?cs var:P.Category.0.name_pl ?></h1>
<form method="post" action="<?cs var:P.Admin.Base ?>/kategorie/<?cs var:P.Category.0.id ?>" class="admin-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs include:"admin_category_fields.cs" ?>
  <p><label><input type="checkbox" name="active" value="1"<?cs if:P.Form.active == 1 ?> checked<?cs /if ?>> <?cs var:L.Page.Admin.Category.ActiveLabel ?></label></p>
  <p><button type="submit"><?cs var:L.Page.Admin.Save ?></button> <a href="<?cs var:P.Admin.Base ?>/kategorie"><?cs var:L.Page.Admin.Back ?></a></p>
</form>
<h2><?cs var:L.Page.Admin.Field.Title ?></h2>
<?cs each:f = P.Fields ?>
<section class="admin-field">
  <h3><?cs var:f.LabelPl ?> (<code><?cs var:f.Code ?></code>)</h3>
  <?cs if:P.FieldForm == f.Id ?>
    <?cs set:P.FF.code = P.Form.f_code ?><?cs set:P.FF.datatype = P.Form.f_datatype ?><?cs set:P.FF.required = P.Form.f_required ?><?cs set:P.FF.label_pl = P.Form.f_label_pl ?><?cs set:P.FF.label_en = P.Form.f_label_en ?><?cs set:P.FF.help_pl = P.Form.f_help_pl ?><?cs set:P.FF.help_en = P.Form.f_help_en ?><?cs set:P.FF.values = P.Form.f_values ?>
  <?cs else ?>
    <?cs set:P.FF.code = f.Code ?><?cs set:P.FF.datatype = f.Datatype ?><?cs set:P.FF.required = f.Required ?><?cs set:P.FF.label_pl = f.LabelPl ?><?cs set:P.FF.label_en = f.LabelEn ?><?cs set:P.FF.help_pl = f.HelpPl ?><?cs set:P.FF.help_en = f.HelpEn ?><?cs set:P.FF.values = f.Values ?>
  <?cs /if ?>
  <?cs set:P.FF.Suffix = "_" + f.Id ?>
  <form method="post" action="<?cs var:P.Admin.Base ?>/kategorie/<?cs var:P.Category.0.id ?>/pola/<?cs var:f.Id ?>" class="admin-form">
    <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
    <?cs include:"admin_field_form.cs" ?>
    <p><button type="submit"><?cs var:L.Page.Admin.Save ?></button></p>
  </form>
  <form method="post" action="<?cs var:P.Admin.Base ?>/kategorie/<?cs var:P.Category.0.id ?>/pola/<?cs var:f.Id ?>/usun" class="inline">
    <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>"><button type="submit" class="secondary"><?cs var:L.Page.Admin.Field.Delete ?></button>
  </form>
</section>
<?cs /each ?>
<h3><?cs var:L.Page.Admin.Field.Add ?></h3>
<?cs if:P.FieldForm == -1 ?>
  <?cs set:P.FF.code = P.Form.f_code ?><?cs set:P.FF.datatype = P.Form.f_datatype ?><?cs set:P.FF.required = P.Form.f_required ?><?cs set:P.FF.label_pl = P.Form.f_label_pl ?><?cs set:P.FF.label_en = P.Form.f_label_en ?><?cs set:P.FF.help_pl = P.Form.f_help_pl ?><?cs set:P.FF.help_en = P.Form.f_help_en ?><?cs set:P.FF.values = P.Form.f_values ?>
<?cs else ?>
  <?cs set:P.FF.code = "" ?><?cs set:P.FF.datatype = "string" ?><?cs set:P.FF.required = 0 ?><?cs set:P.FF.label_pl = "" ?><?cs set:P.FF.label_en = "" ?><?cs set:P.FF.help_pl = "" ?><?cs set:P.FF.help_en = "" ?><?cs set:P.FF.values = "" ?>
<?cs /if ?>
<?cs set:P.FF.Suffix = "_new" ?>
<form method="post" action="<?cs var:P.Admin.Base ?>/kategorie/<?cs var:P.Category.0.id ?>/pola" class="admin-form">
  <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">
  <?cs include:"admin_field_form.cs" ?>
  <p><button type="submit"><?cs var:L.Page.Admin.Field.Add ?></button></p>
</form>
<?cs include:"footer.cs" ?>
