// A customer's front end, standing in for a real one: it calls the documented APIs on the same origin
// (the stub server), pages and sorts snapshots, rolls back and scales, follows EVS next links, and shows
// an error banner and a loading state.
'use strict';

const params = new URLSearchParams(location.search);
const TOKEN = params.get('token') ?? 'demo-token';
const SS = {
  project: '0605767a3300d5762fb7c0186d9e1779',
  application: '8a3be48a-6401-4e8c-bbce-033745252227',
  component: '4b611997-4acd-4538-a06b-32fd2475e057',
  instance: params.get('instance') ?? '11eddb33-140b-4e51-b1e2-6ec265373ca3',
};
const CONFIG = 'f5a52d93-1587-45cf-b8fe-5c7f204b98d1';
const EVS_PROJECT = '20a68d6b7a124ae2b6b8a22046ee5966';
const base = `/v2/${SS.project}/cas/applications/${SS.application}/components/${SS.component}/instances/${SS.instance}`;
const $ = (id) => document.getElementById(id);
let page = 0;
let pending = 0;
let calls = 0;       // every call is numbered when it starts
let bannerCall = 0;  // the call whose failure the banner shows
let historyOffset = 0;
let evsNext = null;

function errorText(status, body) {
  const message = body?.error_message ?? body?.Message ?? body?.badRequest?.message ?? body?.itemNotFound?.message ?? body?.error?.message ?? JSON.stringify(body);
  return `Request failed (${status}): ${message}`;
}

async function call(url, options = {}) {
  const number = ++calls;
  pending++;
  $('loading').hidden = false;
  try {
    // Content-Type only with a body, as front ends send it (the stub lets a GET without one through).
    const json = options.body === undefined ? {} : { 'Content-Type': 'application/json' };
    const response = await fetch(url, { ...options, headers: { 'X-Auth-Token': TOKEN, ...json, ...(options.headers ?? {}) } });
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(errorText(response.status, body));
    // Only a call started after the failing one clears the banner: a slow answer to an older
    // request must not hide a newer error.
    if (number > bannerCall) $('error-banner').hidden = true;
    return body;
  } catch (error) {
    if (number >= bannerCall) {
      bannerCall = number;
      $('error-banner').textContent = error.message;
      $('error-banner').hidden = false;
    }
    throw error;
  } finally {
    pending--;
    $('loading').hidden = pending === 0;
  }
}

async function loadSnapshots() {
  const size = Number($('page-size').value);
  const data = await call(`${base}/snapshots?limit=${size}&offset=${page * size}&order=${$('order').value}`);
  $('snapshot-total').textContent = data.count;
  $('snapshot-page').textContent = page + 1;
  const body = $('snapshots').querySelector('tbody');
  body.replaceChildren();
  $('versions').replaceChildren();
  for (const s of data.snapshots) {
    const row = document.createElement('tr');
    for (const value of [s.version, new Date(s.create_time).toISOString(), s.description]) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.appendChild(cell);
    }
    body.appendChild(row);
    const option = document.createElement('option');
    option.value = s.version;
    $('versions').appendChild(option);
  }
  $('prev').disabled = page === 0;
  $('next').disabled = (page + 1) * size >= data.count;
}

async function act(body) {
  const data = await call(`${base}/action`, { method: 'POST', body: JSON.stringify(body) });
  $('job').textContent = `Started job ${data.job_id}`;
}

async function loadHistory(more) {
  if (!more) { historyOffset = 0; $('history').replaceChildren(); }
  const data = await call(`/v3/${SS.project}/cas/configs/${CONFIG}/histories?limit=5&offset=${historyOffset}`);
  $('history-total').textContent = data.count;
  for (const h of data.histories) {
    const li = document.createElement('li');
    li.textContent = `${h.version}: ${h.content}`;
    $('history').appendChild(li);
  }
  historyOffset += data.histories.length;
  $('history-more').disabled = historyOffset >= data.count;
}

async function loadEvs(more) {
  const url = more && evsNext ? evsNext : `/v2/${EVS_PROJECT}/cloudsnapshots/detail?limit=5`;
  if (!more) $('evs').replaceChildren();
  const data = await call(url);
  $('evs-total').textContent = data.count;
  for (const s of data.snapshots) {
    const li = document.createElement('li');
    li.textContent = `${s.name} (${s.status}, ${s.size} GB)`;
    $('evs').appendChild(li);
  }
  // Follow the next link the API gave, as the document describes, not a computed offset.
  const next = data.snapshots_links?.find((l) => l.rel === 'next')?.href;
  evsNext = next ? new URL(next).pathname + new URL(next).search : null;
  $('evs-more').disabled = !evsNext;
}

const quietly = (promise) => promise.catch(() => {});
$('refresh').addEventListener('click', () => quietly(Promise.all([loadSnapshots(), loadHistory(false), loadEvs(false)])));
$('prev').addEventListener('click', () => { page = Math.max(0, page - 1); quietly(loadSnapshots()); });
$('next').addEventListener('click', () => { page++; quietly(loadSnapshots()); });
$('page-size').addEventListener('change', () => { page = 0; quietly(loadSnapshots()); });
$('order').addEventListener('change', () => { page = 0; quietly(loadSnapshots()); });
$('rollback-form').addEventListener('submit', (e) => { e.preventDefault(); quietly(act({ action: 'rollback', parameters: { version: $('rollback-version').value } })); });
$('scale-form').addEventListener('submit', (e) => { e.preventDefault(); quietly(act({ action: 'scale', parameters: { replica: Number($('replica').value) } })); });
$('history-more').addEventListener('click', () => quietly(loadHistory(true)));
$('evs-more').addEventListener('click', () => quietly(loadEvs(true)));

quietly(Promise.all([loadSnapshots(), loadHistory(false), loadEvs(false)]));
