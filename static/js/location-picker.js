// Progressive enhancement of the latitude/longitude fields: a Leaflet map where a click sets
// the exact point. Without Leaflet (or tiles) the map stays hidden and the fields still work.
(function () {
  "use strict";
  var WORLD = { center: [20, 0], zoom: 2 };
  var CLOSE_ZOOM = 15;

  function readPoint(latInput, lngInput) {
    var lat = parseFloat(latInput.value);
    var lng = parseFloat(lngInput.value);
    return isFinite(lat) && isFinite(lng) ? [lat, lng] : null;
  }

  function attach(element) {
    var latInput = document.getElementById(element.dataset.latInput);
    var lngInput = document.getElementById(element.dataset.lngInput);
    if (!latInput || !lngInput) {
      return;
    }
    element.hidden = false;
    var map = window.Convergence.baseMap(element, 19);
    var marker = null;

    function place(point) {
      if (marker) {
        marker.setLatLng(point);
      } else {
        marker = L.marker(point).addTo(map);
      }
    }

    var start = readPoint(latInput, lngInput);
    if (start) {
      place(start);
      map.setView(start, CLOSE_ZOOM);
    } else {
      map.setView(WORLD.center, WORLD.zoom);
    }
    map.on("click", function (event) {
      var point = event.latlng.wrap();
      latInput.value = point.lat.toFixed(6);
      lngInput.value = point.lng.toFixed(6);
      place(point);
    });
    [latInput, lngInput].forEach(function (input) {
      input.addEventListener("change", function () {
        var point = readPoint(latInput, lngInput);
        if (point) {
          place(point);
          map.panTo(point);
        }
      });
    });
  }

  if (typeof L === "undefined" || !window.Convergence) {
    return;
  }
  document.querySelectorAll("[data-location-picker]").forEach(attach);
})();
