// Follows a push challenge or device enrolment without reloading the page: short polls of the realm's wait channel
// (any cluster node can answer), then posts the form once the device has answered. No inline script, so the page
// keeps working under a strict Content-Security-Policy.
(function () {
    "use strict";
    var form = document.getElementById("sfo-push-form");
    if (!form || !form.dataset.statusUrl || !window.fetch) {
        return;
    }
    var status = document.getElementById("sfo-push-status");
    var doneState = form.dataset.doneState;
    var deadline = Date.now() + (parseInt(form.dataset.secondsLeft, 10) + 15) * 1000;
    var interval = 2000;
    var pause = 0;
    var finished = false;

    function say(text) {
        if (status && text) {
            status.textContent = text;
        }
    }

    function submitCheck() {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = "sfo-push-action";
        input.value = "check";
        form.appendChild(input);
        form.submit();
    }

    function poll() {
        if (finished) {
            return;
        }
        if (Date.now() > deadline) {
            finished = true;
            say(form.dataset.messageExpired);
            return;
        }
        fetch(form.dataset.statusUrl, {cache: "no-store", credentials: "same-origin", headers: {"Accept": "application/json"}})
            .then(function (response) {
                // Over the address's allowance (a busy site behind one NAT address): wait as long as the realm asks.
                pause = response.status === 429 ? (parseInt(response.headers.get("Retry-After"), 10) || 0) * 1000 : 0;
                return response.ok ? response.json() : {state: response.status === 404 ? "expired" : "offline"};
            })
            .then(function (answer) {
                if (answer.state === doneState) {
                    finished = true;
                    say(form.dataset["message" + capitalise(answer.state)]);
                    submitCheck();
                } else if (answer.state === "pending" || answer.state === "offline") {
                    if (answer.state === "offline") {
                        say(form.dataset.messageOffline);
                    }
                    setTimeout(poll, Math.max(interval, pause));
                } else {
                    // Denied, wrong number, expired or replaced: the server's page explains and offers what is next.
                    finished = true;
                    say(form.dataset["message" + capitalise(answer.state)]);
                    submitCheck();
                }
            })
            .catch(function () {
                say(form.dataset.messageOffline);
                interval = Math.min(interval * 2, 10000);
                setTimeout(poll, interval);
            });
    }

    function capitalise(state) {
        return state.charAt(0).toUpperCase() + state.slice(1);
    }

    setTimeout(poll, interval);
})();
