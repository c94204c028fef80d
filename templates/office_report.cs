<?cs set:P.Title = L.Page.Office.ReportTitle + " " + P.Report.Number ?><?cs include:"header.cs" ?>
<?cs include:"office_nav.cs" ?>
<h1><?cs var:L.Page.Office.ReportTitle ?> <span class="number"><?cs var:P.Report.Number ?></span></h1>
<p class="report-state"><span class="status status-<?cs var:P.Report.Status ?>"><?cs var:P.Report.StatusName ?></span>
<?cs if:P.Report.Public == 0 ?><span class="badge not-public"><?cs var:L.Page.Office.NotPublicBadge ?></span><?cs /if ?>
<?cs if:P.Report.Hidden == 1 ?><span class="badge hidden"><?cs var:L.Page.Office.HiddenBadge ?></span><?cs /if ?>
<?cs if:P.Report.Triage == 1 ?><span class="badge triage"><?cs var:L.Page.Office.TriageBadge ?></span><?cs /if ?>
<?cs if:P.Report.Overdue == 1 ?><strong class="overdue-mark"><?cs var:L.Page.Office.OverdueMark ?></strong><?cs /if ?></p>
<?cs if:P.Done ?><p class="notice done" role="status"><?cs var:P.Done ?></p><?cs /if ?>
<?cs if:P.Error ?><p class="notice error" role="alert"><?cs var:P.Error ?></p><?cs /if ?>
<dl class="report-details">
  <dt><?cs var:L.Page.Office.Col.Category ?></dt><dd class="category"><?cs var:P.Report.Category ?></dd>
  <dt><?cs var:L.Page.Office.Col.Unit ?></dt><dd class="unit"><?cs var:P.Report.Unit ?></dd>
  <dt><?cs var:L.Page.Office.Assignee ?></dt><dd class="assignee"><?cs if:P.Report.Assignee ?><?cs var:P.Report.Assignee ?><?cs else ?><?cs var:L.Page.Office.Filter.Nobody ?><?cs /if ?></dd>
  <dt><?cs var:L.Page.Office.Author ?></dt><dd class="author"><?cs var:P.Report.AuthorName ?> <?cs if:P.Report.AuthorEmail ?><a href="mailto:<?cs var:P.Report.AuthorEmail ?>"><?cs var:P.Report.AuthorEmail ?></a><?cs /if ?><?cs if:P.Report.Anonymous == 1 ?> <span class="badge"><?cs var:L.Page.Office.Anonymous ?></span><?cs /if ?><?cs if:P.Report.Source == "open311" ?> <span class="badge"><?cs var:L.Page.Office.FromApi ?></span><?cs /if ?></dd>
  <dt><?cs var:L.Page.Office.Place ?></dt><dd class="place"><?cs var:P.Report.Address ?><?cs if:P.Report.Lat ?><?cs if:P.Report.Address ?> <?cs /if ?>(<?cs var:P.Report.Lat ?>, <?cs var:P.Report.Lon ?>)<?cs /if ?></dd>
  <dt><?cs var:L.Page.Office.Col.Created ?></dt><dd><?cs var:P.Report.Created ?></dd>
  <?cs if:P.Report.Confirmed ?><dt><?cs var:L.Page.Office.Confirmed ?></dt><dd><?cs var:P.Report.Confirmed ?></dd><?cs /if ?>
  <dt><?cs var:L.Page.Office.Col.Deadline ?></dt><dd class="deadline"><?cs if:P.Report.Deadline ?><?cs var:P.Report.Deadline ?><?cs else ?>–<?cs /if ?></dd>
  <?cs if:P.Report.Closed ?><dt><?cs var:L.Page.Office.Closed ?></dt><dd><?cs var:P.Report.Closed ?></dd><?cs /if ?>
  <?cs if:P.Report.DuplicateOf ?><dt><?cs var:L.Page.Office.DuplicateOf ?></dt><dd><a class="original" href="/urzad/<?cs var:P.Office.Terc ?>/zgloszenia/<?cs var:P.Report.DuplicateOf ?>"><?cs var:P.Report.DuplicateOf ?></a></dd><?cs /if ?>
  <dt><?cs var:L.Page.Office.Followers ?></dt><dd class="followers"><?cs var:P.Report.Followers ?></dd>
  <?cs each:f = P.Fields ?><dt class="field"><?cs var:f.Label ?></dt><dd class="field text"><?cs var:f.Value ?></dd><?cs /each ?>
</dl>
<h2><?cs var:L.Page.Office.Col.Description ?></h2>
<p class="description text"><?cs var:P.Report.Description ?></p>
<?cs if:subcount(P.Photos) > 0 ?>
<h2><?cs var:L.Page.Office.Photos ?></h2>
<ul class="photos">
  <?cs each:ph = P.Photos ?>
  <li class="photo" data-photo="<?cs var:ph.Id ?>"><a href="/urzad/<?cs var:P.Office.Terc ?>/zgloszenia/<?cs var:P.Report.Number ?>/zdjecia/<?cs var:ph.Id ?>"><img src="/urzad/<?cs var:P.Office.Terc ?>/zgloszenia/<?cs var:P.Report.Number ?>/zdjecia/<?cs var:ph.Id ?>?size=thumb" alt="<?cs var:L.Page.Office.PhotoAlt ?>" loading="lazy"></a> <?cs var:ph.Width ?>×<?cs var:ph.Height ?> px<?cs if:ph.Hidden == 1 ?> <span class="badge hidden"><?cs var:L.Page.Office.HiddenBadge ?></span><?cs /if ?>
    <?cs if:P.CanModerate == 1 ?>
    <form method="post" class="inline" action="/urzad/<?cs var:P.Office.Terc ?>/zgloszenia/<?cs var:P.Report.Number ?>/zdjecia/<?cs var:ph.Id ?>/<?cs if:ph.Hidden == 1 ?>odkryj<?cs else ?>ukryj<?cs /if ?>">
      <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>"><input type="hidden" name="version" value="<?cs var:P.Report.Version ?>">
      <button type="submit"><?cs if:ph.Hidden == 1 ?><?cs var:L.Page.Office.Unhide ?><?cs else ?><?cs var:L.Page.Office.Hide ?><?cs /if ?></button>
    </form><?cs /if ?></li>
  <?cs /each ?>
</ul>
<?cs /if ?>
<?cs def:form_start(action, cls) ?><form method="post" class="office-action <?cs var:cls ?>" action="/urzad/<?cs var:P.Office.Terc ?>/zgloszenia/<?cs var:P.Report.Number ?>/<?cs var:action ?>"><input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>"><input type="hidden" name="version" value="<?cs var:P.Report.Version ?>"><?cs /def ?>
<h2><?cs var:L.Page.Office.Actions ?></h2>
<?cs if:P.CanConfirm == 1 ?>
<?cs call:form_start("potwierdz", "confirm") ?>
  <p class="hint"><?cs var:L.Page.Office.ConfirmHint ?></p>
  <button type="submit"><?cs var:L.Page.Office.Confirm ?></button>
</form>
<?cs /if ?>
<?cs if:P.CanReject == 1 ?>
<?cs call:form_start("odrzuc", "reject") ?>
  <label for="reject_reason"><?cs var:L.Page.Office.RejectReason ?></label>
  <textarea id="reject_reason" name="reject_reason" rows="3" maxlength="4000"><?cs var:P.Form.reject_reason ?></textarea>
  <button type="submit"><?cs var:L.Page.Office.Reject ?></button>
</form>
<?cs /if ?>
<?cs if:subcount(P.Moves) > 0 ?>
<?cs call:form_start("status", "move") ?>
  <label for="to"><?cs var:L.Page.Office.MoveTo ?></label>
  <select id="to" name="to"><?cs each:m = P.Moves ?><option value="<?cs var:m.Code ?>"><?cs var:m.Name ?></option><?cs /each ?></select>
  <label for="move_text"><?cs var:L.Page.Office.MoveText ?></label>
  <textarea id="move_text" name="text" rows="3" maxlength="4000"><?cs var:P.Form.text ?></textarea>
  <button type="submit"><?cs var:L.Page.Office.Move ?></button>
</form>
<?cs /if ?>
<?cs if:P.CanMerge == 1 ?>
<?cs call:form_start("scal", "merge") ?>
  <label for="original"><?cs var:L.Page.Office.Original ?></label>
  <input id="original" name="original" list="candidates" maxlength="20" value="<?cs var:P.Form.original ?>" placeholder="2026-000123">
  <datalist id="candidates"><?cs each:c = P.Candidates ?><option value="<?cs var:c.Number ?>"><?cs var:c.Description ?></option><?cs /each ?></datalist>
  <button type="submit"><?cs var:L.Page.Office.Merge ?></button>
</form>
<?cs /if ?>
<?cs call:form_start("przydziel", "assign") ?>
  <label for="assignee"><?cs var:L.Page.Office.AssignTo ?></label>
  <select id="assignee" name="assignee"><option value=""><?cs var:L.Page.Office.Filter.Nobody ?></option><?cs each:op = P.Operators ?><option value="<?cs var:op.Id ?>"<?cs if:op.Id == P.Report.AssigneeId ?> selected<?cs /if ?>><?cs var:op.Name ?></option><?cs /each ?></select>
  <button type="submit"><?cs var:L.Page.Office.Assign ?></button>
</form>
<?cs if:subcount(P.Units) > 0 ?>
<?cs call:form_start("przekaz", "transfer") ?>
  <label for="unit"><?cs var:L.Page.Office.TransferTo ?></label>
  <select id="unit" name="unit"><?cs each:u = P.Units ?><option value="<?cs var:u.Id ?>"><?cs var:u.Name ?></option><?cs /each ?></select>
  <label for="transfer_reason"><?cs var:L.Page.Office.TransferReason ?></label>
  <textarea id="transfer_reason" name="transfer_reason" rows="2" maxlength="4000"><?cs var:P.Form.transfer_reason ?></textarea>
  <button type="submit"><?cs var:L.Page.Office.Transfer ?></button>
</form>
<?cs /if ?>
<?cs call:form_start("notatka", "note") ?>
  <label for="note"><?cs var:L.Page.Office.Note ?></label>
  <p class="hint"><?cs var:L.Page.Office.NoteHint ?></p>
  <textarea id="note" name="note" rows="3" maxlength="4000"><?cs var:P.Form.note ?></textarea>
  <button type="submit"><?cs var:L.Page.Office.AddNote ?></button>
</form>
<?cs if:subcount(P.Templates) > 0 ?>
<form method="get" class="office-templates" action="/urzad/<?cs var:P.Office.Terc ?>/zgloszenia/<?cs var:P.Report.Number ?>#update">
  <label for="template"><?cs var:L.Page.Office.Template ?></label>
  <select id="template" name="template"><?cs each:t = P.Templates ?><option value="<?cs var:t.Id ?>"><?cs var:t.Title ?></option><?cs /each ?></select>
  <button type="submit"><?cs var:L.Page.Office.InsertTemplate ?></button>
</form>
<?cs /if ?>
<?cs call:form_start("odpowiedz", "update") ?>
  <label for="update"><?cs var:L.Page.Office.Update ?></label>
  <p class="hint"><?cs var:L.Page.Office.UpdateHint ?></p>
  <textarea id="update" name="update" rows="4" maxlength="4000"><?cs var:P.Form.update ?></textarea>
  <button type="submit"><?cs var:L.Page.Office.Publish ?></button>
</form>
<?cs if:P.CanModerate == 1 ?>
<?cs call:form_start("edycja", "edit") ?>
  <label for="description"><?cs var:L.Page.Office.EditDescription ?></label>
  <textarea id="description" name="description" rows="5" maxlength="4000"><?cs if:P.Form.description ?><?cs var:P.Form.description ?><?cs else ?><?cs var:P.Report.Description ?><?cs /if ?></textarea>
  <label for="address"><?cs var:L.Page.Office.EditAddress ?></label>
  <input id="address" name="address" maxlength="255" value="<?cs if:P.Form.address ?><?cs var:P.Form.address ?><?cs else ?><?cs var:P.Report.Address ?><?cs /if ?>">
  <p class="hint"><?cs var:L.Page.Office.EditHint ?></p>
  <button type="submit"><?cs var:L.Page.Office.Save ?></button>
</form>
<?cs if:P.Report.Hidden == 1 ?><?cs call:form_start("odkryj", "unhide") ?><button type="submit"><?cs var:L.Page.Office.UnhideReport ?></button></form>
<?cs else ?><?cs call:form_start("ukryj", "hide") ?><button type="submit"><?cs var:L.Page.Office.HideReport ?></button></form><?cs /if ?>
<?cs /if ?>
<h2><?cs var:L.Page.Office.History ?></h2>
<ol class="history">
  <?cs each:e = P.Events ?>
  <li class="event event-<?cs var:e.Kind ?><?cs if:e.Public == 0 ?> internal<?cs /if ?>" data-event="<?cs var:e.Id ?>">
    <span class="time"><?cs var:e.Time ?></span> · <strong><?cs var:e.KindName ?></strong>
    <?cs if:e.ToStatus ?><span class="move"><?cs if:e.FromStatus ?><?cs var:e.FromStatus ?> → <?cs /if ?><?cs var:e.ToStatus ?></span><?cs /if ?>
    <?cs if:e.ToUnit ?><span class="units"><?cs if:e.FromUnit ?><?cs var:e.FromUnit ?> → <?cs /if ?><?cs var:e.ToUnit ?></span><?cs /if ?>
    · <span class="actor"><?cs if:e.Actor ?><?cs var:e.Actor ?><?cs else ?><?cs var:L.Page.Office.ActorKind[e.ActorKind] ?><?cs /if ?></span>
    <?cs if:e.Public == 0 ?><span class="badge internal"><?cs var:L.Page.Office.Internal ?></span><?cs /if ?>
    <?cs if:e.Body ?><p class="body text"><?cs var:e.Body ?></p><?cs /if ?>
    <?cs if:e.PreviousDescription ?><details class="previous"><summary><?cs var:L.Page.Office.Previous ?></summary><p class="text"><?cs var:e.PreviousDescription ?></p><?cs if:e.PreviousAddress ?><p class="meta"><?cs var:e.PreviousAddress ?></p><?cs /if ?></details><?cs /if ?>
  </li>
  <?cs /each ?>
</ol>
<?cs include:"footer.cs" ?>
