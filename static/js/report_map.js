// report_map.js: the Leaflet maps of public reports: the gmina's map, fed by its
// GeoJSON endpoint as the view moves, and the one-point map of a report page.
// Without this script (or without Leaflet) the pages still show the list and the
// coordinates; the base map comes from the configured tile server, if any.
(function () {
  "use strict";

  function baseLayer(map, element) {
    var url = element.getAttribute("data-tiles");
    if (url) {
      L.tileLayer(url, {
        maxZoom: 19,
        attribution: element.getAttribute("data-attribution") || ""
      }).addTo(map);
    }
  }

  function reportMarker(feature, latlng) {
    var p = feature.properties, box = document.createElement("div");
    var link = document.createElement("a"), status = document.createElement("p");
    link.href = p.url;
    link.textContent = p.category + " (" + p.number + ")";
    status.textContent = p.status_name;
    box.appendChild(link);
    box.appendChild(status);
    return L.circleMarker(latlng, { radius: 7, weight: 2, className: "report-point status-" + p.status })
      .bindPopup(box);
  }

  function clusterMarker(feature, latlng, label) {
    var count = feature.properties.count;
    var size = Math.min(60, 24 + 6 * Math.log10(count + 1));
    var icon = L.divIcon({ className: "report-cluster", iconSize: [size, size], html: "" });
    var marker = L.marker(latlng, { icon: icon, title: label.replace("{count}", String(count)) });
    marker.on("add", function () {
      var el = marker.getElement();
      if (el) el.textContent = String(count);
    });
    marker.on("click", function (event) {
      marker._map.setView(event.latlng, marker._map.getZoom() + 2);
    });
    return marker;
  }

  function reportsMap(element) {
    var map = L.map(element, { zoomControl: true });
    var layer = L.layerGroup().addTo(map), source = element.getAttribute("data-source");
    var label = element.getAttribute("data-cluster-label") || "{count}";
    var status = document.getElementById("public-map-status"), pending = null, fitted = false;

    baseLayer(map, element);
    function show(data) {
      layer.clearLayers();
      L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return feature.properties.cluster ? clusterMarker(feature, latlng, label)
            : reportMarker(feature, latlng);
        }
      }).eachLayer(function (l) { layer.addLayer(l); });
      element.setAttribute("data-features", String(data.features.length));
      element.setAttribute("data-clustered", data.clustered ? "1" : "0");
      if (!fitted) {
        fitted = true;
        if (data.features.length > 0) {
          map.fitBounds(L.geoJSON(data).getBounds(), { maxZoom: 16, padding: [20, 20] });
        } else {
          map.setView([52.1, 19.4], 6);
        }
      }
    }
    function load(withBox) {
      var url = source, b;
      if (withBox) {
        b = map.getBounds();
        url += (url.indexOf("?") < 0 ? "?" : "&") + "bbox=" + [
          Math.max(-180, b.getWest()).toFixed(5), Math.max(-90, b.getSouth()).toFixed(5),
          Math.min(180, b.getEast()).toFixed(5), Math.min(90, b.getNorth()).toFixed(5)].join(",");
      }
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(url, { signal: pending.signal, credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(show)
        .catch(function (e) {
          if (e.name !== "AbortError" && status) status.textContent = String(e.message);
        });
    }
    map.on("moveend", function () { if (fitted) load(true); });
    load(false);
  }

  function pointMap(element) {
    var lat = parseFloat(element.getAttribute("data-lat"));
    var lon = parseFloat(element.getAttribute("data-lon"));
    var map = L.map(element).setView([lat, lon], 16);
    baseLayer(map, element);
    L.circleMarker([lat, lon], { radius: 9, weight: 3, className: "report-point" }).addTo(map);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("public-map");
    if (!element || typeof L === "undefined") return;
    element.classList.add("public-map-live");
    if (element.getAttribute("data-mode") === "point") pointMap(element);
    else reportsMap(element);
  });
})();
