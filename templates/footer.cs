</main>
<footer class="site-footer">
  <p><?cs var:L.Page.Footer ?></p>
</footer>
</body>
</html>
