<!DOCTYPE html>
<html lang="<?cs var:L.Lang.Code ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:P.Title ?> – ratusz</title>
<link rel="stylesheet" href="/static/css/ratusz.css">
<script src="/static/js/search.js" defer></script>
<?cs if:P.Head.Leaflet ?><link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">
<script src="/static/vendor/leaflet/leaflet.js" defer></script>
<?cs /if ?><?cs if:P.Head.Script ?><script src="/static/js/<?cs var:P.Head.Script ?>" defer></script>
<?cs /if ?>
</head>
<body>
<a class="skip-link" href="#main"><?cs var:L.Page.SkipToContent ?></a>
<header class="site-header">
  <a class="brand" href="/">ratusz</a>
  <nav aria-label="<?cs var:L.Page.Account.Menu ?>"><a href="/konto"><?cs var:L.Page.Account.Nav ?></a></nav>
  <nav aria-label="<?cs var:L.Page.LanguageMenu ?>">
    <a href="/jezyk/<?cs var:L.Lang.OtherCode ?>?next=<?cs if:P.Query ?><?cs var:url_escape(P.Path + "?" + P.Query) ?><?cs else ?><?cs var:url_escape(P.Path) ?><?cs /if ?>" lang="<?cs var:L.Lang.OtherCode ?>" hreflang="<?cs var:L.Lang.OtherCode ?>"><?cs var:L.Lang.Other ?></a>
  </nav>
</header>
<main id="main">
