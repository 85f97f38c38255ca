/**
 * Regulations already in force when a ward moves in (issue 14 point 3): one import row's facts decided into the
 * lifecycle's own events, in legal order, after an event that says the history was imported. The reports count the
 * facts by their legal dates (`factDateOf`) and the workflow's timers run from the state they leave.
 */
import { civilDateInVietnam, CivilDate, compareCivilDates, WorkingDayCalendar } from './calendar';
import { hasStep, kindOf } from './catalogue';
import type { CreateDraft, ImportRegulation, RegulationCommand } from './commands';
import {
  DecisionDateBeforeSubmissionError,
  DomainError,
  ImportFactMissingError,
  ImportFactNotForKindError,
  ImportFactsOutOfOrderError,
  ImportNotAdoptedError,
  InvalidCommandError,
  RepealGroundNotAllowedError,
  ReviewOutcomeNotAllowedError,
} from './errors';
import type { RegulationDrafted, RegulationEvent } from './events';
import { addDuration, exceeds, LegalRegime, regimeById, regimeInForceOn } from './regimes';
import { validateCommand } from './validation';

/** What the import takes from the lifecycle's decider, so both decide a draft and a review date the same way. */
export interface LifecycleDecisions {
  /** The events a CreateDraft with the row's fields decides (its ward, kind, start date and regime checks). */
  create(command: CreateDraft): RegulationEvent[];
  /** The annual review due after `after` under `regime` (Decree 61/2023 art. 15(4): 18 November; before it, the anniversary). */
  nextReview(after: CivilDate, regime: LegalRegime): CivilDate;
  calendar: WorkingDayCalendar;
}

const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * Decides an import row: the regulation's draft, then each fact the row gives, checked as the lifecycle checks it
 * (the tally, the dossier after the vote, the decision after the dossier, no date in the future) and against the
 * facts before it. `actorId` is recorded as the dossier's submitter, as SubmitDossier does.
 */
export function decideImport(command: ImportRegulation, actorId: string, now: string, lifecycle: LifecycleDecisions): RegulationEvent[] {
  const today = civilDateInVietnam(Date.parse(now));
  const { facts, source } = command;
  requireSource(source);
  const drafted = lifecycle.create({
    type: 'CreateDraft',
    regulationId: command.regulationId,
    wardCode: command.wardCode,
    kind: command.kind,
    title: command.title,
    text: command.text,
    startedOn: command.startedOn,
    ...(command.residentialGroup !== undefined ? { residentialGroup: command.residentialGroup } : {}),
  });
  const draft = (drafted[0] as RegulationDrafted).data;
  const kind = kindOf(draft.kind);
  const regime = regimeById(draft.regimeId);
  const events: RegulationEvent[] = [
    {
      type: 'RegulationImported',
      data: {
        importId: source.importId,
        fileHash: source.fileHash,
        row: source.row,
        factsDigest: source.factsDigest,
        textReference: source.textReference ?? null,
      },
    },
    ...drafted,
  ];
  let last = { field: 'startedOn', date: draft.startedOn };
  const after = (field: string, date: CivilDate) => {
    notInFuture(field, date, today);
    if (compareCivilDates(date, last.date) < 0) throw new ImportFactsOutOfOrderError(field, date, last.field, last.date);
    last = { field, date };
  };

  let adoptedOn: CivilDate | null = null;
  if (facts.vote) {
    if (!hasStep(kind, 'vote')) throw new ImportFactNotForKindError('vote', kind.id);
    const vote = facts.vote;
    checked('vote', { type: 'RecordVote', method: 'meeting', ...vote });
    after('vote.heldOn', vote.heldOn);
    // The regime's quorum and adoption thresholds (Decree 61/2023 art. 10; before it, NQLT 09/2008), as RecordVote decides them.
    const quorumMet = exceeds(vote.present, vote.totalHouseholds, regime.quorum);
    const adopted = quorumMet && exceeds(vote.approving, vote.totalHouseholds, regime.adoption);
    if (adopted) adoptedOn = vote.heldOn;
    events.push({ type: 'VoteRecorded', data: { round: 1, method: 'meeting', ...vote, quorumMet, adopted } });
  }

  let submittedOn: CivilDate | null = null;
  if (facts.dossierSubmittedOn !== undefined) {
    if (!hasStep(kind, 'submission')) throw new ImportFactNotForKindError('dossierSubmittedOn', kind.id);
    if (!facts.vote) throw new ImportFactMissingError('dossierSubmittedOn', 'vote');
    if (!adoptedOn) throw new ImportNotAdoptedError('dossierSubmittedOn', facts.vote);
    submittedOn = facts.dossierSubmittedOn;
    checked('dossier', { type: 'SubmitDossier', submittedOn, documents: [...regime.dossierDocuments] });
    after('dossierSubmittedOn', submittedOn);
    // As SubmitDossier decides it; the dossier is taken as complete (the regime's documents), since it was decided on.
    const submissionDueOn = addDuration(adoptedOn, regime.submissionDeadline, lifecycle.calendar);
    events.push({
      type: 'DossierSubmitted',
      data: {
        submittedOn,
        documents: [...regime.dossierDocuments],
        submissionDueOn,
        late: compareCivilDates(submittedOn, submissionDueOn) > 0,
        decisionDueOn: addDuration(submittedOn, regime.decisionDeadline, lifecycle.calendar),
        authority: regime.recognizingAuthority,
        submittedBy: actorId,
      },
    });
  }

  let nextReviewDueOn: CivilDate | null = null;
  const decided = facts.decision !== undefined;
  if (facts.decision) {
    const { decisionNo, decidedOn } = facts.decision;
    if (hasStep(kind, 'review') && submittedOn === null) throw new ImportFactMissingError('decision', 'dossierSubmittedOn');
    checked('decision', { type: 'Recognize', decisionNo, decidedOn });
    if (submittedOn !== null && compareCivilDates(decidedOn, submittedOn) < 0) throw new DecisionDateBeforeSubmissionError(decidedOn, submittedOn);
    after('decision.decidedOn', decidedOn);
    // A kind without an annual review (an agency's or an enterprise's regulation) schedules none.
    nextReviewDueOn = hasStep(kind, 'annual_review') ? lifecycle.nextReview(decidedOn, regime) : null;
    events.push({
      type: 'RegulationRecognized',
      data: {
        decisionNo,
        decidedOn,
        authority: submittedOn !== null ? regime.recognizingAuthority : (kind.issuer ?? 'ward_peoples_committee'),
        revision: 1,
        title: draft.title,
        text: draft.text,
        amendment: false,
        nextReviewDueOn,
      },
    });
  }

  if (facts.lastReview) {
    const review = facts.lastReview;
    if (!decided) throw new ImportFactMissingError('lastReview', 'decision');
    if (nextReviewDueOn === null) throw new ImportFactNotForKindError('lastReview', kind.id);
    // A review's repeal is recorded in the repeal columns: the review here keeps or amends.
    if (!kind.reviewOutcomes.includes(review.outcome) || review.outcome === 'repeal') throw new ReviewOutcomeNotAllowedError(review.outcome, kind.id);
    checked('lastReview', { type: 'RecordAnnualReview', ...review });
    after('lastReview.reviewedOn', review.reviewedOn);
    // The review answers the last review day on or before it (the first one, for a review held ahead of its day).
    let dueOn = nextReviewDueOn;
    for (let next = lifecycle.nextReview(dueOn, regime); compareCivilDates(next, review.reviewedOn) <= 0; next = lifecycle.nextReview(next, regime)) {
      dueOn = next;
    }
    events.push(
      { type: 'AnnualReviewDue', data: { dueOn } },
      {
        type: 'AnnualReviewRecorded',
        data: { outcome: review.outcome, reviewedOn: review.reviewedOn, notes: review.notes, nextReviewDueOn: lifecycle.nextReview(dueOn, regime) },
      },
    );
    if (review.outcome === 'amend') {
      events.push({
        type: 'AmendmentStarted',
        data: { title: draft.title, text: draft.text, startedOn: review.reviewedOn, regimeId: regimeInForceOn(review.reviewedOn).id, reason: review.notes },
      });
    }
  }

  if (facts.repeal) {
    const { repealedOn, decisionNo, reason, ground } = facts.repeal;
    if (!decided) throw new ImportFactMissingError('repeal', 'decision');
    checked('repeal', { type: 'Repeal', repealedOn, decisionNo, reason, ...(ground !== undefined ? { ground } : {}) });
    // Decree 61/2023 art. 14: a convention's repeal rests on a ground allowed while it is in force; a democracy
    // regulation's (repealed by its issuer) states none.
    if (kind.repealGrounds && (!ground || !kind.repealGrounds.inForce.includes(ground))) {
      throw new RepealGroundNotAllowedError(ground ?? null, kind.repealGrounds.inForce);
    }
    if (!kind.repealGrounds && ground !== undefined) throw new ImportFactNotForKindError('repeal.ground', kind.id);
    after('repeal.repealedOn', repealedOn);
    events.push({
      type: 'RegulationRepealed',
      data: { repealedOn, decisionNo, reason, ...(ground ? { ground } : {}), scope: 'whole', articles: [] },
    });
  }
  return events;
}

/** The lifecycle command's own field rules, its fields named under the fact they belong to (`vote.present`). */
function checked(fact: string, command: RegulationCommand): void {
  try {
    validateCommand(command);
  } catch (error) {
    if (!(error instanceof DomainError) || typeof error.details.field !== 'string') throw error;
    throw new DomainError(error.code, `${fact}.${error.message}`, { ...error.details, field: `${fact}.${error.details.field}` });
  }
}

function notInFuture(field: string, date: CivilDate, today: CivilDate): void {
  if (compareCivilDates(date, today) > 0) throw new InvalidCommandError(field, 'must not be in the future');
}

function requireSource(source: ImportRegulation['source']): void {
  const s = (typeof source === 'object' && source !== null ? source : {}) as Partial<ImportRegulation['source']>;
  if (typeof s.importId !== 'string' || !SOURCE_ID.test(s.importId)) throw new InvalidCommandError('source.importId', 'is required: an id');
  if (typeof s.fileHash !== 'string' || !/^[0-9a-f]{64}$/.test(s.fileHash)) throw new InvalidCommandError('source.fileHash', 'must be a SHA-256 in hex');
  if (typeof s.factsDigest !== 'string' || !/^[0-9a-f]{64}$/.test(s.factsDigest)) throw new InvalidCommandError('source.factsDigest', 'must be a SHA-256 in hex');
  if (typeof s.row !== 'number' || !Number.isInteger(s.row) || s.row < 1) throw new InvalidCommandError('source.row', 'must be a positive integer');
  if (s.textReference !== undefined && (typeof s.textReference !== 'string' || s.textReference.length > 300)) {
    throw new InvalidCommandError('source.textReference', 'must be a text of at most 300 characters');
  }
}
