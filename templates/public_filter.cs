<form class="report-filter" method="get" action="<?cs var:P.FilterAction ?>" aria-label="<?cs var:L.Page.Reports.Filter ?>">
  <p>
    <label for="f-kategoria"><?cs var:L.Page.Reports.Category ?></label>
    <select id="f-kategoria" name="kategoria">
      <option value=""><?cs var:L.Page.Reports.AnyCategory ?></option>
      <?cs each:c = P.Categories ?><option value="<?cs var:c.Id ?>"<?cs if:c.Selected == 1 ?> selected<?cs /if ?>><?cs if:c.Depth == 1 ?>– <?cs elif:c.Depth == 2 ?>– – <?cs /if ?><?cs var:c.Name ?></option><?cs /each ?>
    </select>
  </p>
  <p>
    <label for="f-status"><?cs var:L.Page.Reports.Status ?></label>
    <select id="f-status" name="status">
      <option value=""><?cs var:L.Page.Reports.AnyStatus ?></option>
      <?cs each:s = P.Statuses ?><option value="<?cs var:s.Code ?>"<?cs if:s.Selected == 1 ?> selected<?cs /if ?>><?cs var:s.Name ?></option><?cs /each ?>
    </select>
  </p>
  <?cs if:subcount(P.Areas) > 0 ?>
  <p>
    <label for="f-obszar"><?cs var:L.Page.Reports.Area ?></label>
    <select id="f-obszar" name="obszar">
      <option value=""><?cs var:L.Page.Reports.AnyArea ?></option>
      <?cs each:a = P.Areas ?><option value="<?cs var:a.Id ?>"<?cs if:a.Selected == 1 ?> selected<?cs /if ?>><?cs var:a.Name ?></option><?cs /each ?>
    </select>
  </p>
  <?cs /if ?>
  <p>
    <label for="f-od"><?cs var:L.Page.Reports.From ?></label>
    <input id="f-od" name="od" type="date" value="<?cs var:P.Filter.From ?>">
  </p>
  <p>
    <label for="f-do"><?cs var:L.Page.Reports.To ?></label>
    <input id="f-do" name="do" type="date" value="<?cs var:P.Filter.To ?>">
  </p>
  <p class="filter-actions">
    <button type="submit"><?cs var:L.Page.Reports.Apply ?></button>
    <?cs if:P.Filter.Active == 1 ?><a href="<?cs var:P.FilterAction ?>"><?cs var:L.Page.Reports.Clear ?></a><?cs /if ?>
  </p>
</form>
