// Show a time also in the visitor's own time zone (the page shows the action's zone in text).
(function () {
  "use strict";
  var format = new Intl.DateTimeFormat(undefined, {
    weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
    timeZoneName: "short",
  });
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    var moment = new Date(element.dataset.localTime);
    if (!isNaN(moment)) {
      element.textContent = element.dataset.localLabel + " " + format.format(moment);
    }
  });
})();
