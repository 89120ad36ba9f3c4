// The "active sessions" page: plain JavaScript against the example server's JSON routes.
'use strict';

const TOKEN_KEY = 'sessionkit.token';
// Sessions per request; "Show more" fetches the next page through the list's keyset cursor.
const PAGE_SIZE = 10;
const SIGNED_OUT = 'This device was signed out, from another device or because the session expired. Sign in again.';
// Outline icons as SVG path data (drawn, not emoji: every machine renders them the same).
const ICONS = {
  DESKTOP: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4'],
  MOBILE: ['M7 2h10v20H7z', 'M11 18h2'],
  TABLET: ['M4 3h16v18H4z', 'M11 17h2'],
  TV: ['M2 5h20v13H2z', 'M7 21h10'],
  OTHER: ['M4 6h16v10H4z', 'M2 19h20'],
};

function icon(deviceType) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  for (const d of ICONS[deviceType] || ICONS.OTHER) {
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }
  return svg;
}

const $ = (id) => document.getElementById(id);

function token() { return localStorage.getItem(TOKEN_KEY); }

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (token()) headers['Authorization'] = 'Bearer ' + token();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error((json.error && json.error.message) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return json;
}

function relative(iso) {
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes + (minutes === 1 ? ' minute ago' : ' minutes ago');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours + (hours === 1 ? ' hour ago' : ' hours ago');
  const days = Math.round(hours / 24);
  return days + (days === 1 ? ' day ago' : ' days ago');
}

function describeDevice(client) {
  if (client.deviceName) return client.deviceName;
  const kind = { DESKTOP: 'Computer', MOBILE: 'Phone', TABLET: 'Tablet', TV: 'TV', BOT: 'Bot' }[client.deviceType];
  return kind || 'Unknown device';
}

/** The list as shown: this device, then the pages fetched so far. */
const listed = { currentId: null, total: 0, nextCursor: null };

/** Shows the sign-in form, saying why when the device did not sign out by itself. */
function showSignIn(reason) {
  $('account').hidden = true;
  $('signin').hidden = false;
  $('signin-notice').textContent = reason || '';
  $('signin-notice').hidden = !reason;
  $('username').focus();
}

/**
 * Asks before something that signs a device out, as GitHub and Google do: a modal dialog whose
 * Cancel has the focus. Resolves to true only for the confirm button (Escape cancels).
 */
function confirmed(title, text, action) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = action;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
  });
}

function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = !text;
}

function renderSession(session) {
  const row = $('session-row').content.firstElementChild.cloneNode(true);
  const client = session.client;
  row.dataset.sessionId = session.id;
  row.classList.toggle('current', session.current);
  row.querySelector('.device-icon').appendChild(icon(client.deviceType));
  row.querySelector('.device').textContent = describeDevice(client);
  row.querySelector('.badge').hidden = !session.current;
  row.querySelector('.browser').textContent = client.browser || 'Unknown browser';
  row.querySelector('.os').textContent = client.os || 'Unknown OS';
  row.querySelector('.ip').textContent = client.ipAddress || 'Unknown IP';
  const last = row.querySelector('.last-active');
  last.dateTime = session.lastAccessedAt;
  last.textContent = session.current ? 'now' : relative(session.lastAccessedAt);
  last.title = new Date(session.lastAccessedAt).toLocaleString();
  const created = row.querySelector('.created');
  created.dateTime = session.createdAt;
  created.textContent = new Date(session.createdAt).toLocaleString();
  const revoke = row.querySelector('.revoke');
  if (session.current) {
    revoke.remove();
  } else {
    revoke.addEventListener('click', async () => {
      const device = describeDevice(client);
      const where = [client.browser, client.os, client.ipAddress].filter(Boolean).join(', ');
      const sure = await confirmed('Revoke ' + device + '?',
        device + (where ? ' (' + where + ')' : '') + ' will be signed out and will have to sign in again.', 'Revoke');
      if (!sure) return;
      revoke.disabled = true;
      const result = await guarded(() => api('DELETE', '/sessions/' + encodeURIComponent(session.id)));
      if (result) notice('Signed out ' + device + '.');
      await refresh();
    });
  }
  return row;
}

/** Rows for a page of sessions; this device has its own row at the top already. */
function otherRows(items) {
  return items.filter((s) => s.id !== listed.currentId).map(renderSession);
}

function showPaging(page) {
  listed.nextCursor = page.nextCursor;
  $('show-more').hidden = !page.nextCursor;
  $('show-more').disabled = false;
}

/** Fetches this device and the first page again, from the top. */
async function refresh() {
  const me = await guarded(() => api('GET', '/sessions/current'));
  if (!me) return;
  const page = await guarded(() => api('GET', '/sessions?limit=' + PAGE_SIZE + '&count=true'));
  if (!page) return;
  listed.currentId = me.id;
  listed.total = page.total;
  $('whoami').textContent = me.subject;
  $('session-count').textContent = page.total + (page.total === 1 ? ' active session' : ' active sessions');
  $('revoke-others').disabled = page.total < 2;
  // This device first, then the others as the server ordered them (most recently used first).
  $('sessions').replaceChildren(renderSession(me), ...otherRows(page.items));
  showPaging(page);
  $('signin').hidden = true;
  $('account').hidden = false;
}

/** The next page, after the cursor of the last one: stable even while sessions come and go. */
async function showMore() {
  $('show-more').disabled = true;
  const cursor = encodeURIComponent(listed.nextCursor);
  const page = await guarded(() => api('GET', '/sessions?limit=' + PAGE_SIZE + '&cursor=' + cursor));
  if (!page) {
    $('show-more').disabled = false;
    return;
  }
  $('sessions').append(...otherRows(page.items));
  showPaging(page);
}

/** Runs a call; a 401 means this device was signed out, so it says so on the sign-in form. */
async function guarded(call) {
  try {
    return await call();
  } catch (error) {
    if (error.status === 401) {
      localStorage.removeItem(TOKEN_KEY);
      showSignIn(SIGNED_OUT);
      return null;
    }
    notice('Something went wrong: ' + error.message);
    return null;
  }
}

async function signIn(event) {
  event.preventDefault();
  $('signin-error').hidden = true;
  try {
    const issued = await api('POST', '/login', {
      username: $('username').value,
      password: $('password').value,
      deviceName: $('device-name').value || undefined,
    });
    localStorage.setItem(TOKEN_KEY, issued.token);
    $('password').value = '';
    $('signin-notice').hidden = true;
    notice('');
    await refresh();
  } catch (error) {
    $('signin-error').textContent = error.status === 401 ? 'Wrong user name or password.' : error.message;
    $('signin-error').hidden = false;
  }
}

async function revokeOthers() {
  const others = listed.total - 1;
  const sure = await confirmed('Sign out all other devices?',
    (others === 1 ? '1 other device' : others + ' other devices') + ' will be signed out and will have to sign in again.'
      + ' This device stays signed in.', 'Sign out other devices');
  if (!sure) return;
  const result = await guarded(() => api('POST', '/sessions/revoke-others'));
  if (result) {
    notice(result.revoked === 1 ? 'Signed out 1 other device.' : 'Signed out ' + result.revoked + ' other devices.');
    await refresh();
  }
}

async function signOut() {
  await guarded(() => api('POST', '/logout'));
  localStorage.removeItem(TOKEN_KEY);
  notice('');
  showSignIn(''); // signed out here, on purpose: nothing to explain
}

document.addEventListener('DOMContentLoaded', () => {
  $('signin-form').addEventListener('submit', signIn);
  $('revoke-others').addEventListener('click', revokeOthers);
  $('signout').addEventListener('click', signOut);
  $('show-more').addEventListener('click', showMore);
  if (token()) refresh(); else showSignIn('');
});
