// Search as you type: suggests gminy or addresses from the JSON API under a search form.
// The forms work without this script; it only adds the suggestion list.
(function () {
  "use strict";

  var DELAY_MS = 150;

  function suggestionUrl(form, query) {
    var q = encodeURIComponent(query);
    if (form.dataset.suggest === "gminy") {
      return "/api/v1/gminy?q=" + q;
    }
    return "/api/v1/addresses?gmina=" + encodeURIComponent(form.dataset.gmina) + "&q=" + q;
  }

  function itemLink(form, item) {
    if (form.dataset.suggest === "gminy") {
      return { href: "/gmina/" + item.teryt, text: item.name,
        meta: item.kind + ", " + item.powiat + ", " + item.voivodeship };
    }
    return { href: "/gmina/" + item.gmina + "/adres/" + item.id, text: item.label, meta: "" };
  }

  function attach(form) {
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector(".suggestions");
    var status = form.querySelector("[role=status]");
    var timer = null;
    var selected = -1;
    var latest = 0;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      list.textContent = "";
      selected = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function select(index) {
      var items = list.querySelectorAll("li[role=option]");
      if (items.length === 0) {
        return;
      }
      selected = (index + items.length) % items.length;
      items.forEach(function (li, i) {
        li.setAttribute("aria-selected", i === selected ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[selected].id);
    }

    // Tells screen reader users how many suggestions appeared.
    function announce(count) {
      if (!status) {
        return;
      }
      var text = count === 0 ? status.dataset.countNone :
        count === 1 ? status.dataset.countOne : status.dataset.countMany;
      status.textContent = (text || "").replace("{value}", String(count));
    }

    function show(items, approximate) {
      list.textContent = "";
      selected = -1;
      if (approximate && items.length > 0 && status) {
        var note = document.createElement("li");
        note.className = "note";
        note.setAttribute("role", "presentation");
        note.textContent = status.dataset.approximate;
        list.appendChild(note);
      }
      items.slice(0, 10).forEach(function (item, i) {
        var link = itemLink(form, item);
        var li = document.createElement("li");
        var a = document.createElement("a");
        li.id = "suggestion-" + i;
        li.setAttribute("role", "option");
        a.href = link.href;
        a.textContent = link.text;
        if (link.meta) {
          var meta = document.createElement("span");
          meta.className = "meta";
          meta.textContent = link.meta;
          a.appendChild(meta);
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      announce(Math.min(items.length, 10));
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      var request = ++latest;
      if (query.length < 2) {
        close();
        return;
      }
      fetch(suggestionUrl(form, query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (data) {
          if (request === latest) {
            show(data.items || [], data.approximate === true);
          }
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        return;
      }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        select(selected + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && selected >= 0) {
        event.preventDefault();
        window.location.href = list.querySelectorAll("li[role=option] a")[selected].href;
      } else if (event.key === "Escape") {
        close();
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) {
        close();
      }
    });
  }

  document.querySelectorAll("form[data-suggest]").forEach(attach);
}());
