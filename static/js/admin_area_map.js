// The routing area form: a Leaflet map that shows the GeoJSON of the shape field and
// draws a new polygon from clicks, writing it back to the field as GeoJSON. The form
// works without this script: the shape is then pasted as text.
(function () {
  "use strict";

  function parseShape(text) {
    try {
      var value = JSON.parse(text);
      return value && typeof value === "object" ? value : null;
    } catch (e) {
      return null;
    }
  }

  // Writes the clicked points as a closed GeoJSON Polygon (longitude first).
  function polygonText(points) {
    var ring = points.map(function (p) {
      return [Number(p.lng.toFixed(6)), Number(p.lat.toFixed(6))];
    });
    ring.push(ring[0]);
    return JSON.stringify({ type: "Polygon", coordinates: [ring] });
  }

  function attach(box) {
    var field = document.getElementById(box.dataset.field);
    if (!field || typeof L === "undefined") {
      return;
    }
    box.closest(".area-map-wrap").hidden = false;
    var map = L.map(box).setView([Number(box.dataset.lat), Number(box.dataset.lon)],
      Number(box.dataset.zoom));
    L.tileLayer(box.dataset.tiles, { maxZoom: 19 }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (box.dataset.attribution) {
      // The credit is plain text: it goes through a text node, never as HTML.
      var credit = document.createElement("span");
      credit.textContent = box.dataset.attribution;
      map.attributionControl.addAttribution(credit.innerHTML);
    }
    var shapeLayer = null;
    var points = [];
    var line = L.polyline([], { dashArray: "4 4" }).addTo(map);

    function showField() {
      var shape = parseShape(field.value);
      if (shapeLayer) {
        map.removeLayer(shapeLayer);
        shapeLayer = null;
      }
      if (!shape) {
        return;
      }
      try {
        shapeLayer = L.geoJSON(shape).addTo(map);
        map.fitBounds(shapeLayer.getBounds(), { maxZoom: 17 });
      } catch (e) {
        shapeLayer = null;
      }
    }

    map.on("click", function (event) {
      points.push(event.latlng);
      line.setLatLngs(points.concat(points.length > 2 ? [points[0]] : []));
      if (points.length > 2) {
        field.value = polygonText(points);
        field.dispatchEvent(new Event("input"));
      }
    });
    document.getElementById(box.dataset.clear).addEventListener("click", function () {
      points = [];
      line.setLatLngs([]);
    });
    field.addEventListener("change", showField);
    showField();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("area-map");
    if (box) {
      attach(box);
    }
  });
})();
