// The report form: a character counter for the description, a Leaflet map that fills
// the latitude and longitude fields, address suggestions from /api/v1/addresses, and
// the open reports of the category near the pin or address. The form works without
// this script (fields and the address search button).
(function () {
  "use strict";

  var NEARBY_DELAY_MS = 300;
  var SUGGEST_DELAY_MS = 250;

  function attachCounter(form) {
    var area = form.querySelector("#description");
    var output = form.querySelector("#description-length");
    if (!area || !output) {
      return;
    }
    var max = parseInt(area.dataset.max, 10) || 4000;
    function update() {
      // Characters as the server counts them: code points, line breaks as one.
      var length = Array.from(area.value.replace(/\r\n/g, "\n")).length;
      output.textContent = String(length);
      output.parentNode.classList.toggle("over", length > max);
    }
    area.addEventListener("input", update);
    update();
  }

  function parseCoordinate(text) {
    var value = parseFloat(String(text).replace(",", "."));
    return isFinite(value) ? value : null;
  }

  function nearbyItem(form, item) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    var strong = document.createElement("strong");
    strong.textContent = item.number;
    link.href = item.url;
    link.appendChild(strong);
    li.appendChild(link);
    var meta = " (" + item.status_name +
      (item.distance_m !== undefined ? ", " + item.distance_m + " " + form.dataset.distanceWord : "") + ") ";
    li.appendChild(document.createTextNode(meta));
    var text = document.createElement("span");
    text.className = "nearby-description";
    text.textContent = item.description;
    li.appendChild(text);
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "secondary";
    button.formAction = item.url + "/ja-tez";
    button.formNoValidate = true;
    button.textContent = form.dataset.meToo;
    li.appendChild(document.createTextNode(" "));
    li.appendChild(button);
    return li;
  }

  function showNearby(form, box, reports) {
    box.textContent = "";
    if (reports.length === 0) {
      return;
    }
    var heading = document.createElement("h2");
    heading.textContent = form.dataset.nearbyTitle;
    var intro = document.createElement("p");
    intro.textContent = form.dataset.nearbyIntro;
    var list = document.createElement("ul");
    list.className = "nearby-list";
    reports.forEach(function (item) {
      list.appendChild(nearbyItem(form, item));
    });
    box.appendChild(heading);
    box.appendChild(intro);
    box.appendChild(list);
  }

  // Lists the open reports near a position or address point (query: "&lat=..&lon=.."
  // or "&punkt=ID"); only the answer to the latest request is shown.
  var nearbyRequest = 0;
  function loadNearby(form, query) {
    var box = form.querySelector("#nearby-live");
    var request = ++nearbyRequest;
    fetch(form.dataset.nearby + query, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { reports: [] }; })
      .then(function (doc) {
        if (request === nearbyRequest && box) {
          showNearby(form, box, doc.reports || []);
        }
      })
      .catch(function () {});
  }

  function choosePoint(form, item) {
    form.querySelectorAll("input[name=point]").forEach(function (input) {
      if (input.type !== "hidden") {
        input.checked = false;
      }
    });
    var hidden = form.querySelector("input[type=hidden][name=point]");
    if (!hidden) {
      hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "point";
      form.appendChild(hidden);
    }
    hidden.value = String(item.id);
    var chosen = form.querySelector("#address-js-chosen");
    if (!chosen) {
      chosen = document.createElement("p");
      chosen.id = "address-js-chosen";
      chosen.className = "address-chosen";
      chosen.setAttribute("role", "status");
      form.querySelector("#address-suggestions").after(chosen);
    }
    chosen.textContent = form.dataset.addressChosen + ": " + item.label;
    loadNearby(form, "&punkt=" + encodeURIComponent(item.id));
  }

  function attachAddress(form) {
    var box = form.querySelector(".address-search");
    var input = form.querySelector("#address_q");
    var list = form.querySelector("#address-suggestions");
    if (!box || !input || !list) {
      return;
    }
    var timer = null;
    var latest = 0;
    function suggest() {
      var query = input.value.trim();
      var request = ++latest;
      if (query.length < 3) {
        list.hidden = true;
        list.textContent = "";
        return;
      }
      fetch("/api/v1/addresses?gmina=" + encodeURIComponent(box.dataset.gmina) + "&q=" +
            encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (doc) {
          if (request !== latest) {
            return;
          }
          list.textContent = "";
          (doc.items || []).slice(0, 10).forEach(function (item) {
            var li = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "secondary";
            button.textContent = item.label;
            button.addEventListener("click", function () {
              choosePoint(form, item);
              list.hidden = true;
            });
            li.appendChild(button);
            list.appendChild(li);
          });
          list.hidden = list.children.length === 0;
        })
        .catch(function () {});
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, SUGGEST_DELAY_MS);
    });
  }

  function attachMap(form) {
    var element = form.querySelector("#report-map");
    var latInput = form.querySelector("#lat");
    var lonInput = form.querySelector("#lon");
    if (!element || !window.L || !latInput || !lonInput) {
      return;
    }
    var lat = parseCoordinate(latInput.value);
    var lon = parseCoordinate(lonInput.value);
    var hasPin = lat !== null && lon !== null;
    var centerLat = hasPin ? lat : parseCoordinate(element.dataset.lat);
    var centerLon = hasPin ? lon : parseCoordinate(element.dataset.lon);
    var known = centerLat !== null && centerLon !== null;
    var map = window.L.map(element);
    // The pin's street, else the gmina, else all of Poland.
    if (hasPin) {
      map.setView([centerLat, centerLon], 17);
    } else if (known) {
      map.setView([centerLat, centerLon], 14);
    } else {
      map.setView([52.1, 19.4], 6);
    }
    var tiles = window.L.tileLayer(element.dataset.tiles, { maxZoom: 19 });
    // The configured credit is plain text; Leaflet inserts attributions as HTML.
    var credit = document.createElement("span");
    credit.textContent = element.dataset.attribution || "";
    tiles.options.attribution = credit.innerHTML;
    tiles.addTo(map);
    var marker = null;
    var timer = null;

    function nearPin() {
      loadNearby(form, "&lat=" + encodeURIComponent(latInput.value.replace(",", ".")) +
        "&lon=" + encodeURIComponent(lonInput.value.replace(",", ".")));
    }

    function placed(position, fromMap) {
      if (fromMap) {
        latInput.value = position.lat.toFixed(6);
        lonInput.value = position.lng.toFixed(6);
      }
      if (!marker) {
        marker = window.L.marker(position, { draggable: true, keyboard: true, title: element.getAttribute("aria-label") });
        marker.on("dragend", function () { placed(marker.getLatLng(), true); });
        marker.addTo(map);
      } else {
        marker.setLatLng(position);
      }
      element.dataset.placed = "1";
      clearTimeout(timer);
      timer = setTimeout(nearPin, NEARBY_DELAY_MS);
    }

    map.on("click", function (event) { placed(event.latlng, true); });
    function typed() {
      var typedLat = parseCoordinate(latInput.value);
      var typedLon = parseCoordinate(lonInput.value);
      if (typedLat !== null && typedLon !== null && Math.abs(typedLat) <= 90 &&
          Math.abs(typedLon) <= 180) {
        placed(window.L.latLng(typedLat, typedLon), false);
        map.setView([typedLat, typedLon], Math.max(map.getZoom(), 17));
      }
    }
    latInput.addEventListener("change", typed);
    lonInput.addEventListener("change", typed);
    if (hasPin) {
      placed(window.L.latLng(lat, lon), false);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("report-form");
    if (!form) {
      return;
    }
    attachCounter(form);
    attachAddress(form);
    attachMap(form);
  });
})();
