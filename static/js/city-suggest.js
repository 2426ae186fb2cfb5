// Suggest cities from our own gazetteer while typing (progressive enhancement of a text field;
// the server resolves whatever is typed, so the form works without this script).
(function () {
  "use strict";
  var DELAY_MS = 200;

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    if (!list) {
      return;
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < 2) {
        return;
      }
      timer = setTimeout(function () {
        fetch(input.dataset.citySuggest + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.results.map(function (city) {
              var option = document.createElement("option");
              option.value = city.label;
              return option;
            }));
          })
          .catch(function () { /* suggestions are optional */ });
      }, DELAY_MS);
    });
  }

  document.querySelectorAll("input[data-city-suggest]").forEach(attach);
})();
