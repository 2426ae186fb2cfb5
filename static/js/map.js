// Progressive enhancement: draw a Leaflet map for each [data-map-points] element.
// The page lists in text everything the map shows; without Leaflet or tiles nothing is lost.
(function () {
  "use strict";

  function readJson(id) {
    var source = id ? document.getElementById(id) : null;
    return source ? JSON.parse(source.textContent) : null;
  }

  function highlight(targetId) {
    var target = document.getElementById(targetId);
    if (!target) {
      return;
    }
    document.querySelectorAll(".is-highlighted").forEach(function (element) {
      element.classList.remove("is-highlighted");
    });
    target.classList.add("is-highlighted");
    target.scrollIntoView({ block: "nearest" });
  }

  function markerFor(point) {
    var marker = L.marker([point.lat, point.lng], { title: point.title, alt: point.title });
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    marker.bindPopup(link);
    if (point.target) {
      // Selecting a marker highlights the same action in the list.
      marker.on("click", function () { highlight(point.target); });
    }
    return marker;
  }

  function drawMap(element) {
    var points = readJson(element.dataset.mapPoints) || [];
    var bounds = readJson(element.dataset.mapBounds);
    if (!points.length && !bounds) {
      return;
    }
    var map = window.Convergence.baseMap(element, 18);
    var group = L.markerClusterGroup ? L.markerClusterGroup() : L.featureGroup();
    points.forEach(function (point) {
      group.addLayer(markerFor(point));
    });
    map.addLayer(group);
    if (bounds) {
      map.fitBounds(bounds);
    } else if (points.length === 1) {
      map.setView([points[0].lat, points[0].lng], 10);
    } else {
      map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 10 });
    }
    element.dispatchEvent(new CustomEvent("convergence:map-ready", { detail: { map: map } }));
  }

  if (typeof L === "undefined" || !window.Convergence) {
    return;
  }
  document.querySelectorAll("[data-map-points]").forEach(drawMap);
})();
