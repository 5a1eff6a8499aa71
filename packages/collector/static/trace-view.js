// Progressive enhancements of zips' trace view; every page works without this file.
// 1. The search page can refresh its results every 5 s (off until asked; the choice is kept for the session).
// 2. A link to #span-<id> opens that span's details.
(() => {
  const openTargetedSpan = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (target instanceof HTMLDetailsElement) target.open = true;
  };
  window.addEventListener('hashchange', openTargetedSpan);
  document.addEventListener('DOMContentLoaded', () => {
    openTargetedSpan();
    const results = document.getElementById('results');
    if (results) addAutoRefresh(results);
  });

  function addAutoRefresh(results) {
    const bar = document.createElement('p');
    bar.className = 'refresh';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    const status = document.createElement('span');
    status.setAttribute('role', 'status');
    bar.append(button, status);
    results.before(bar);
    let timer;
    const key = 'zips-trace-view-refresh';
    const render = (on) => {
      button.textContent = on ? 'Stop auto-refresh' : 'Auto-refresh every 5 s';
      button.setAttribute('aria-pressed', String(on));
    };
    const refresh = async () => {
      try {
        const response = await fetch(location.href, { headers: { accept: 'text/html' } });
        const page = new DOMParser().parseFromString(await response.text(), 'text/html');
        const fresh = page.getElementById('results');
        const current = document.getElementById('results');
        if (fresh && current) current.replaceWith(fresh);
        status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
      } catch (error) {
        status.textContent = `Refresh failed: ${error.message}`;
      }
    };
    const set = (on) => {
      clearInterval(timer);
      if (on) timer = setInterval(refresh, 5000);
      sessionStorage.setItem(key, on ? '1' : '0');
      render(on);
    };
    button.addEventListener('click', () => set(button.getAttribute('aria-pressed') !== 'true'));
    set(sessionStorage.getItem(key) === '1');
  }
})();
