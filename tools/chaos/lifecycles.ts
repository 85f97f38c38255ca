/**
 * The lifecycles the chaos run drives over HTTP: a community convention from draft through a consultation with two
 * comments (closed early by the officer once its legal minimum has passed), their dispositions, the vote, the dossier
 * and its review to recognition; then, by its number, nothing more, a complaint and the partial suspension deciding it, an
 * amendment started and withdrawn, or a repeal for unlawful content. The consultation is back-dated (opened 60 days ago for 90 days) so that it is still open for
 * the comments and may already be closed by hand; the later steps are dated today. A lifecycle stops at its first
 * refused or abandoned step: the report says which and why.
 */
import { addCalendarDays, civilDateInVietnam } from '@app/domain';
import type { ChaosHttp, CommandRecord, Headers } from './http-client';

export interface Principals {
  officer: Headers;
  chair: Headers;
}

export type Variant = 'in_force' | 'complained_and_suspended' | 'amendment_withdrawn' | 'repealed';
const variants: Variant[] = ['in_force', 'complained_and_suspended', 'amendment_withdrawn', 'repealed'];

export interface LifecycleOutcome {
  regulationId: string;
  variant: Variant;
  expectedStage: string;
  /** The stage the last successful command answered with. */
  stage: string | null;
  /** The stage the api shows at the end (GET /regulations/:id). */
  finalStage: string | null;
  reachedExpected: boolean;
  /** The first step that did not succeed: refused with a code, or abandoned after retries. */
  stoppedAt?: { step: string; outcome: CommandRecord['outcome']; status: number | null; code?: string; message?: string };
  commands: number;
  durationMs: number;
}

interface Step {
  step: string;
  path: string;
  body: object;
  as: keyof Principals;
}

export async function driveLifecycle(http: ChaosHttp, as: Principals, runId: string, n: number): Promise<LifecycleOutcome> {
  const started = Date.now();
  const id = `chaos-${runId}-${n + 1}`;
  const variant = variants[n % variants.length];
  const today = civilDateInVietnam(Date.now());
  const ago = (days: number): string => addCalendarDays(today, -days);
  const base = `/regulations/${id}`;
  const steps: Step[] = [
    {
      step: 'CreateDraft',
      path: '/regulations',
      as: 'officer',
      body: {
        regulationId: id,
        wardCode: 'hoan-kiem-2025',
        kind: 'community_convention',
        title: `Quy ước nếp sống văn minh (thử chịu lỗi ${n + 1})`,
        text: 'Điều 1. Mọi hộ gia đình giữ gìn vệ sinh chung.',
        residentialGroup: `Tổ dân phố số ${n + 1}`,
        startedOn: ago(100),
      },
    },
    { step: 'OpenConsultation', path: `${base}/open-consultation`, as: 'officer', body: { openedOn: ago(60), days: 90, channels: ['meeting', 'comment_box'] } },
    { step: 'RecordComment c1', path: `${base}/record-comment`, as: 'officer', body: { commentId: 'c1', channel: 'meeting', content: 'Đề nghị bổ sung giờ giữ yên tĩnh', receivedOn: ago(55) } },
    { step: 'RecordComment c2', path: `${base}/record-comment`, as: 'officer', body: { commentId: 'c2', channel: 'comment_box', content: 'Đề nghị giảm mức đóng góp', receivedOn: ago(50) } },
    { step: 'CloseConsultation', path: `${base}/close-consultation`, as: 'officer', body: {} },
    { step: 'RecordDisposition c1', path: `${base}/record-disposition`, as: 'officer', body: { commentId: 'c1', disposition: 'accepted' } },
    {
      step: 'RecordDisposition c2',
      path: `${base}/record-disposition`,
      as: 'officer',
      body: { commentId: 'c2', disposition: 'not_accepted', reason: 'Mức đóng góp do hội nghị tổ dân phố quyết định' },
    },
    { step: 'RecordVote', path: `${base}/record-vote`, as: 'officer', body: { method: 'meeting', heldOn: today, totalHouseholds: 90, present: 60, approving: 55 } },
    { step: 'SubmitDossier', path: `${base}/submit-dossier`, as: 'officer', body: { submittedOn: today, documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] } },
    { step: 'StartReview', path: `${base}/start-review`, as: 'chair', body: {} },
    { step: 'Recognize', path: `${base}/recognize`, as: 'chair', body: { decisionNo: `${n + 1}/QĐ-UBND`, decidedOn: today } },
    ...variantSteps(variant, base, today, n),
  ];
  const expectedStage = { in_force: 'in_force', complained_and_suspended: 'suspended', amendment_withdrawn: 'in_force', repealed: 'repealed' }[variant];

  let stage: string | null = null;
  let stoppedAt: LifecycleOutcome['stoppedAt'];
  for (const [i, step] of steps.entries()) {
    const record = await http.command(id, step.step, step.path, as[step.as], step.body, `${id}:${i + 1}:${step.step.replace(/\s+/g, '-')}`);
    if (record.outcome !== 'succeeded') {
      stoppedAt = { step: step.step, outcome: record.outcome, status: record.status, code: record.code, message: record.message };
      break;
    }
    stage = record.stage ?? stage;
  }
  const view = await http.read(`/regulations/${id}`, as.officer);
  const finalStage = typeof view?.stage === 'string' ? view.stage : null;
  return {
    regulationId: id,
    variant,
    expectedStage,
    stage,
    finalStage,
    reachedExpected: !stoppedAt && stage === expectedStage && finalStage === expectedStage,
    ...(stoppedAt ? { stoppedAt } : {}),
    commands: stoppedAt ? steps.findIndex((s) => s.step === stoppedAt!.step) + 1 : steps.length,
    durationMs: Date.now() - started,
  };
}

function variantSteps(variant: Variant, base: string, today: string, n: number): Step[] {
  switch (variant) {
    case 'in_force':
      return [];
    case 'complained_and_suspended':
      return [
        {
          step: 'ReceiveComplaint',
          path: `${base}/receive-complaint`,
          as: 'officer',
          body: { complaintId: `don-${n}`, receivedOn: today, source: 'written_complaint', summary: 'Điều 3 có nội dung trái quy định về xử phạt' },
        },
        {
          step: 'Suspend',
          path: `${base}/suspend`,
          as: 'chair',
          body: {
            complaintId: `don-${n}`,
            decisionNo: `${40 + n}/QĐ-UBND`,
            suspendedOn: today,
            ground: 'content',
            scope: 'part',
            articles: ['Điều 3'],
            redraftDueOn: addCalendarDays(today, 60),
            reason: 'Điều 3 có nội dung trái quy định về xử phạt',
          },
        },
      ];
    case 'amendment_withdrawn':
      return [
        { step: 'StartAmendment', path: `${base}/start-amendment`, as: 'officer', body: { text: 'Điều 1 (sửa đổi).', startedOn: today, reason: 'Cập nhật quy định' } },
        { step: 'Withdraw amendment', path: `${base}/withdraw`, as: 'officer', body: { reason: 'Chưa cần sửa đổi' } },
      ];
    case 'repealed':
      return [
        {
          step: 'Repeal',
          path: `${base}/repeal`,
          as: 'chair',
          body: { repealedOn: today, decisionNo: `${90 + n}/QĐ-UBND`, ground: 'unlawful_content', reason: 'Nội dung trái pháp luật' },
        },
      ];
  }
}
