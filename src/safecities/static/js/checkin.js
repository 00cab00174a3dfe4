/* Check-in page: scan a badge's QR code (camera or photo) and refresh the live counts.
   The page works without this file: staff can search by name or reference. A QR code holds
   only an opaque check-in code; reading one opens the page for that code (?code=…). */
(function () {
  "use strict";
  var script = document.currentScript;
  var scanner = document.getElementById("scanner");
  var video = document.getElementById("scan-video");
  var message = document.getElementById("scan-message");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var detector = null;
  var stream = null;

  function say(text) { message.textContent = text; }

  function loadJsQR() {
    if (window.jsQR) { return Promise.resolve(window.jsQR); }
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = script.dataset.jsqr;
      tag.onload = function () { resolve(window.jsQR); };
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  /* One decoder for every source: BarcodeDetector where the browser has it, else jsQR. */
  function decode(source, width, height) {
    if (detector) {
      return detector.detect(source).then(function (codes) {
        return codes.length ? codes[0].rawValue : null;
      });
    }
    canvas.width = width; canvas.height = height;
    context.drawImage(source, 0, 0, width, height);
    var pixels = context.getImageData(0, 0, width, height);
    return loadJsQR().then(function (jsQR) {
      var found = jsQR(pixels.data, width, height);
      return found ? found.data : null;
    });
  }

  function open(code) {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    var url = new URL(window.location.href);
    url.search = "?code=" + encodeURIComponent(code);
    window.location.assign(url.toString());
  }

  function scanFrame() {
    if (!stream) { return; }
    if (video.readyState < 2) { requestAnimationFrame(scanFrame); return; }
    decode(video, video.videoWidth, video.videoHeight).then(function (code) {
      if (code) { open(code); } else { setTimeout(scanFrame, 150); }
    }, function () { setTimeout(scanFrame, 300); });
  }

  document.getElementById("scan-start").addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say(scanner.dataset.msgNoCamera);
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      video.play();
      say(scanner.dataset.msgPoint);
      scanFrame();
    }, function () { say(scanner.dataset.msgNoCamera); });
  });

  document.getElementById("scan-photo").addEventListener("change", function (e) {
    var file = e.target.files && e.target.files[0];
    if (!file) { return; }
    var image = new Image();
    image.onload = function () {
      decode(image, image.naturalWidth, image.naturalHeight).then(function (code) {
        if (code) { open(code); } else { say(scanner.dataset.msgNotFound); }
      });
    };
    image.src = URL.createObjectURL(file);
  });

  if ("BarcodeDetector" in window) {
    window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") >= 0) { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); }
    }, function () {});
  }
  scanner.hidden = false;

  /* Live counts: other doors check people in too. */
  var counts = document.getElementById("counts");
  setInterval(function () {
    fetch(counts.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        counts.querySelectorAll("[data-count]").forEach(function (node) {
          node.textContent = data[node.dataset.count];
        });
      }, function () {});
  }, 10000);
})();
