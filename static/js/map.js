// Progressive enhancement: draw a Leaflet map for each [data-map-points] element.
// The page lists in text everything the map shows; without Leaflet or tiles nothing is lost.
(function () {
  "use strict";

  function readPoints(element) {
    var source = document.getElementById(element.dataset.mapPoints);
    return source ? JSON.parse(source.textContent) : [];
  }

  function markerFor(point) {
    var marker = L.marker([point.lat, point.lng], { title: point.title, alt: point.title });
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    marker.bindPopup(link);
    return marker;
  }

  function drawMap(element) {
    var points = readPoints(element);
    if (!points.length) {
      return;
    }
    var map = window.Convergence.baseMap(element, 18);
    var group = L.markerClusterGroup ? L.markerClusterGroup() : L.featureGroup();
    points.forEach(function (point) {
      group.addLayer(markerFor(point));
    });
    map.addLayer(group);
    if (points.length === 1) {
      map.setView([points[0].lat, points[0].lng], 10);
    } else {
      map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 10 });
    }
  }

  if (typeof L === "undefined" || !window.Convergence) {
    return;
  }
  document.querySelectorAll("[data-map-points]").forEach(drawMap);
})();
