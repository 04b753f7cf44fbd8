// The stub console: switches, the request journal, fixture export and the API catalogue.
// Plain JavaScript against the stub's own admin endpoints; nothing is fetched from elsewhere.
'use strict';

const $ = (id) => document.getElementById(id);
let catalog = null;
let journal = [];

// The admin token: never in a cookie (no other page can make the browser send it). The server's banner
// prints a console link carrying it in the URL fragment (#admin_token=...), which browsers never send to any
// server; it is moved into this tab's sessionStorage (readable only by this origin, port included) and taken
// out of the address bar. Without it, the user pastes the token into the form the page shows.
const tokenKey = 'apicontracts-admin-token';

function takeTokenFromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('admin_token');
  if (token) sessionStorage.setItem(tokenKey, token);
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}

function adminHeaders() {
  const token = sessionStorage.getItem(tokenKey);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function askForToken(message) {
  $('token-status').textContent = message;
  $('token-form').hidden = false;
}

async function json(url, options = {}) {
  const response = await fetch(url, options);
  if (response.status === 401) {
    askForToken('The admin token is missing or wrong: open the console link the server printed, or paste the token.');
  }
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

// An admin call: same origin, with the token from this tab's sessionStorage.
function admin(url, options = {}) {
  return json(url, { ...options, headers: { ...(options.headers || {}), ...adminHeaders() } });
}

function put(url, body) {
  return admin(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

$('token-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = $('admin-token').value.trim();
  if (!token) return;
  sessionStorage.setItem(tokenKey, token);
  $('admin-token').value = '';
  $('token-status').textContent = '';
  $('token-form').hidden = true;
  await pollJournal();
});

async function loadSettings() {
  const s = await json('/__stub/settings');
  $('server-settings').textContent = `seed ${s.seed}, ${s.size} records per parent, profile ${s.profile}, latency ${s.latency.min}-${s.latency.max} ms, fault rate ${s.faultRate}, default scenario ${s.defaultScenario ?? 'none'}`;
  $('scenario').value = s.defaultScenario ?? '';
  $('latency-min').value = s.latency.min;
  $('latency-max').value = s.latency.max;
  $('fault-rate').value = s.faultRate;
}

async function loadScenarios() {
  const s = await json('/__stub/scenarios');
  for (const [name, description] of Object.entries(s.scenarios)) {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = `${name}: ${description}`;
    $('scenario').appendChild(option);
  }
}

$('switches').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await put('/__stub/scenario', { default: $('scenario').value || null });
    await put('/__stub/latency', { min: Number($('latency-min').value), max: Number($('latency-max').value) });
    await put('/__stub/faults', { rate: Number($('fault-rate').value) });
    $('switches-status').textContent = 'Applied.';
    await loadSettings();
  } catch (error) {
    $('switches-status').textContent = `Not applied: ${error.message}`;
  }
});

let renderedJournal = null;

function renderJournal() {
  const filter = $('journal-filter').value.trim();
  const shown = journal.filter((e) => !filter || e.url.includes(filter));
  // The poll runs every second: rebuild the rows only when they change, and keep the keyboard focus on
  // the same entry when they do, so a reader moving through the rows is not thrown back to the page.
  const key = JSON.stringify([filter, shown.map((e) => e.id)]);
  if (key === renderedJournal) return;
  renderedJournal = key;
  const body = $('journal').querySelector('tbody');
  const focused = body.contains(document.activeElement) ? document.activeElement.dataset.id : null;
  body.replaceChildren();
  for (const entry of shown) {
    const row = document.createElement('tr');
    row.tabIndex = 0;
    row.dataset.id = entry.id;
    for (const value of [entry.id, entry.method, entry.url, entry.status, entry.durationMs, entry.via]) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.appendChild(cell);
    }
    row.children[3].className = `status-${String(entry.status)[0]}`;
    const show = () => {
      $('journal-body').textContent = `request headers:\n${JSON.stringify(entry.requestHeaders, null, 2)}\n\nrequest body:\n${entry.requestBody || '(none)'}\n\nresponse body:\n${entry.responseBody}`;
      $('journal-detail').open = true;
    };
    row.addEventListener('click', show);
    row.addEventListener('keydown', (e) => { if (e.key === 'Enter') show(); });
    body.appendChild(row);
    if (focused !== null && row.dataset.id === focused) row.focus();
  }
}

async function pollJournal() {
  try {
    const data = await admin('/__stub/requests?limit=200');
    journal = data.requests;
    renderJournal();
  } catch (error) {
    // The server may be restarting; the next poll tries again.
  }
}

$('journal-filter').addEventListener('input', renderJournal);
$('journal-clear').addEventListener('click', async () => {
  try {
    await admin('/__stub/requests', { method: 'DELETE' });
  } catch (error) {
    // Asked for the token above, if that was the reason.
  }
  await pollJournal();
});

function fillParents() {
  const api = catalog.apis.find((a) => a.id === $('export-api').value);
  const select = $('export-parent');
  select.replaceChildren();
  for (const parent of api.parents) {
    const option = document.createElement('option');
    option.value = parent[api.parent];
    option.textContent = parent[api.parent];
    select.appendChild(option);
  }
}

$('export').addEventListener('submit', (event) => {
  event.preventDefault();
  const query = new URLSearchParams({
    api: $('export-api').value,
    parent: $('export-parent').value,
    count: $('export-count').value,
    seed: $('export-seed').value,
    format: $('export-format').value,
    profile: $('export-profile').value,
  });
  const link = document.createElement('a');
  link.href = `/__stub/fixtures?${query}`;
  link.download = `${$('export-api').value}.${$('export-format').value}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
});

function renderCatalogue() {
  const root = $('catalogue');
  root.replaceChildren();
  for (const api of catalog.apis) {
    const section = document.createElement('article');
    section.className = 'api';
    section.innerHTML = `<h3></h3><p class="operation"></p><p class="summary"></p>`;
    section.querySelector('h3').textContent = `${api.id}: ${api.title}`;
    section.querySelector('.operation').textContent = `${api.method} ${api.path} (success ${api.success}, credential ${api.credential})`;
    section.querySelector('.summary').textContent = api.summary;
    for (const table of api.tables) {
      const caption = document.createElement('h4');
      caption.textContent = `${table.part}: ${table.caption}`;
      const element = document.createElement('table');
      element.innerHTML = '<thead><tr><th scope="col">name</th><th scope="col">mandatory</th><th scope="col">type</th><th scope="col">constraints</th><th scope="col">description</th></tr></thead><tbody></tbody>';
      for (const row of table.rows) {
        const tr = document.createElement('tr');
        for (const value of [row.name, row.mandatory ? 'yes' : 'no', row.type, row.constraints, row.description]) {
          const td = document.createElement('td');
          td.textContent = value;
          tr.appendChild(td);
        }
        element.querySelector('tbody').appendChild(tr);
      }
      section.append(caption, element);
    }
    const assumptions = document.createElement('ul');
    for (const a of api.assumptions) {
      const li = document.createElement('li');
      li.className = 'assumption';
      li.textContent = `${a.id} (${a.about}): ${a.text}`;
      assumptions.appendChild(li);
    }
    const heading = document.createElement('h4');
    heading.textContent = 'Assumptions';
    section.append(heading, assumptions);
    root.appendChild(section);
  }
}

async function start() {
  takeTokenFromFragment();
  catalog = await json('/__stub/catalog');
  for (const api of catalog.apis) {
    const option = document.createElement('option');
    option.value = api.id;
    option.textContent = api.id;
    $('export-api').appendChild(option);
  }
  $('export-api').addEventListener('change', fillParents);
  fillParents();
  renderCatalogue();
  await loadScenarios();
  await loadSettings();
  $('switches-fields').disabled = false;
  await pollJournal();
  setInterval(pollJournal, 1000);
}

start();
