<?cs if:P.Triage == 1 ?><?cs set:P.Title = L.Page.Office.TriageTitle ?><?cs else ?><?cs set:P.Title = L.Page.Office.ListTitle ?><?cs /if ?><?cs include:"header.cs" ?>
<?cs include:"office_nav.cs" ?>
<h1><?cs var:P.Title ?> <span class="meta"><?cs var:P.Office.Gmina ?></span></h1>
<form method="get" action="<?cs var:P.Path ?>" class="office-filters" role="search">
  <label><?cs var:L.Page.Office.Filter.Status ?>
    <select name="status">
      <option value=""><?cs var:L.Page.Office.Filter.Any ?></option>
      <option value="open"<?cs if:P.Filter.status == "open" ?> selected<?cs /if ?>><?cs var:L.Page.Office.Filter.Open ?></option>
      <?cs each:s = P.Statuses ?><option value="<?cs var:s.Code ?>"<?cs if:P.Filter.status == s.Code ?> selected<?cs /if ?>><?cs var:s.Name ?></option><?cs /each ?>
    </select></label>
  <label><?cs var:L.Page.Office.Filter.Category ?>
    <select name="category">
      <option value=""><?cs var:L.Page.Office.Filter.Any ?></option>
      <?cs each:c = P.Categories ?><option value="<?cs var:c.Id ?>"<?cs if:P.Filter.category == c.Id ?> selected<?cs /if ?>><?cs if:c.Child == 1 ?>– <?cs /if ?><?cs var:c.Name ?></option><?cs /each ?>
    </select></label>
  <label><?cs var:L.Page.Office.Filter.Unit ?>
    <select name="unit">
      <option value=""><?cs var:L.Page.Office.Filter.Any ?></option>
      <?cs each:u = P.Units ?><option value="<?cs var:u.Id ?>"<?cs if:P.Filter.unit == u.Id ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?>
    </select></label>
  <label><?cs var:L.Page.Office.Filter.Assignee ?>
    <select name="assignee">
      <option value=""><?cs var:L.Page.Office.Filter.Any ?></option>
      <option value="me"<?cs if:P.Filter.assignee == "me" ?> selected<?cs /if ?>><?cs var:L.Page.Office.Filter.Me ?></option>
      <option value="none"<?cs if:P.Filter.assignee == "none" ?> selected<?cs /if ?>><?cs var:L.Page.Office.Filter.Nobody ?></option>
      <?cs each:o = P.Operators ?><option value="<?cs var:o.Id ?>"<?cs if:P.Filter.assignee == o.Id ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
    </select></label>
  <label><input type="checkbox" name="overdue" value="1"<?cs if:P.Filter.overdue ?> checked<?cs /if ?>> <?cs var:L.Page.Office.Filter.Overdue ?></label>
  <label><?cs var:L.Page.Office.Filter.From ?> <input type="date" name="from" value="<?cs var:P.Filter.from ?>"></label>
  <label><?cs var:L.Page.Office.Filter.To ?> <input type="date" name="to" value="<?cs var:P.Filter.to ?>"></label>
  <label><?cs var:L.Page.Office.Filter.Text ?> <input type="search" name="q" maxlength="100" value="<?cs var:P.Filter.q ?>"></label>
  <label><?cs var:L.Page.Office.Filter.Sort ?>
    <select name="sort">
      <option value="newest"><?cs var:L.Page.Office.Sort.newest ?></option>
      <option value="oldest"<?cs if:P.Filter.sort == "oldest" ?> selected<?cs /if ?>><?cs var:L.Page.Office.Sort.oldest ?></option>
      <option value="deadline"<?cs if:P.Filter.sort == "deadline" ?> selected<?cs /if ?>><?cs var:L.Page.Office.Sort.deadline ?></option>
      <option value="updated"<?cs if:P.Filter.sort == "updated" ?> selected<?cs /if ?>><?cs var:L.Page.Office.Sort.updated ?></option>
    </select></label>
  <button type="submit"><?cs var:L.Page.Office.Filter.Apply ?></button>
</form>
<p class="office-count"><span class="count"><?cs var:P.CountText ?></span><?cs if:P.OverdueCount > 0 ?>, <span class="overdue-count"><?cs var:L.Page.Office.Including ?> <?cs var:P.OverdueText ?></span><?cs /if ?>
 · <a class="export" href="/urzad/<?cs var:P.Office.Terc ?>/zgloszenia.csv<?cs if:P.FilterQuery ?>?<?cs var:P.FilterQuery ?><?cs /if ?>"><?cs var:L.Page.Office.Export ?></a></p>
<?cs if:P.Count == 0 ?>
<p class="empty"><?cs var:L.Page.Office.NoReports ?></p>
<?cs else ?>
<table class="office-list">
  <thead><tr><th scope="col"><?cs var:L.Page.Office.Col.Number ?></th><th scope="col"><?cs var:L.Page.Office.Col.Status ?></th><th scope="col"><?cs var:L.Page.Office.Col.Category ?></th><th scope="col"><?cs var:L.Page.Office.Col.Description ?></th><th scope="col"><?cs var:L.Page.Office.Col.Unit ?></th><th scope="col"><?cs var:L.Page.Office.Col.Created ?></th><th scope="col"><?cs var:L.Page.Office.Col.Deadline ?></th></tr></thead>
  <tbody>
  <?cs each:row = P.Rows ?>
  <tr class="report<?cs if:row.Overdue == 1 ?> overdue<?cs /if ?>" data-number="<?cs var:row.Number ?>">
    <td><a href="/urzad/<?cs var:P.Office.Terc ?>/zgloszenia/<?cs var:row.Number ?>"><?cs var:row.Number ?></a></td>
    <td class="status status-<?cs var:row.Status ?>"><?cs var:row.StatusName ?><?cs if:row.Triage == 1 ?> <span class="badge triage"><?cs var:L.Page.Office.TriageBadge ?></span><?cs /if ?><?cs if:row.Hidden == 1 ?> <span class="badge hidden"><?cs var:L.Page.Office.HiddenBadge ?></span><?cs /if ?></td>
    <td><?cs var:row.Category ?></td>
    <td class="description"><?cs var:row.Description ?><?cs if:row.Address ?><br><span class="meta"><?cs var:row.Address ?></span><?cs /if ?></td>
    <td><?cs var:row.Unit ?><?cs if:row.Assignee ?><br><span class="meta assignee"><?cs var:row.Assignee ?></span><?cs /if ?></td>
    <td><?cs var:row.Created ?></td>
    <td><?cs var:row.Deadline ?><?cs if:row.Overdue == 1 ?> <strong class="overdue-mark"><?cs var:L.Page.Office.OverdueMark ?></strong><?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<nav class="pager" aria-label="<?cs var:L.Page.Office.Pages ?>">
<?cs if:P.Paged == 1 ?><a class="first" href="<?cs var:P.Path ?><?cs if:P.FilterQuery ?>?<?cs var:P.FilterQuery ?><?cs /if ?>"><?cs var:L.Page.Office.FirstPage ?></a><?cs /if ?>
<?cs if:P.NextQuery ?><a class="next" rel="next" href="<?cs var:P.Path ?>?<?cs var:P.NextQuery ?>"><?cs var:L.Page.Office.NextPage ?></a><?cs /if ?>
</nav>
<?cs include:"footer.cs" ?>
