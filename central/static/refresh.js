/* Keeps a ticket's page current without reloading it: polls the record's JSON with
   If-None-Match and writes the new words in place (and shows the survey's offer once the
   ticket is served); stops once the ticket is final.
   Without JavaScript the page's <noscript> meta refresh does the same by reloading. */
(function () {
  "use strict";
  var main = document.getElementById("ticket");
  if (!main || !main.getAttribute("data-poll") || !window.fetch) {
    return;
  }
  var url = main.getAttribute("data-poll");
  var etag = main.getAttribute("data-etag") || "";
  var seconds = Number(main.getAttribute("data-seconds")) || 15;
  var timer = null;
  var busy = false;

  function schedule() {
    window.clearTimeout(timer);
    if (seconds) {
      timer = window.setTimeout(poll, seconds * 1000);
    }
  }

  function show(key, value) {
    var nodes = main.querySelectorAll('[data-text="' + key + '"]');
    for (var i = 0; i < nodes.length; i += 1) {
      nodes[i].textContent = value === null ? "" : value;
      if (key === "stale") {
        nodes[i].hidden = value === null;
      }
    }
    var row = main.querySelector('[data-row="' + key + '"]');
    if (row) {
      row.hidden = value === null;
    }
  }

  function apply(data) {
    var text = data.text;
    main.setAttribute("data-phase", data.record.phase);
    document.title = text.title + " · KP2MI";
    Object.keys(text).forEach(function (key) {
      show(key, text[key]);
    });
    seconds = data.record.refresh_seconds;
    var offer = main.querySelector('[data-row="survey"]');
    if (offer) {
      offer.hidden = !data.record.survey; /* served: the survey is offered */
    }
  }

  function poll() {
    if (busy) {
      return;
    }
    if (document.hidden) {
      schedule();
      return;
    }
    busy = true;
    window.fetch(url, {
      headers: { "Accept": "application/json", "If-None-Match": etag },
      cache: "no-store",
      credentials: "omit"
    }).then(function (response) {
      if (response.status === 304) {
        return null;
      }
      if (response.status === 404) {
        seconds = null; /* the record is gone: stop asking */
        return null;
      }
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      etag = response.headers.get("ETag") || "";
      return response.json();
    }).then(function (data) {
      if (data) {
        apply(data);
      }
    }).catch(function () {
      /* offline or the service is busy: try again at the next tick */
    }).then(function () {
      busy = false;
      schedule();
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && seconds) {
      poll();
    }
  });
  schedule();
}());
