<?cs set:P.Title = L.Page.Account[P.Key].Title ?><?cs include:"header.cs" ?>
<h1><?cs var:L.Page.Account[P.Key].Title ?></h1>
<p class="lead"><?cs var:L.Page.Account[P.Key].Text ?></p>
<?cs if:P.Link ?><p><a href="<?cs var:P.Link ?>"><?cs var:L.Page.Account[P.LinkKey] ?></a></p><?cs /if ?>
<?cs include:"footer.cs" ?>
