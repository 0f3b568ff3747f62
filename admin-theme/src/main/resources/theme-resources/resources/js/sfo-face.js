// The face factor's page: films the server's challenge as JPEG frames and posts them to Keycloak, which decides.
// Nothing is judged here; the browser only shows the instructions and sends what the camera saw.
(function () {
  'use strict';
  var form = document.getElementById('sfo-face-form');
  if (!form) {
    return;
  }
  var video = document.getElementById('sfo-face-video');
  var steps = Array.prototype.slice.call(document.querySelectorAll('#sfo-face-steps li'));
  var status = document.getElementById('sfo-face-status');
  var holder = document.getElementById('sfo-face-frames');
  var start = document.getElementById('sfo-face-start');
  var consent = document.getElementById('sfo-face-consent');
  var text = document.getElementById('sfo-face-messages').dataset;
  var maxFrames = parseInt(form.dataset.maxFrames, 10) || 12;
  // The frontal step gets two frames, each turn three (the first while the head is still moving), within the limit.
  var perTurn = Math.max(1, Math.min(3, Math.floor((maxFrames - 2) / Math.max(1, steps.length - 1))));
  var stepMillis = 1800;

  function report(message) {
    status.textContent = message;
  }

  function noCamera() {
    var field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'no_camera';
    field.value = 'true';
    form.appendChild(field);
    form.submit();
  }

  function frame() {
    var canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
    var field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'frame';
    field.value = canvas.toDataURL('image/jpeg', 0.8);
    holder.appendChild(field);
  }

  function wait(millis) {
    return new Promise(function (resolve) { setTimeout(resolve, millis); });
  }

  async function film() {
    for (var i = 0; i < steps.length; i++) {
      steps.forEach(function (s) { s.removeAttribute('aria-current'); });
      steps[i].setAttribute('aria-current', 'step');
      report(steps[i].textContent + ' ' + text.hold);
      var count = i === 0 ? 2 : perTurn;
      for (var f = 0; f < count; f++) {
        await wait(stepMillis / count);
        frame();
      }
    }
  }

  start.addEventListener('click', async function () {
    if (!consent.checked) {
      report(text.consent);
      consent.focus();
      return;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      noCamera();
      return;
    }
    start.disabled = true;
    var stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480, facingMode: 'user' }, audio: false });
    } catch (e) {
      noCamera();
      return;
    }
    video.srcObject = stream;
    await new Promise(function (resolve) { video.onloadedmetadata = resolve; });
    await film();
    stream.getTracks().forEach(function (t) { t.stop(); });
    report(text.sending);
    form.submit();
  });
})();
