// Huddle meetings: small enhancements; every page works without them.
(() => {
  // The minutes' "Print" button exists only where it can work.
  document.querySelectorAll('[data-print-minutes]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  });

  // In an agenda item, show the route only when accepting, "redirected to" only when
  // redirecting and the reason once a decision is chosen (and any field with an error).
  document.querySelectorAll('[data-decision-form]').forEach((form) => {
    const decision = form.querySelector('select[name$="-decision"]');
    if (!decision) return;
    const update = () => {
      form.querySelectorAll('[data-show-for]').forEach((wrapper) => {
        const wanted = wrapper.dataset.showFor;
        const relevant = wanted === 'any' ? decision.value !== '' : wanted === decision.value;
        wrapper.hidden = !relevant && !wrapper.querySelector('.error-message');
      });
    };
    decision.addEventListener('change', update);
    update();
  });
})();
