// Live countdowns on our pages (a code's or a push request's validity, the wait before "send again"), as progressive
// enhancement: without script the page already says how long in words. The clock ticks silently (it is not a live
// region, so a screen reader is not interrupted every second); the page's status region hears only a few moments:
// one minute left, ten seconds left, and the end. A file of the theme, not inline script, so a strict CSP allows it.
(function () {
    "use strict";
    var ANNOUNCE_AT = [60, 10];

    function clock(seconds) {
        var minutes = Math.floor(seconds / 60);
        var rest = seconds % 60;
        return minutes + ":" + (rest < 10 ? "0" : "") + rest;
    }

    function start(element) {
        var seconds = parseInt(element.dataset.secondsLeft, 10);
        if (isNaN(seconds) || seconds < 0) {
            return;
        }
        var deadline = Date.now() + seconds * 1000;
        var face = element.querySelector(".sfo-countdown-clock");
        var status = element.dataset.statusId ? document.getElementById(element.dataset.statusId) : null;
        var announced = {};

        function announce(text) {
            if (status && text) {
                status.textContent = text;
            }
        }

        function tick() {
            var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
            if (face) {
                face.textContent = clock(left);
            }
            ANNOUNCE_AT.forEach(function (mark) {
                if (left <= mark && left > 0 && !announced[mark] && seconds > mark) {
                    announced[mark] = true;
                    announce((element.dataset.messageLeft || "").replace("{0}", String(left)));
                }
            });
            if (left === 0) {
                element.classList.add("sfo-countdown-over");
                if (element.dataset.messageOver) {
                    element.textContent = element.dataset.messageOver;
                    announce(element.dataset.messageOver);
                }
                return;
            }
            setTimeout(tick, 500);
        }

        element.hidden = false;
        tick();
    }

    var elements = document.querySelectorAll("[data-sfo-countdown]");
    for (var i = 0; i < elements.length; i++) {
        start(elements[i]);
    }
})();
