<hr style="border: 0; border-top: 1px solid #cccccc;">
<p style="font-size: 13px; color: #555555;"><?cs var:L.Mail.Signature ?><br><a href="<?cs var:Site.BaseUrl ?>/" style="color: #1a4f8b;"><?cs var:Site.BaseUrl ?></a></p>
</body>
</html>
