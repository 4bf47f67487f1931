// SPDX-License-Identifier: EUPL-1.2
(() => {
  const form = document.getElementById('offer');
  const area = document.getElementById('result-area');
  if (!form || !area || !window.fetch) return;
  let timer = null, asked = 0;
  const ready = () => ['value', 'start', 'end'].every(n => form.elements[n].value.trim() !== '')
      && [...form.querySelectorAll('select[name^=block]')].some(s => s.value !== '');
  const update = () => {
    if (!ready()) return;
    const data = new URLSearchParams(new FormData(form));
    data.set('calculate', '1');
    const mine = ++asked;
    fetch('/offer', {method: 'POST', body: data, credentials: 'same-origin',
                     headers: {'X-Sroi-Partial': '1'}})
      .then(r => r.text())
      .then(html => { if (mine === asked) area.innerHTML = html; });
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(update, 400); };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
})();
