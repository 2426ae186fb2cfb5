// Show a time also in the visitor's own time zone (the page shows the action's zone in text),
// only where the browser's offset at that moment differs from the action's
// (data-zone-offset, in minutes east of UTC).
(function () {
  "use strict";
  var format = new Intl.DateTimeFormat(undefined, {
    weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
    timeZoneName: "short",
  });
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    var moment = new Date(element.dataset.localTime);
    if (isNaN(moment)) {
      return;
    }
    var offset = element.dataset.zoneOffset;
    if (offset !== undefined && offset !== "" && Number(offset) === -moment.getTimezoneOffset()) {
      return;
    }
    element.textContent = "\u00b7 " + element.dataset.localLabel + " " + format.format(moment);
  });
})();
