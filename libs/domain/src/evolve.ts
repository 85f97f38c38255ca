/** evolve(state, event) → state: how each stored event changes a regulation. The only implementation of transitions. */
import { civilDateInVietnam, CivilDate } from './calendar';
import type { RegulationEvent } from './events';
import { CycleState, initialState, RegulationState } from './state';
import { evolveTasks } from './tasks';

/** Folds one event into the state, its pending approval tasks included. Never throws for a stored event: the log is the truth. */
export function evolve(state: RegulationState, event: RegulationEvent): RegulationState {
  const next = evolveLifecycle(state, event);
  return { ...next, tasks: evolveTasks(state, next, event) };
}

function evolveLifecycle(state: RegulationState, event: RegulationEvent): RegulationState {
  const next: RegulationState = { ...state, version: state.version + 1 };
  const cycle = state.cycle;
  const withCycle = (patch: Partial<CycleState>): RegulationState => ({ ...next, cycle: { ...cycle!, ...patch } });

  switch (event.type) {
    case 'RegulationDrafted': {
      const d = event.data;
      return {
        ...next,
        regulationId: d.regulationId,
        status: 'developing',
        wardCode: d.wardCode,
        kind: d.kind,
        title: d.title,
        residentialGroup: d.residentialGroup,
        regimeId: d.regimeId,
        startedOn: d.startedOn,
        cycle: newCycle(false, d.regimeId, d.startedOn, d.title, d.text, 1),
      };
    }
    case 'DraftRevised':
      return {
        ...withCycle({ revision: event.data.revision, title: event.data.title, text: event.data.text }),
        title: state.status === 'developing' ? event.data.title : state.title,
      };
    case 'ConsultationOpened':
      return withCycle({
        phase: 'consultation',
        consultation: { ...event.data, closedAt: null, closedOn: null },
        comments: [],
      });
    case 'ConsultationExtended':
      return withCycle({
        consultation: {
          ...cycle!.consultation!,
          days: cycle!.consultation!.days + event.data.days,
          closesAt: event.data.closesAt,
        },
      });
    case 'ConsultationClosed':
      return withCycle({
        phase: 'revising',
        consultation: { ...cycle!.consultation!, closedAt: event.data.closedAt, closedOn: event.data.closedOn },
      });
    case 'CommentRecorded':
      return withCycle({
        comments: [
          ...cycle!.comments,
          {
            commentId: event.data.commentId,
            channel: event.data.channel,
            receivedOn: event.data.receivedOn,
            disposition: null,
            reason: null,
          },
        ],
      });
    case 'CritiqueSubmitted':
      return withCycle({ critiques: cycle!.critiques + 1 });
    case 'CommentDisposed':
      return withCycle({
        comments: cycle!.comments.map((c) =>
          c.commentId === event.data.commentId
            ? { ...c, disposition: event.data.disposition, reason: event.data.reason }
            : c,
        ),
      });
    case 'VoteRecorded': {
      const v = event.data;
      return withCycle({
        votes: [...cycle!.votes, v],
        phase: v.adopted ? 'adopted' : v.quorumMet ? 'revising' : 'voting',
        adoptedOn: v.adopted ? v.heldOn : null,
      });
    }
    case 'ConferenceHeld': {
      const c = event.data;
      return withCycle({
        conferences: [...(cycle!.conferences ?? []), c],
        phase: c.adopted ? 'adopted' : c.quorumMet ? 'revising' : 'voting',
        adoptedOn: c.adopted ? c.heldOn : null,
      });
    }
    case 'DossierSubmitted': {
      const { documents: _documents, submittedBy, ...dossier } = event.data;
      return withCycle({ phase: 'submitted', dossier: { ...dossier, submittedBy: submittedBy ?? null, underReview: false } });
    }
    case 'ReviewStarted':
      return withCycle({ phase: 'under_review', dossier: { ...cycle!.dossier!, underReview: true } });
    case 'DossierReturned':
      return withCycle({ phase: 'revising', dossier: null, adoptedOn: null });
    case 'RegulationRecognized': {
      const d = event.data;
      const name = cycle?.name ?? state.inForce?.name;
      return {
        ...next,
        status: state.status === 'suspended' ? 'suspended' : 'in_force',
        title: d.title,
        inForce: {
          revision: d.revision,
          title: d.title,
          text: d.text,
          decisionNo: d.decisionNo,
          decidedOn: d.decidedOn,
          authority: d.authority,
          // The community's name (art. 6(2)) follows the text; folds of histories without one add nothing.
          ...(name ? { name } : {}),
        },
        firstInForceOn: state.firstInForceOn ?? d.decidedOn,
        nextReviewDueOn: d.nextReviewDueOn,
        cycle: null,
      };
    }
    case 'RegulationWithdrawn':
      return { ...next, status: 'withdrawn', cycle: null, endedOn: civilDateInVietnam(Date.parse(event.data.withdrawnAt)) };
    case 'AmendmentWithdrawn':
      return { ...next, cycle: null };
    case 'AnnualReviewDue':
      return { ...next, reviewDue: true };
    case 'AnnualReviewRecorded':
      return {
        ...next,
        reviewDue: false,
        nextReviewDueOn: event.data.nextReviewDueOn,
        reviews: [...state.reviews, { outcome: event.data.outcome, reviewedOn: event.data.reviewedOn }],
      };
    case 'AmendmentStarted': {
      const d = event.data;
      return { ...next, cycle: newCycle(true, d.regimeId, d.startedOn, d.title, d.text, state.inForce!.revision + 1) };
    }
    case 'ProposalRecorded':
      return withCycle({ proposal: { proposedOn: event.data.proposedOn, proposer: event.data.proposer } });
    case 'DraftingGroupFormed':
      return withCycle({ draftingGroup: { formedOn: event.data.formedOn, members: event.data.members.length } });
    case 'NameChosen':
      return withCycle({ name: event.data.name });
    case 'TextSigned':
      return withCycle({ signed: { signedOn: event.data.signedOn, round: cycle!.votes.length } });
    case 'TextStamped':
      return { ...next, inForce: { ...state.inForce!, stampedOn: event.data.stampedOn } };
    case 'DisclosureRecorded':
      return event.data.subject === 'recognized_text' ? { ...next, inForce: { ...state.inForce!, disclosedOn: event.data.disclosedOn } } : next;
    case 'ReviewDayAgreed':
      return { ...next, reviewDay: event.data.day, nextReviewDueOn: event.data.nextReviewDueOn };
    case 'ComplaintReceived': {
      const { complaintId, receivedOn, source, summary, answerDueOn } = event.data;
      return { ...next, complaint: { complaintId, receivedOn, source, summary, answerDueOn } };
    }
    case 'ComplaintDismissed':
      return { ...next, complaint: null };
    case 'RegulationSuspended': {
      const { reportDueOn, late: _late, ...decided } = event.data;
      const suspension = { ...decided, reportDueOn: reportDueOn ?? null };
      return { ...next, status: 'suspended', suspension, ...(decided.complaintId ? { complaint: null } : {}) };
    }
    case 'RegulationResumed':
    case 'SuspensionLifted':
      return { ...next, status: 'in_force', suspension: null };
    case 'RedraftDeadlinePassed':
      return {
        ...next,
        suspension: { ...state.suspension!, redraftOverdue: { openedOn: event.data.passedOn, dueOn: event.data.decisionDueOn } },
      };
    case 'RegulationRepealed': {
      const { scope, articles, repealedOn } = event.data;
      if (scope === 'part') {
        return { ...next, status: 'in_force', suspension: null, repealedArticles: [...(state.repealedArticles ?? []), ...(articles ?? [])] };
      }
      return { ...next, status: 'repealed', cycle: null, reviewDue: false, endedOn: repealedOn, ...(state.complaint ? { complaint: null } : {}) };
    }
    case 'RegulationTransferred': {
      const authority = event.data.dossierAuthority;
      const handedOver = authority && cycle?.dossier ? { cycle: { ...cycle, dossier: { ...cycle.dossier, authority } } } : {};
      return { ...next, wardCode: event.data.toWardCode, ...handedOver };
    }
    case 'TaskReminderSent':
    case 'TaskEscalated':
    case 'TaskClaimed':
    case 'TaskReleased':
    case 'TaskReassigned':
      return next;
    case 'RegulationImported':
      return next;
  }
}

function newCycle(
  amendment: boolean,
  regimeId: string,
  startedOn: CivilDate,
  title: string,
  text: string,
  revision: number,
): CycleState {
  return {
    amendment,
    regimeId,
    startedOn,
    phase: 'drafting',
    revision,
    title,
    text,
    consultation: null,
    comments: [],
    critiques: 0,
    votes: [],
    adoptedOn: null,
    dossier: null,
  };
}

export function fold(regulationId: string, events: readonly RegulationEvent[]): RegulationState {
  return events.reduce(evolve, initialState(regulationId));
}
