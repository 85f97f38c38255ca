/** The two loads of the command benchmark: an officer's commands over HTTP, and no-op Temporal Updates. */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { civilDateInVietnam } from '@app/domain';
import { regulationWorkflowId } from '../workflows/messages';
import { noopUpdate, noopWorkflow } from './noop.workflow';
import { BENCH_WARD, BenchStack } from './stack';
import { LaneRun, runLanes } from './stats';

export interface LoadSettings {
  /** Commands (or updates) per regulation (or no-op workflow), sent one after the other. */
  commands: number;
  /** Lanes, i.e. calls in flight. */
  concurrency: number;
}

export interface Phase {
  run: LaneRun;
  workflowIds: string[];
}

/** The officer's script for one regulation: create, revise, open the consultation, then record comments. */
function officerCommand(regulationId: string, step: number, today: string): { label: string; path: string; body: object } {
  const at = `/regulations/${regulationId}`;
  if (step === 0) {
    return {
      label: 'CreateDraft',
      path: '/regulations',
      body: {
        regulationId,
        wardCode: BENCH_WARD,
        kind: 'community_convention',
        title: 'Quy ước nếp sống văn minh, môi trường xanh – sạch – đẹp',
        text: 'Điều 1. Mọi hộ gia đình giữ gìn vệ sinh chung.',
        residentialGroup: 'Tổ dân phố số 3',
        startedOn: today,
      },
    };
  }
  if (step === 1) {
    return {
      label: 'ReviseDraft',
      path: `${at}/revise-draft`,
      body: { text: 'Điều 1. Mọi hộ gia đình giữ gìn vệ sinh chung và trật tự sau 22 giờ.', summary: 'Bổ sung giờ giữ trật tự' },
    };
  }
  if (step === 2) return { label: 'OpenConsultation', path: `${at}/open-consultation`, body: { days: 30, channels: ['meeting', 'comment_box'] } };
  return {
    label: 'RecordComment',
    path: `${at}/record-comment`,
    body: { commentId: `c-${step - 2}`, channel: 'meeting', content: 'Đề nghị bổ sung quy định về giờ giữ trật tự sau 22 giờ.', receivedOn: today },
  };
}

export async function officerPhase(stack: BenchStack, settings: LoadSettings, count: number, signal: AbortSignal): Promise<Phase> {
  const ids = Array.from({ length: count }, () => `bench-${randomUUID()}`);
  const today = civilDateInVietnam(Date.now());
  const run = await runLanes({
    streams: count,
    steps: settings.commands,
    concurrency: settings.concurrency,
    signal,
    call: async (r, step) => {
      const command = officerCommand(ids[r], step, today);
      const response = await fetch(`${stack.apiUrl}${command.path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: stack.officers[r % stack.officers.length],
          'Idempotency-Key': randomUUID(),
        },
        body: JSON.stringify(command.body),
        signal,
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`POST ${command.path}: ${response.status} ${text.slice(0, 500)}`);
      return command.label;
    },
  });
  return { run, workflowIds: ids.map(regulationWorkflowId) };
}

/** No-op workflows, each started by an untimed update-with-start, then `commands` timed no-op Updates each. */
export async function floorPhase(stack: BenchStack, settings: LoadSettings, count: number, signal: AbortSignal): Promise<Phase> {
  const { client, noopTaskQueue } = stack;
  const ids = Array.from({ length: count }, () => `bench-noop-${randomUUID()}`);
  const lanes = { streams: count, concurrency: settings.concurrency, signal };
  await runLanes({
    ...lanes,
    steps: 1,
    call: async (r) => {
      const startWorkflowOperation = new WithStartWorkflowOperation(noopWorkflow, {
        workflowId: ids[r],
        taskQueue: noopTaskQueue,
        workflowIdConflictPolicy: 'FAIL',
      });
      await client.withAbortSignal(signal, () => client.workflow.executeUpdateWithStart(noopUpdate, { args: [0], startWorkflowOperation }));
      return 'start';
    },
  });
  try {
    const run = await runLanes({
      ...lanes,
      steps: settings.commands,
      call: async (r, step) => {
        await client.withAbortSignal(signal, () => client.workflow.getHandle(ids[r]).executeUpdate(noopUpdate, { args: [step + 1] }));
        return 'NoopUpdate';
      },
    });
    return { run, workflowIds: ids };
  } finally {
    await Promise.allSettled(ids.map((id) => client.workflow.getHandle(id).executeUpdate(noopUpdate, { args: [-1] })));
  }
}
