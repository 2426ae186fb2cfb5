// The browse page: "use my location" and the map's "search this area". Both fill hidden fields
// of the search form and submit it; without JavaScript the form works with a typed place.
(function () {
  "use strict";
  var form = document.getElementById("browse-form");
  if (!form) {
    return;
  }
  var status = document.getElementById("location-status");
  var fields = {
    place: form.elements.namedItem("place"),
    lat: form.elements.namedItem("lat"),
    lng: form.elements.namedItem("lng"),
    bbox: form.elements.namedItem("bbox"),
    page: form.elements.namedItem("page"),
  };

  function submitWith(values) {
    ["place", "lat", "lng", "bbox"].forEach(function (name) {
      if (fields[name]) {
        fields[name].value = values[name] || "";
      }
    });
    form.submit();
  }

  function wrapLongitude(lng) {
    return ((((lng + 180) % 360) + 360) % 360) - 180;
  }

  function round(value, digits) {
    var factor = Math.pow(10, digits);
    return Math.round(value * factor) / factor;
  }

  // Shorter, shareable addresses: leave out empty fields (an empty place still means "anywhere").
  form.addEventListener("formdata", function (event) {
    Array.from(event.formData.entries()).forEach(function (entry) {
      if (entry[1] === "" && entry[0] !== "place") {
        event.formData.delete(entry[0]);
      }
    });
  });

  // Typing a place replaces a position or a map area used before.
  if (fields.place) {
    fields.place.addEventListener("change", function () {
      ["lat", "lng", "bbox"].forEach(function (name) { fields[name].value = ""; });
    });
  }

  var locate = document.getElementById("use-my-location");
  if (locate && navigator.geolocation) {
    locate.classList.remove("d-none");
    locate.addEventListener("click", function () {
      status.textContent = locate.dataset.waiting || "…";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          // About a kilometre is enough to find actions; the position is never stored.
          submitWith({
            lat: round(position.coords.latitude, 2),
            lng: round(position.coords.longitude, 2),
          });
        },
        function () {
          status.textContent = locate.dataset.failed || "";
        },
        { maximumAge: 600000, timeout: 15000 }
      );
    });
  }

  var mapElement = document.querySelector(".browse-map-panel [data-map-points]");
  var searchArea = document.getElementById("search-this-area");
  if (mapElement && searchArea) {
    mapElement.addEventListener("convergence:map-ready", function (event) {
      var map = event.detail.map;
      var moved = false;
      map.on("dragend zoomend", function () {
        if (moved) {
          searchArea.classList.remove("d-none");
        }
      });
      // fitBounds() at start-up zooms too: only later moves are the visitor's.
      map.whenReady(function () { setTimeout(function () { moved = true; }, 0); });
      searchArea.addEventListener("click", function () {
        var bounds = map.getBounds();
        var south = Math.max(bounds.getSouth(), -90);
        var north = Math.min(bounds.getNorth(), 90);
        var west = bounds.getWest();
        var east = bounds.getEast();
        if (east - west >= 360) {
          west = -180;
          east = 180;
        } else {
          west = wrapLongitude(west);
          east = wrapLongitude(east);
        }
        submitWith({
          bbox: [south, west, north, east].map(function (n) { return round(n, 4); }).join(","),
        });
      });
    });
  }
})();
