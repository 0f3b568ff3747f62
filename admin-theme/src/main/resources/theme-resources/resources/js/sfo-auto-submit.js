// Submits a form of ours that only carries a choice already made (the factor the user passed last), once.
(function () {
    var form = document.querySelector('form[data-sfo-auto-submit="true"]');
    if (form && !form.dataset.sfoSubmitted) {
        form.dataset.sfoSubmitted = 'true';
        form.submit();
    }
})();
