/** Rendering of the inbox: its rows, the totals by aging bucket and the counts per ward, and the page's sort order. */
import { formatCivilDate, label, t } from './i18n.js';

const agingBuckets = ['on_time', 'due_soon', 'overdue', 'overdue_long'];

/** Column header → the api's sort orders it toggles between (the first is the one a first click picks). */
export const sortColumns = {
  ward: ['ward'],
  priority: ['priority'],
  opened: ['opened_at', '-opened_at'],
  due: ['due_on', '-due_on'],
};

/** The api's sort orders as comparators: the same keys, the task id last, all reversed when descending. */
const sortKeys = {
  due_on: [(item) => item.dueOn],
  opened_at: [(item) => item.openedAt],
  priority: [(item) => item.priority, (item) => item.dueOn],
  ward: [(item) => item.wardCode, (item) => item.dueOn],
};

export function compareItems(sort, a, b) {
  const descending = sort.startsWith('-');
  const keys = [...sortKeys[descending ? sort.slice(1) : sort], (item) => item.taskId];
  for (const key of keys) {
    const [x, y] = [key(a), key(b)];
    if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
  }
  return 0;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'className') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

/** The aging badge: a colour and always its name in words. */
function agingBadge(aging) {
  return element('span', { className: `badge badge-${aging}`, 'data-aging': aging }, label('aging', aging));
}

/** One table row per task; the title is a button that opens the regulation's timeline. */
export function inboxRow(item) {
  const open = element(
    'button',
    {
      type: 'button',
      className: 'link-button',
      'data-regulation-id': item.regulationId,
      'data-task-id': item.taskId,
      'aria-label': t('inbox.openTimeline', { title: item.title }),
    },
    item.title,
  );
  const status = element('td', { className: 'aging-cell' }, agingBadge(item.aging));
  if (item.overdueWorkingDays > 0) status.append(element('span', { className: 'late' }, t('inbox.late', { days: item.overdueWorkingDays })));
  return element(
    'tr',
    { className: `task aging-${item.aging}`, 'data-task-id': item.taskId, 'data-aging': item.aging },
    element('td', { className: 'ward' }, item.wardName),
    element('th', { scope: 'row' }, open, element('span', { className: 'kind' }, label('kind', item.kind))),
    element('td', {}, label('step', item.step)),
    element('td', { className: 'optional' }, label('authority', item.authority)),
    element('td', {}, item.assignee ?? element('span', { className: 'muted' }, t('inbox.unclaimed'))),
    element('td', { className: 'optional' }, label('priority', item.priority)),
    element('td', { className: 'date optional' }, formatCivilDate(item.openedOn)),
    element('td', { className: 'date' }, formatCivilDate(item.dueOn)),
    status,
  );
}

/** The totals: all pending tasks, then one tile per aging bucket. */
export function agingTotals(counts) {
  const tiles = [element('li', { className: 'tile tile-total' }, element('span', { className: 'tile-count' }, String(counts.total)), element('span', { className: 'tile-label' }, t('summary.total')))];
  for (const aging of agingBuckets) {
    tiles.push(
      element(
        'li',
        { className: `tile tile-${aging}`, 'data-aging': aging },
        element('span', { className: 'tile-count' }, String(counts.byAging[aging] ?? 0)),
        agingBadge(aging),
      ),
    );
  }
  return tiles;
}

/** One row per ward with pending tasks: total, unclaimed, claimed and each aging bucket. */
export function wardRow(ward) {
  const cells = [ward.total, ward.open, ward.claimed, ...agingBuckets.map((aging) => ward[aging])].map((value, i) =>
    element('td', { className: `number${i >= 5 && value > 0 ? ' alert' : ''}` }, String(value)),
  );
  return element('tr', { 'data-ward': ward.wardCode }, element('th', { scope: 'row', className: 'ward' }, ward.wardName), ...cells);
}
