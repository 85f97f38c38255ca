/**
 * The drill-down: a modal dialog with a regulation's timeline from GET /regulations/:id. Escape or the close button
 * closes it, and the focus goes back to the button that opened it.
 */
import { formatCivilDate, formatInstant, label, t } from './i18n.js';

/** The data field holding the legal date of each kind of fact; other events show the day they were recorded. */
const LEGAL_DATE_FIELD = {
  RegulationDrafted: 'startedOn',
  AmendmentStarted: 'startedOn',
  ConsultationOpened: 'openedAt',
  ConsultationClosed: 'closedOn',
  CommentRecorded: 'receivedOn',
  CritiqueSubmitted: 'submittedOn',
  VoteRecorded: 'heldOn',
  DossierSubmitted: 'submittedOn',
  RegulationRecognized: 'decidedOn',
  DossierReturned: 'returnedOn',
  AnnualReviewDue: 'dueOn',
  AnnualReviewRecorded: 'reviewedOn',
  RegulationSuspended: 'suspendedOn',
  RegulationResumed: 'resumedOn',
  RegulationRepealed: 'repealedOn',
};

function legalDate(entry) {
  const value = entry.data?.[LEGAL_DATE_FIELD[entry.type]];
  if (typeof value !== 'string') return formatInstant(entry.occurredAt).slice(0, 10);
  return value.length === 10 ? formatCivilDate(value) : formatInstant(value).slice(0, 10);
}

function cell(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

export class TimelineDialog {
  /** `load(regulationId)` resolves with the regulation's detail; `fallbackFocus()` names where focus goes if the opener is gone. */
  constructor(dialog, { load, fallbackFocus }) {
    this.dialog = dialog;
    this.load = load;
    this.fallbackFocus = fallbackFocus;
    this.regulationId = null;
    this.detail = null;
    this.error = null;
    this.request = 0;
    dialog.querySelector('[data-close]').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => this.restoreFocus());
  }

  async open(regulationId) {
    const request = ++this.request;
    this.regulationId = regulationId;
    this.detail = null;
    this.error = null;
    this.render();
    if (!this.dialog.open) this.dialog.showModal();
    this.dialog.querySelector('[data-close]').focus();
    try {
      const detail = await this.load(regulationId);
      if (request === this.request) this.detail = detail;
    } catch (error) {
      if (request === this.request) this.error = error;
    }
    if (request === this.request) this.render();
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  /** The opener may have been re-rendered by a live update meanwhile: find its successor by regulation id. */
  restoreFocus() {
    const id = CSS.escape(this.regulationId ?? '');
    const opener = document.querySelector(`button[data-regulation-id="${id}"]`);
    (opener ?? this.fallbackFocus()).focus();
  }

  /** Draws the dialog in the current language (again after a language switch). */
  render() {
    const { dialog, detail } = this;
    dialog.querySelector('[data-title]').textContent = detail ? detail.title : t('timeline.title');
    const status = dialog.querySelector('[data-status]');
    status.textContent = this.error ? t('timeline.error', { message: this.error.message }) : detail ? '' : t('timeline.loading');
    status.hidden = status.textContent === '';
    const meta = dialog.querySelector('[data-meta]');
    const body = dialog.querySelector('tbody');
    meta.replaceChildren();
    body.replaceChildren();
    dialog.querySelector('table').hidden = !detail;
    if (!detail) return;
    for (const [term, value] of [
      [t('timeline.ward'), detail.wardName],
      [t('timeline.kind'), label('kind', detail.kind)],
      [t('timeline.stage'), label('stage', detail.stage)],
    ]) {
      meta.append(cell('dt', term), cell('dd', value));
    }
    for (const entry of detail.timeline) {
      const row = document.createElement('tr');
      row.dataset.eventType = entry.type;
      row.append(
        cell('td', String(entry.streamPosition), { class: 'number' }),
        cell('th', label('event', entry.type), { scope: 'row' }),
        cell('td', legalDate(entry), { class: 'date' }),
        cell('td', formatInstant(entry.occurredAt), { class: 'date' }),
        cell('td', entry.actor.id),
        cell('td', label('role', entry.actor.role)),
      );
      body.append(row);
    }
  }
}
