<ul class="fractions"><?cs each:f = day.Fractions ?><li class="fraction fr-<?cs var:f.Code ?>"><span class="swatch" aria-hidden="true"></span><?cs var:f.Name ?></li><?cs /each ?></ul>
