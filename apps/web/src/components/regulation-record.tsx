/**
 * A regulation's record as the api reads it (today's, or as it stood on a date): the text and its revisions with a
 * diff between any two, the comments with their dispositions, the Front's critiques, the votes, the dossier and
 * decisions, the pending tasks and the timeline of events with their actors.
 */
import { Descriptions, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { kindOf, takesFrontCritique, type KindId } from '../../../../libs/domain/src/catalogue';
import { optionLabels, word } from '../action-labels';
import type { RegulationDetail, Schemas } from '../api/client';
import { type MessageKey, useI18n } from '../i18n';
import { tagColour } from './colours';
import { Tabs } from './tabs';
import { TextDiff } from './text-diff';

type Comment = Schemas['CommentDto'];
type Vote = Schemas['VoteDto'];
type Conference = Schemas['ConferenceDto'];
type Entry = Schemas['TimelineEntryDto'];
type Task = Schemas['PendingTaskDto'];

export function RegulationHeading({ regulation }: { regulation: RegulationDetail }) {
  const { t, stage, date } = useI18n();
  return (
    <header>
      <Typography.Title level={1} style={{ marginBottom: 4 }}>
        {regulation.title}
      </Typography.Title>
      <Space wrap>
        <Tag color={tagColour.red}>{stage(regulation.stage)}</Tag>
        <span>{t(`kind.${regulation.kind}`)}</span>
        <span>{t('reg.ward', { ward: regulation.wardName })}</span>
        {regulation.residentialGroup && <span>{regulation.residentialGroup}</span>}
        <span>{t('reg.regime', { regime: regulation.draft?.regimeId ?? regulation.regimeId })}</span>
        {regulation.due && <strong>{t('reg.due', { what: t(`due.${regulation.due.step}`), date: date(regulation.due.dueOn) })}</strong>}
      </Space>
    </header>
  );
}

export function RegulationRecord({ regulation }: { regulation: RegulationDetail }) {
  const { t, date, dateTime, language } = useI18n();
  const revisions = regulation.revisions;
  // Until the person picks, the diff compares the latest two revisions, also after a new one arrives.
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  const from = picked.from ?? Math.max(0, revisions.length - 2);
  const to = picked.to ?? revisions.length - 1;
  const setFrom = (value: number) => setPicked((p) => ({ ...p, from: value }));
  const setTo = (value: number) => setPicked((p) => ({ ...p, to: value }));
  const revisionOptions = revisions.map((r, index) => ({ value: index, label: `${t('reg.revision', { n: r.revision })} · ${date(r.occurredAt)}` }));
  const none = <Empty description={t('reg.noneYet')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const kind = kindOf(regulation.kind as KindId);
  const steps = kind.steps;
  const items = [
    {
      key: 'text',
      label: t('reg.text'),
      children: <pre className="regulation-text">{regulation.text}</pre>,
    },
    {
      key: 'revisions',
      label: `${t('reg.revisions')} (${revisions.length})`,
      children: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Table
            size="small"
            rowKey="revision"
            pagination={false}
            dataSource={revisions}
            columns={[
              { title: '#', dataIndex: 'revision' },
              { title: t('reg.timeline.event'), dataIndex: 'origin', render: (origin: 'drafted' | 'revised' | 'amendment') => t(`reg.origin.${origin}`) },
              { title: t('reg.timeline.when'), dataIndex: 'occurredAt', render: (v: string) => dateTime(v) },
              { title: t('reg.timeline.actor'), key: 'actor', render: (_, r) => `${r.actor.id} (${r.actor.role})` },
              { title: t('reg.timeline.basis'), dataIndex: 'summary' },
            ]}
          />
          {revisions.length > 1 && (
            <section aria-labelledby="diff-title">
              <Typography.Title level={3} id="diff-title" style={{ fontSize: 16 }}>
                {t('reg.diff')}
              </Typography.Title>
              <Space wrap style={{ marginBottom: 8 }}>
                <label>
                  {t('reg.diffFrom')}{' '}
                  <Select aria-label={t('reg.diffFrom')} value={from} onChange={setFrom} options={revisionOptions} style={{ minWidth: 200 }} />
                </label>
                <label>
                  {t('reg.diffTo')}{' '}
                  <Select aria-label={t('reg.diffTo')} value={to} onChange={setTo} options={revisionOptions} style={{ minWidth: 200 }} />
                </label>
              </Space>
              <TextDiff before={revisions[from].text} after={revisions[to].text} />
            </section>
          )}
        </Space>
      ),
    },
    {
      key: 'comments',
      label: `${t('reg.comments')} (${regulation.comments.length})`,
      children: regulation.comments.length ? (
        <Table<Comment>
          size="small"
          rowKey="commentId"
          pagination={false}
          dataSource={regulation.comments}
          scroll={{ x: 700 }}
          columns={[
            { title: '#', dataIndex: 'commentId' },
            { title: t('reg.comment.channel'), dataIndex: 'channel', render: (v: string) => word(optionLabels, v, language) },
            { title: t('reg.comment.content'), dataIndex: 'content' },
            { title: t('reg.comment.received'), dataIndex: 'receivedOn', render: (v: string) => date(v) },
            {
              title: t('reg.comment.disposition'),
              key: 'disposition',
              render: (_, c) =>
                c.disposition ? (
                  <span>
                    <Tag color={c.disposition === 'accepted' ? tagColour.green : c.disposition === 'partly_accepted' ? tagColour.gold : tagColour.grey}>{word(optionLabels, c.disposition, language)}</Tag>
                    {c.dispositionReason}
                  </span>
                ) : (
                  <Tag>{t('reg.comment.pending')}</Tag>
                ),
            },
          ]}
        />
      ) : (
        none
      ),
    },
    // An agency's or an enterprise's regulation takes no critique from the ward's Front: no critiques tab.
    ...(takesFrontCritique(kind) || regulation.critiques.length > 0
      ? [
          {
            key: 'critiques',
            label: `${t('reg.critiques')} (${regulation.critiques.length})`,
            children: regulation.critiques.length ? (
              <ul>
                {regulation.critiques.map((c, index) => (
                  <li key={index}>
                    {date(c.submittedOn)} · {c.actor.id}: {c.content}
                  </li>
                ))}
              </ul>
            ) : (
              none
            ),
          },
        ]
      : []),
    // A kind without a vote (the ward committee's, an agency's, an enterprise's regulation) shows no votes tab.
    ...(steps.includes('vote') || regulation.votes.length > 0
      ? [
          {
            key: 'votes',
            label: `${t('reg.votes')} (${regulation.votes.length})`,
            children: (
              <TallyTable<Vote>
                rows={regulation.votes}
                form={{ field: 'method', title: { vi: 'Hình thức', en: 'Method' } }}
                count={{ title: { vi: 'Tán thành / dự họp / tổng số hộ', en: 'Approving / present / all' }, of: (v) => v.totalHouseholds }}
                noQuorum="reg.vote.noQuorum"
              />
            ),
          },
        ]
      : []),
    ...(steps.includes('conference')
      ? [
          {
            key: 'conferences',
            label: `${t('reg.conferences')} (${regulation.conferences.length})`,
            children: (
              <TallyTable<Conference>
                rows={regulation.conferences}
                form={{ field: 'form', title: { vi: 'Hình thức', en: 'Form' } }}
                count={{ title: { vi: 'Tán thành / dự / được triệu tập', en: 'Approving / present / convened' }, of: (c) => c.convened }}
                noQuorum="reg.conference.noQuorum"
              />
            ),
          },
        ]
      : []),
    {
      key: 'dossier',
      label: t('reg.dossier'),
      children: regulation.dossier ? (
        <Descriptions
          column={1}
          size="small"
          items={[
            {
              key: 'submitted',
              label: t('reg.dossier'),
              children: (
                <span>
                  {t('reg.dossier.submitted', {
                    date: date(regulation.dossier.submittedOn),
                    due: date(regulation.dossier.decisionDueOn),
                    authority: word(optionLabels, regulation.dossier.authority, language),
                  })}
                  {regulation.dossier.late && <Tag color={tagColour.red}>{t('reg.dossier.late')}</Tag>}
                </span>
              ),
            },
            { key: 'documents', label: word({ d: { vi: 'Giấy tờ', en: 'Documents' } }, 'd', language), children: regulation.dossier.documents.map((d) => word(optionLabels, d, language)).join('; ') },
            ...regulation.decisions.map((d, index) => ({ key: `decision-${index}`, label: d.decisionNo, children: `${date(d.decidedOn)} · ${word(optionLabels, d.authority, language)}` })),
          ]}
        />
      ) : (
        none
      ),
    },
    {
      key: 'tasks',
      label: `${t('reg.tasks')} (${regulation.tasks.length})`,
      children: regulation.tasks.length ? (
        <Table<Task>
          size="small"
          rowKey="taskId"
          pagination={false}
          dataSource={regulation.tasks}
          columns={[
            { title: t('reg.task.step'), dataIndex: 'step', render: (v: Task['step']) => t(`step.${v}`) },
            { title: t('reg.task.due'), dataIndex: 'dueOn', render: (v: string) => date(v) },
            { title: t('reg.task.assignee'), dataIndex: 'assignee', render: (v: string | null) => v ?? t('reg.task.unclaimed') },
          ]}
        />
      ) : (
        none
      ),
    },
    {
      key: 'timeline',
      label: t('reg.timeline'),
      children: <Timeline entries={regulation.timeline} />,
    },
  ];
  return <Tabs items={items} label={regulation.title} />;
}

/** A tally's rounds, a households' vote's or a conference's: form, date, approving / present / of how many, result. */
function TallyTable<T extends Vote | Conference>({
  rows,
  form,
  count,
  noQuorum,
}: {
  rows: T[];
  form: { field: 'method' | 'form'; title: { vi: string; en: string } };
  count: { title: { vi: string; en: string }; of: (row: T) => number };
  noQuorum: MessageKey;
}) {
  const { t, date, language } = useI18n();
  if (rows.length === 0) return <Empty description={t('reg.noneYet')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Table<T>
      size="small"
      rowKey="round"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('reg.vote.round'), dataIndex: 'round' },
        { title: word({ m: form.title }, 'm', language), dataIndex: form.field, render: (v: string) => word(optionLabels, v, language) },
        { title: word({ d: { vi: 'Ngày', en: 'Held on' } }, 'd', language), dataIndex: 'heldOn', render: (v: string) => date(v) },
        { title: word({ a: count.title }, 'a', language), key: 'n', render: (_, r) => `${r.approving} / ${r.present} / ${count.of(r)}` },
        {
          title: t('reg.vote.result'),
          key: 'result',
          render: (_, r) => <Tag color={r.adopted ? tagColour.green : tagColour.red}>{t(r.adopted ? 'reg.vote.adopted' : r.quorumMet ? 'reg.vote.notAdopted' : noQuorum)}</Tag>,
        },
      ]}
    />
  );
}

export function Timeline({ entries }: { entries: Entry[] }) {
  const { t, dateTime, event } = useI18n();
  return (
    <Table<Entry>
      size="small"
      rowKey="streamPosition"
      pagination={false}
      dataSource={entries}
      scroll={{ x: 700 }}
      data-testid="timeline"
      columns={[
        { title: '#', dataIndex: 'streamPosition' },
        { title: t('reg.timeline.when'), dataIndex: 'occurredAt', render: (v: string) => dateTime(v) },
        { title: t('reg.timeline.event'), dataIndex: 'type', render: (type: string) => event(type) },
        { title: t('reg.timeline.actor'), key: 'actor', render: (_, e) => `${e.actor.id} (${e.actor.role})` },
        { title: t('reg.timeline.basis'), key: 'basis', render: (_, e) => [e.legalBasis, e.reason].filter(Boolean).join(' · ') },
      ]}
    />
  );
}
