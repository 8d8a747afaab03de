// Visit summary: "Copy note" and "Print" buttons. Without JavaScript the note can still be selected and copied.
document.addEventListener('click', (event) => {
  const copy = event.target.closest('[data-copy]');
  if (copy) {
    const text = document.getElementById(copy.dataset.copy);
    text.select();
    (navigator.clipboard ? navigator.clipboard.writeText(text.value) : Promise.reject()).then(
      () => { copy.textContent = 'Copied'; },
      () => { document.execCommand('copy'); copy.textContent = 'Copied'; });
  }
  if (event.target.closest('[data-print]')) {
    window.print();
  }
});
