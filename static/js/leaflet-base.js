// The one place that builds a Leaflet map for Convergence: icons from hashed static paths,
// tiles from the configured server. Maps read their settings from data- attributes.
(function () {
  "use strict";

  function baseMap(element, maxZoom) {
    // Full icon URLs (hashed in production); an empty string imagePath stops Leaflet from
    // guessing the folder from its CSS and prefixing it.
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: element.dataset.iconUrl,
      iconRetinaUrl: element.dataset.iconRetinaUrl,
      shadowUrl: element.dataset.shadowUrl,
    });
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tileUrl, {
      attribution: element.dataset.tileAttribution,
      maxZoom: maxZoom,
    }).addTo(map);
    return map;
  }

  window.Convergence = window.Convergence || {};
  window.Convergence.baseMap = baseMap;
})();
