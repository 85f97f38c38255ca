import { EventEnvelope, RegulationCommand, tasksOf } from '@app/domain';
import { ApprovalTaskEntity } from './approval-task.entity';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { EventStore } from './event-store';
import { rebuildProjections } from './rebuild';
import { RegulationTimelineEntity } from './regulation-timeline.entity';
import { RegulationEntity } from './regulation.entity';
import {
  amendmentToRecognition,
  appendBatches,
  conventionToRecognition,
  createDraft,
  front,
  RegulationHistory,
  system,
} from './testing/regulation-history';

const chair = { id: 'chair-1', role: 'ward_chair' as const, wards: ['hang-bac'] };

let db: TestDatabase;
let store: EventStore;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
});
afterAll(() => db?.drop());

async function snapshot(): Promise<{ regulations: RegulationEntity[]; timeline: RegulationTimelineEntity[]; tasks: ApprovalTaskEntity[] }> {
  return {
    tasks: await db.dataSource.getRepository(ApprovalTaskEntity).find({ order: { taskId: 'ASC' } }),
    regulations: await db.dataSource.getRepository(RegulationEntity).find({ order: { regulationId: 'ASC' } }),
    timeline: await db.dataSource.getRepository(RegulationTimelineEntity).find({ order: { globalPosition: 'ASC' } }),
  };
}

/** Takes one batch from each stream in turn, so the global order interleaves the streams. */
function interleave(streams: EventEnvelope[][][]): EventEnvelope[][] {
  const longest = Math.max(...streams.map((s) => s.length));
  return Array.from({ length: longest }, (_, i) => streams.map((s) => s[i]).filter((b) => b !== undefined)).flat();
}

function severalRegulations(): EventEnvelope[][][] {
  const amended = new RegulationHistory();
  const amendedBatches = [...conventionToRecognition(amended), ...amendmentToRecognition(amended)];

  const suspended = new RegulationHistory();
  const suspendedBatches = [
    ...conventionToRecognition(suspended),
    suspended
      .at(60)
      .run({ type: 'ReceiveComplaint', complaintId: 'don-1', receivedOn: '2025-05-02', source: 'written_complaint', summary: 'trái luật mới' }, { actor: chair }),
  ];
  const [answer] = tasksOf(suspended.state);
  suspendedBatches.push(suspended.at(62).run({ type: 'ClaimTask', taskId: answer.taskId }, { actor: chair }));
  suspendedBatches.push(suspended.at(70).run({ type: 'EscalateTask', taskId: answer.taskId }, { actor: system }));
  const suspension: RegulationCommand = {
    type: 'Suspend',
    complaintId: 'don-1',
    decisionNo: '45/QĐ-UBND',
    suspendedOn: '2025-05-13',
    ground: 'content',
    scope: 'part',
    articles: ['Điều 2'],
    redraftDueOn: '2025-07-31',
    reason: 'trái luật mới',
  };
  suspendedBatches.push(suspended.at(71).run(suspension, { actor: chair }));

  const democracy = new RegulationHistory();
  const democracyBatches = [
    createDraft(democracy, 'democracy_regulation'),
    democracy.at(2).run({ type: 'OpenConsultation', days: 30, channels: ['meeting'] }),
    democracy.at(4).run({ type: 'SubmitCritique', content: 'Phản biện của MTTQ', submittedOn: '2025-03-07' }, { actor: front }),
  ];

  const withdrawn = new RegulationHistory();
  const withdrawnBatches = [
    createDraft(withdrawn),
    withdrawn.at(3).run({ type: 'Withdraw', reason: 'trùng nội dung' }, { reason: 'trùng nội dung' }),
  ];
  return [amendedBatches, suspendedBatches, democracyBatches, withdrawnBatches];
}

describe('rebuildProjections', () => {
  it('rebuilds the projection tables identical to the rows the appends produced', async () => {
    await appendBatches(store, interleave(severalRegulations()));
    const before = await snapshot();
    const stages = before.regulations.map((r) => r.stage).sort();
    expect(stages).toEqual(['consultation', 'in_force', 'suspended', 'withdrawn']);
    expect(before.tasks.map((t) => [t.step, t.status, t.assignee, t.escalations])).toEqual(
      expect.arrayContaining([
        ['dossier_decision', 'done', null, 0],
        ['complaint_answer', 'done', 'chair-1', 1],
      ]),
    );

    await db.dataSource.query(`UPDATE regulations SET title = 'tampered', state = '{}'`);
    await db.dataSource.query(`DELETE FROM regulation_timeline WHERE stream_position = 2`);
    await db.dataSource.query(`UPDATE approval_tasks SET status = 'open', assignee = NULL`);
    expect(await rebuildProjections(db.dataSource)).toEqual({ events: before.timeline.length });
    expect(await snapshot()).toEqual(before);

    await rebuildProjections(db.dataSource, 3);
    expect(await snapshot()).toEqual(before);
  });

  it('loses no append that runs during a rebuild', async () => {
    const history = new RegulationHistory();
    const batches = conventionToRecognition(history);
    await appendBatches(store, batches.slice(0, 5));

    await Promise.all([
      rebuildProjections(db.dataSource, 2),
      appendBatches(store, batches.slice(5)),
      rebuildProjections(db.dataSource),
    ]);
    const live = await snapshot();
    expect(live.regulations.find((r) => r.regulationId === history.regulationId)?.version).toBe(10);

    await rebuildProjections(db.dataSource);
    expect(await snapshot()).toEqual(live);
  });
});
