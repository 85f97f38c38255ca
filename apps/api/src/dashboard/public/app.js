/**
 * The supervisors' dashboard: log in with a bearer token; the inbox filtered, sorted and paged; totals and counts per
 * ward; live updates from the inbox's stream; a regulation's timeline in a dialog; Vietnamese or English.
 */
import { Api } from './api.js';
import { formatCivilDate, label, language, setLanguage, t } from './i18n.js';
import { agingTotals, compareItems, inboxRow, sortColumns, wardRow } from './inbox-view.js';
import { LiveStream } from './live.js';
import { decodeClaims, forgetToken, normalizeToken, principalOf, storedToken, storeToken } from './session.js';
import { TimelineDialog } from './timeline.js';

const PAGE_SIZE = 50;
const COUNTS_DELAY_MS = 300;
/** setTimeout's largest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const $ = (id) => document.getElementById(id);

const session = { api: null, principal: null, live: null, expiryTimer: null };
const view = {
  wards: [],
  filters: { ward: '', step: '', aging: '', overdue: false },
  sort: 'due_on',
  items: [],
  nextCursor: null,
  counts: null,
  liveState: 'idle',
  loading: false,
  error: null,
  /** Bumped by every reload and by logging out: an answer of an older generation is dropped. */
  generation: 0,
  countsTimer: null,
};

const timeline = new TimelineDialog($('timeline'), {
  load: (regulationId) => session.api.get(`/regulations/${encodeURIComponent(regulationId)}`),
  fallbackFocus: () => $('inbox-title'),
});

// ---------------------------------------------------------------- session

async function logIn(rawToken) {
  const token = normalizeToken(rawToken);
  const claims = decodeClaims(token);
  if (!claims) return loginFailed(t('login.malformed'));
  const principal = principalOf(claims);
  if (principal.expiresAt !== null && principal.expiresAt <= Date.now()) return loginFailed(t('login.expired'));

  const api = new Api(token, (error) => {
    if (session.api === api) endSession(error);
  });
  const submit = $('login-form').querySelector('button[type="submit"]');
  submit.disabled = true;
  $('login-error').textContent = t('login.checking');
  let catalogue;
  try {
    catalogue = await api.get('/catalogue');
  } catch (error) {
    return loginFailed(error.status === 401 || error.status === 403 ? t('login.refused', { message: error.message }) : t('inbox.error', { message: error.message }));
  } finally {
    submit.disabled = false;
  }

  storeToken(token);
  Object.assign(session, { api, principal });
  const expiresIn = principal.expiresAt === null ? null : principal.expiresAt - Date.now();
  if (expiresIn !== null) session.expiryTimer = setTimeout(() => endSession({ message: t('login.expired') }), Math.min(expiresIn, MAX_TIMER_MS));
  view.wards = catalogue.wards
    .filter((ward) => principal.wards.includes('*') || principal.wards.includes(ward.code))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));

  $('login-error').textContent = '';
  $('token').value = '';
  $('login').hidden = true;
  $('dashboard').hidden = false;
  $('logout').hidden = false;
  renderWho();
  renderWardOptions();
  $('summary-title').focus();
  session.live = new LiveStream({
    open: (signal) => api.openStream('/inbox/stream', {}, signal),
    onMessage: onLiveMessage,
    onState: (state) => {
      view.liveState = state;
      renderLive();
    },
    isFatal: (error) => error.status === 401 || error.status === 403,
  });
  session.live.start();
  await reload();
}

function loginFailed(message) {
  forgetToken();
  $('login-error').textContent = message;
  $('token').focus();
}

function logOut() {
  session.live?.stop();
  clearTimeout(session.expiryTimer);
  clearTimeout(view.countsTimer);
  timeline.close();
  forgetToken();
  Object.assign(session, { api: null, principal: null, live: null, expiryTimer: null });
  Object.assign(view, { items: [], nextCursor: null, counts: null, error: null, loading: false, liveState: 'idle' });
  view.generation += 1;
  $('dashboard').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = '';
  renderWho();
  renderLive();
  $('token').focus();
}

/** The api refused the token (expired, revoked): back to the login form, saying why. */
function endSession(error) {
  logOut();
  $('login-error').textContent = t('login.sessionEnded', { message: error.message });
}

// ---------------------------------------------------------------- data

function filterParams() {
  const { ward, step, aging, overdue } = view.filters;
  return { ward, step, aging, overdue: overdue ? 'true' : '' };
}

function matchesFilters(item) {
  const { ward, step, aging, overdue } = view.filters;
  return (!ward || item.wardCode === ward) && (!step || item.step === step) && (!aging || item.aging === aging) && (!overdue || item.overdueWorkingDays > 0);
}

/** The first page and the counts again, for the current filters and sort. */
async function reload() {
  const generation = ++view.generation;
  const { api } = session;
  view.loading = true;
  renderInbox();
  try {
    const [page, counts] = await Promise.all([
      api.get('/inbox', { ...filterParams(), sort: view.sort, limit: PAGE_SIZE }),
      api.get('/inbox/counts', filterParams()),
    ]);
    if (generation !== view.generation) return;
    Object.assign(view, { items: page.items, nextCursor: page.nextCursor, counts, error: null });
  } catch (error) {
    if (generation !== view.generation) return;
    view.error = error;
  }
  view.loading = false;
  renderInbox();
  renderCounts();
}

async function loadMore() {
  const { generation } = view;
  const button = $('load-more');
  button.disabled = true;
  view.loading = true;
  renderInbox();
  try {
    const page = await session.api.get('/inbox', { ...filterParams(), sort: view.sort, limit: PAGE_SIZE, cursor: view.nextCursor });
    if (generation !== view.generation) return;
    const shown = new Set(view.items.map((item) => item.taskId));
    const added = page.items.filter((item) => !shown.has(item.taskId));
    view.items.push(...added);
    view.nextCursor = page.nextCursor;
    view.error = null;
    view.loading = false;
    renderInbox();
    // The button goes away with the last page: the focus moves to the first row it brought.
    if (!view.nextCursor && added.length > 0) $('inbox').querySelector(`button[data-task-id="${CSS.escape(added[0].taskId)}"]`)?.focus();
  } catch (error) {
    if (generation !== view.generation) return;
    view.error = error;
    view.loading = false;
    renderInbox();
  } finally {
    button.disabled = false;
  }
}

function refreshCountsSoon() {
  clearTimeout(view.countsTimer);
  view.countsTimer = setTimeout(async () => {
    const { generation } = view;
    try {
      const counts = await session.api.get('/inbox/counts', filterParams());
      if (generation !== view.generation) return;
      view.counts = counts;
      renderCounts();
      renderInbox();
    } catch (error) {
      if (generation === view.generation && error.status !== 401) {
        view.error = error;
        renderInbox();
      }
    }
  }, COUNTS_DELAY_MS);
}

function onLiveMessage({ event, data }) {
  // `ready` comes on every (re)connection, and whenever the api may have missed changes: start again from the api.
  if (event === 'ready') {
    void reload();
    return;
  }
  if (event !== 'task') return;
  let change;
  try {
    change = JSON.parse(data);
  } catch {
    return;
  }
  applyChange(change);
  refreshCountsSoon();
}

/** One task changed: it leaves the table when decided, cancelled or outside the filters; else it takes its sorted place. */
function applyChange(change) {
  const index = view.items.findIndex((item) => item.taskId === change.taskId);
  const item = change.item && matchesFilters(change.item) ? change.item : null;
  if (!item) {
    if (index < 0) return;
    const [gone] = view.items.splice(index, 1);
    announce(t('live.removed', { title: gone.title }));
    renderInbox();
    return;
  }
  if (index >= 0) view.items.splice(index, 1);
  const at = view.items.findIndex((other) => compareItems(view.sort, item, other) < 0);
  // After the last row while more pages wait: it comes with "load more".
  if (at < 0 && view.nextCursor !== null) {
    renderInbox();
    return;
  }
  view.items.splice(at < 0 ? view.items.length : at, 0, item);
  if (index < 0) announce(t('live.added', { title: item.title }));
  renderInbox(item.taskId);
}

function announce(text) {
  $('announcer').textContent = text;
}

// ---------------------------------------------------------------- rendering

function applyLanguage() {
  document.documentElement.lang = language();
  document.title = t('app.title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  const switcher = $('language');
  switcher.textContent = t('app.switchLanguage');
  switcher.lang = language() === 'vi' ? 'en' : 'vi';
  renderWho();
  renderLive();
  renderWardOptions();
  if (session.api) {
    renderInbox();
    renderCounts();
  }
  if ($('timeline').open) timeline.render();
}

function renderWho() {
  const who = $('who');
  const { principal } = session;
  who.hidden = !principal;
  if (!principal) return who.replaceChildren();
  const wards = principal.wards.includes('*')
    ? t('who.allWards')
    : t('who.wards', { wards: principal.wards.map((code) => view.wards.find((ward) => ward.code === code)?.name ?? code).join(', ') });
  const name = document.createElement('strong');
  name.textContent = principal.sub;
  who.replaceChildren(`${t('who.label')}: `, name, ` · ${label('role', principal.role)} · ${wards}`);
}

function renderLive() {
  const live = $('live');
  live.hidden = view.liveState === 'idle';
  live.dataset.state = view.liveState;
  live.textContent = view.liveState === 'idle' ? '' : t(`live.${view.liveState}`);
}

function renderWardOptions() {
  const select = $('filter-ward');
  const all = document.createElement('option');
  all.value = '';
  all.textContent = t('filters.allWards');
  const options = view.wards.map((ward) => {
    const option = document.createElement('option');
    option.value = ward.code;
    option.textContent = ward.name;
    return option;
  });
  select.replaceChildren(all, ...options);
  select.value = view.filters.ward;
}

/** The table, its sort state, status line, error and "load more"; keeps the keyboard focus on the same task. */
function renderInbox(changedTaskId) {
  const table = $('inbox');
  const body = table.tBodies[0];
  const focusedTask = document.activeElement?.closest?.('#inbox tbody button')?.dataset.taskId;
  body.replaceChildren(
    ...view.items.map((item) => {
      const row = inboxRow(item);
      if (item.taskId === changedTaskId) row.classList.add('changed');
      return row;
    }),
  );
  if (focusedTask) (body.querySelector(`button[data-task-id="${CSS.escape(focusedTask)}"]`) ?? $('inbox-title')).focus();
  table.setAttribute('aria-busy', String(view.loading));
  for (const header of table.querySelectorAll('th[data-sort]')) {
    if (sortColumns[header.dataset.sort].includes(view.sort)) header.setAttribute('aria-sort', view.sort.startsWith('-') ? 'descending' : 'ascending');
    else header.removeAttribute('aria-sort');
  }
  const status = $('inbox-status');
  if (view.loading) status.textContent = t('inbox.loading');
  else if (view.items.length === 0) status.textContent = t('inbox.empty');
  else status.textContent = t('inbox.shown', { shown: view.items.length, total: Math.max(view.counts?.total ?? 0, view.items.length) });
  const error = $('error');
  error.hidden = !view.error;
  error.textContent = view.error ? t('inbox.error', { message: view.error.message }) : '';
  $('load-more').hidden = !view.nextCursor;
}

function renderCounts() {
  const { counts } = view;
  $('today').textContent = counts ? t('summary.today', { date: formatCivilDate(counts.today) }) : '';
  $('totals').replaceChildren(...(counts ? agingTotals(counts) : []));
  const wards = counts?.byWard ?? [];
  $('wards').tBodies[0].replaceChildren(...wards.map(wardRow));
  $('wards-empty').hidden = !counts || wards.length > 0;
}

// ---------------------------------------------------------------- wiring

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void logIn($('token').value);
});

$('logout').addEventListener('click', logOut);

$('language').addEventListener('click', () => {
  setLanguage(language() === 'vi' ? 'en' : 'vi');
  applyLanguage();
});

const filters = $('filters');
function readFilters() {
  view.filters = {
    ward: filters.elements.ward.value,
    step: filters.elements.step.value,
    aging: filters.elements.aging.value,
    overdue: filters.elements.overdue.checked,
  };
  void reload();
}
filters.addEventListener('change', readFilters);
filters.addEventListener('submit', (event) => {
  event.preventDefault();
  readFilters();
});
// `reset` fires before the controls are reset.
filters.addEventListener('reset', () => setTimeout(readFilters));

for (const header of $('inbox').querySelectorAll('th[data-sort]')) {
  header.querySelector('button').addEventListener('click', () => {
    const orders = sortColumns[header.dataset.sort];
    view.sort = orders[(orders.indexOf(view.sort) + 1) % orders.length];
    void reload();
  });
}

$('inbox').tBodies[0].addEventListener('click', (event) => {
  const button = event.target.closest('button[data-regulation-id]');
  if (button) void timeline.open(button.dataset.regulationId);
});

$('load-more').addEventListener('click', () => void loadMore());

applyLanguage();
const token = storedToken();
if (token) void logIn(token);
