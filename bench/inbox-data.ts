/**
 * The inbox benchmark's PostgreSQL data, generated in SQL (INSERT … SELECT generate_series): one approval task per
 * regulation, the first `pending` of them open or claimed (due from 60 days ago to 30 days ahead), the others closed
 * long ago; then the `regulations` rows those tasks imply. Spread over the 18 wards of Hoàn Kiếm (from the administrative units table) and the 3 steps.
 */
import type { DataSource } from 'typeorm';
import { AdminUnitsStore } from '@app/admin-units';
import { emptyRecord } from '@app/domain';

const insertTasks = `
  INSERT INTO approval_tasks (task_id, regulation_id, ward_code, kind, title, step, authority, candidate_role, authority_unit,
    assignee, status, priority, opened_on, opened_at, due_on, due_at, remind_at, reminders, escalations, last_escalated_at,
    closed_at, updated_at, last_global_position)
  SELECT r.regulation_id || ':' || t.step || ':' || r.version, r.regulation_id, r.ward, r.kind, 'Quy ước tổ dân phố số ' || i, t.step,
         a.authority, CASE WHEN a.district THEN 'district_approver' ELSE 'ward_chair' END, CASE WHEN a.district THEN 'hoan-kiem' ELSE r.ward END,
         CASE WHEN s.status = 'claimed' THEN 'chair-' || r.ward END, s.status,
         CASE t.step WHEN 'suspension_report' THEN 1 WHEN 'dossier_decision' THEN 2 ELSE 3 END,
         d.opened_on, d.opened_at, d.due_on, d.due_at, d.opened_at + (d.due_at - d.opened_at) / 2,
         CASE WHEN d.opened_at + (d.due_at - d.opened_at) / 2 < now() THEN 1 ELSE 0 END,
         e.escalations, CASE WHEN e.escalations > 0 THEN d.due_at + (e.escalations - 1) * interval '2 days' END,
         c.closed_at, coalesce(c.closed_at, d.opened_at), i
  FROM generate_series(1, $1::int) AS i
  CROSS JOIN LATERAL (
    SELECT ($3::text[])[1 + i % 18] AS ward, CASE WHEN i % 3 = 0 THEN 'democracy_regulation' ELSE 'community_convention' END AS kind,
           8 + i % 9 AS version, i <= $2 AS pending
  ) w
  CROSS JOIN LATERAL (SELECT w.*, w.ward || '-bench-' || i AS regulation_id) r
  CROSS JOIN LATERAL (
    SELECT CASE WHEN i % 10 = 0 THEN 'suspension_report'
                WHEN r.kind = 'democracy_regulation' OR i % 10 < 5 THEN 'annual_review' ELSE 'dossier_decision' END AS step
  ) t
  CROSS JOIN LATERAL (SELECT t.step = 'dossier_decision' AND i % 20 = 19 AS district) a0
  CROSS JOIN LATERAL (
    SELECT a0.district, CASE WHEN a0.district THEN 'district_peoples_committee' ELSE 'ward_peoples_committee' END AS authority
  ) a
  CROSS JOIN LATERAL (
    SELECT CASE WHEN NOT r.pending THEN CASE WHEN i % 10 = 3 THEN 'cancelled' ELSE 'done' END
                WHEN i % 4 = 0 THEN 'claimed' ELSE 'open' END AS status
  ) s
  CROSS JOIN LATERAL (
    SELECT CASE WHEN r.pending THEN $4::date - 60 + (i * 37) % 91 ELSE $4::date - 100 - (i * 37) % 600 END AS due_on
  ) dd
  CROSS JOIN LATERAL (
    SELECT dd.due_on - CASE t.step WHEN 'annual_review' THEN 30 WHEN 'suspension_report' THEN 15 ELSE 7 END AS opened_on
  ) od
  CROSS JOIN LATERAL (
    SELECT od.opened_on, (od.opened_on + time '09:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS opened_at, dd.due_on,
           (dd.due_on + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AS due_at
  ) d
  CROSS JOIN LATERAL (SELECT CASE WHEN r.pending AND d.due_on < $4::date THEN 1 + ($4::date - d.due_on) / 3 ELSE 0 END AS escalations) e
  CROSS JOIN LATERAL (SELECT CASE WHEN NOT r.pending THEN d.due_at - interval '1 day' END AS closed_at) c`;

/** A regulation per task: waiting for the task's decision when it is pending, else at some other stage. */
const insertRegulations = `
  INSERT INTO regulations (regulation_id, ward_code, kind, title, stage, status, regime_id, version, started_on, in_force_from,
    first_in_force_on, next_review_due_on, consultation_closes_at, due_step, due_on, amendment_stage, allowed_actions, state,
    record, created_at, updated_at, last_global_position)
  SELECT t.regulation_id, t.ward_code, t.kind, t.title, g.stage,
         CASE WHEN g.stage IN ('in_force', 'suspended', 'repealed', 'withdrawn') THEN g.stage ELSE 'developing' END,
         'decree-61-2023', v.version, t.opened_on - 200, f.in_force_from, f.in_force_from, n.next_review_due_on,
         CASE WHEN g.stage = 'consultation' THEN $1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' + (t.last_global_position % 30) * interval '1 day' END,
         x.due_step, x.due_on, NULL, '[]'::jsonb,
         jsonb_build_object('regulationId', t.regulation_id, 'wardCode', t.ward_code, 'kind', t.kind, 'title', t.title,
           'stage', g.stage, 'version', v.version, 'regimeId', 'decree-61-2023', 'nextReviewDueOn', n.next_review_due_on,
           'text', 'Điều 1. Các hộ gia đình giữ gìn trật tự, vệ sinh chung, thực hiện nếp sống văn minh ở khu dân cư. '
                   'Điều 2. Tổ dân phố tổ chức họp định kỳ, lấy ý kiến các hộ về việc thực hiện quy ước.'),
         $2::jsonb,
         t.opened_at - interval '200 days', t.updated_at, t.last_global_position
  FROM approval_tasks t
  CROSS JOIN LATERAL (SELECT split_part(t.task_id, ':', 3)::int AS version, t.status IN ('open', 'claimed') AS pending) v
  CROSS JOIN LATERAL (
    SELECT CASE WHEN v.pending THEN CASE t.step WHEN 'dossier_decision' THEN 'under_review' WHEN 'suspension_report' THEN 'suspended' ELSE 'in_force' END
                ELSE (ARRAY['drafting', 'consultation', 'revising', 'voting', 'adopted', 'submitted', 'in_force', 'in_force', 'in_force',
                            'repealed', 'withdrawn'])[1 + t.last_global_position % 11] END AS stage
  ) g
  CROSS JOIN LATERAL (
    SELECT CASE WHEN g.stage IN ('in_force', 'suspended', 'repealed') THEN t.opened_on - 365 END AS in_force_from
  ) f
  CROSS JOIN LATERAL (
    SELECT CASE WHEN v.pending AND t.step = 'annual_review' THEN t.opened_on
                WHEN g.stage IN ('in_force', 'suspended') THEN $1::date + (t.last_global_position % 300)::int END AS next_review_due_on
  ) n
  CROSS JOIN LATERAL (
    SELECT CASE WHEN v.pending AND t.step = 'dossier_decision' THEN 'decision' WHEN g.stage = 'suspended' THEN 'suspension_report'
                WHEN n.next_review_due_on IS NOT NULL THEN 'annual_review' END AS due_step,
           CASE WHEN v.pending AND t.step <> 'annual_review' THEN t.due_on ELSE n.next_review_due_on END AS due_on
  ) x`;

export interface LoadedData {
  regulations: number;
  pendingTasks: number;
  closedTasks: number;
  loadMs: number;
}

/**
 * Fills the (empty, migrated) event store database, then vacuums and analyzes it; `today` is the civil date in Vietnam
 * the due dates are spread around.
 */
export async function loadInboxData(dataSource: DataSource, regulations: number, pending: number, today: string): Promise<LoadedData> {
  const started = performance.now();
  const wards = await new AdminUnitsStore(dataSource).wardsOf('hoan-kiem');
  await dataSource.query(insertTasks, [regulations, pending, wards.map((w) => w.code), today]);
  // The record (texts, comments, votes…) the inbox never reads: empty, as a regulation's before its first event.
  await dataSource.query(insertRegulations, [today, JSON.stringify(emptyRecord())]);
  // VACUUM as well as ANALYZE: autovacuum would otherwise get to the freshly inserted tables in the middle of the timing.
  await dataSource.query('VACUUM (ANALYZE) approval_tasks, regulations');
  const loadMs = performance.now() - started;
  const [counts] = (await dataSource.query(
    `SELECT (SELECT count(*)::int FROM regulations) AS regulations,
            count(*) FILTER (WHERE status IN ('open', 'claimed'))::int AS "pendingTasks",
            count(*) FILTER (WHERE status NOT IN ('open', 'claimed'))::int AS "closedTasks"
     FROM approval_tasks`,
  )) as Omit<LoadedData, 'loadMs'>[];
  return { ...counts, loadMs };
}

/** A pending task as the visibility store carries it: its regulation's workflow search attributes. */
export interface PendingTask {
  taskId: string;
  wardCode: string;
  kind: string;
  stage: string;
  dueOn: string;
}

/** The first `limit` pending tasks in the order they were generated (every ward alike), with their regulation's stage. */
export function pendingTasks(dataSource: DataSource, limit: number): Promise<PendingTask[]> {
  return dataSource.query(
    `SELECT t.task_id AS "taskId", t.ward_code AS "wardCode", t.kind, r.stage, to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn"
     FROM approval_tasks t JOIN regulations r USING (regulation_id)
     WHERE t.status IN ('open', 'claimed') ORDER BY t.last_global_position LIMIT $1`,
    [limit],
  );
}
