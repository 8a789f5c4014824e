// Small enhancements; every journey works without them (DESIGN.md §9).

// The error summary gets focus, so a screen reader user hears what went wrong first.
const summary = document.querySelector('[data-error-summary]');
if (summary) summary.focus();

// Before the session ends, say so and offer to extend it (WCAG 2.2.1 Timing adjustable).
const WARN_BEFORE_MS = 5 * 60_000;
const warning = document.querySelector('[data-session-warning]');
let expiresAt = Date.parse(document.body.dataset.sessionExpires ?? '');
let timer;

function schedule() {
  clearTimeout(timer);
  if (!warning || Number.isNaN(expiresAt)) return;
  const wait = expiresAt - Date.now() - WARN_BEFORE_MS;
  timer = setTimeout(showWarning, Math.max(0, Math.min(wait, 2_147_000_000)));
}

function showWarning() {
  const minutes = Math.max(0, Math.round((expiresAt - Date.now()) / 60_000));
  warning.querySelector('[data-session-warning-text]').textContent =
    minutes > 0 ? `Du loggas ut om ${minutes} ${minutes === 1 ? 'minut' : 'minuter'} om du inte fortsätter.` : 'Din inloggning har tagit slut. Det du skriver sparas när du loggat in igen.';
  warning.hidden = false;
  warning.querySelector('button')?.focus();
}

const extend = document.querySelector('[data-session-extend]');
extend?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = new URLSearchParams(new FormData(extend));
  const response = await fetch(extend.action, { method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) return extend.submit();
  expiresAt = Date.parse((await response.json()).expiresAt);
  warning.hidden = true;
  schedule();
});
schedule();

// Upload progress where JavaScript is on; the plain file input posts the same form without it.
for (const form of document.querySelectorAll('form[data-upload]')) {
  form.addEventListener('submit', (event) => {
    const progress = form.querySelector('progress');
    if (!progress || !window.XMLHttpRequest) return;
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
    });
    request.addEventListener('load', () => {
      // The server answers a redirect (followed) or the page with its error summary.
      if (request.responseURL && request.responseURL !== form.action) window.location.assign(request.responseURL);
      else {
        document.open();
        document.write(request.responseText);
        document.close();
      }
    });
    progress.hidden = false;
    request.send(new FormData(form));
  });
}

// A copy button beside a read-only text (the beredning paragraph): shown only where it can work.
for (const button of document.querySelectorAll('[data-copy]')) {
  const source = document.getElementById(button.getAttribute('data-copy'));
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    const status = document.querySelector('[data-copy-status]');
    try {
      await navigator.clipboard.writeText(source.value);
      if (status) status.textContent = 'Stycket är kopierat.';
    } catch {
      source.select();
      if (status) status.textContent = 'Kopiera med Ctrl+C: stycket är markerat.';
    }
  });
}

// A scan being read by OCR: its progress said as it goes, and the proposal shown once it is ready.
// Without JavaScript the link "Visa hur långt den har kommit" does the same by hand.
const ocr = document.querySelector('[data-ocr-progress]');
if (ocr) {
  const state = ocr.querySelector('[data-ocr-state]');
  const bar = ocr.querySelector('progress');
  const poll = async () => {
    const response = await fetch(ocr.getAttribute('data-ocr-progress'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).catch(() => null);
    const found = response?.ok ? await response.json() : null;
    if (found && found.status !== 'ocr_queued' && found.status !== 'ocr_running') return window.location.reload();
    if (found?.progress.pages) {
      const text = `Textigenkänning pågår: ${found.progress.pagesDone} av ${found.progress.pages} sidor klara.`;
      // Only a change is written: the status region reads out what it is given.
      if (state.textContent !== text) state.textContent = text;
      bar.max = found.progress.pages;
      bar.value = found.progress.pagesDone;
      bar.hidden = false;
    }
    setTimeout(poll, 3000);
  };
  setTimeout(poll, 3000);
}
