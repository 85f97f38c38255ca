/**
 * Periodic reports: running one for a period (with the run's progress), the stored ones with their first-published and
 * restated downloads, and a report's first-published figures compared with the period restated now: which facts the
 * first publication could not see and which figures they change.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Progress, Radio, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { Failure } from '../components/status';
import { useI18n } from '../i18n';

type StoredReport = Schemas['StoredReportDto'];
type FigureChange = Schemas['FigureChangeDto'];
type RunRequest = { kind: 'semiannual' | 'annual'; periodStart: string };

const POLL_MS = 500;

export default function Reports() {
  const { t, date } = useI18n();
  const queryClient = useQueryClient();
  const [compared, setCompared] = useState<string | null>(null);
  const reports = useQuery({ queryKey: ['reports'], queryFn: async () => unwrap(await api.GET('/reports', { params: { query: {} } })) });
  const start = useMutation({ mutationFn: async (body: RunRequest) => unwrap(await api.POST('/reports/runs', { body })) });
  const workflowId = start.data?.workflowId;
  const run = useQuery({
    queryKey: ['report-run', workflowId],
    enabled: workflowId !== undefined,
    queryFn: async () => unwrap(await api.GET('/reports/runs/{workflowId}', { params: { path: { workflowId: workflowId! } } })),
    refetchInterval: (query) => (query.state.data?.status === 'RUNNING' || query.state.data === undefined ? POLL_MS : false),
  });
  const finished = run.data?.status === 'COMPLETED' ? run.data.result : null;
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['reports'] });
  }, [finished, queryClient]);

  const downloads = (id: string) => (
    <Space wrap>
      {(['csv', 'xlsx'] as const).map((format) => (
        <a key={`f-${format}`} href={`/reports/${encodeURIComponent(id)}/export/${format}`} download>
          {t('reports.firstPublished')} ({format})
        </a>
      ))}
      {(['csv', 'xlsx'] as const).map((format) => (
        <a key={`r-${format}`} href={`/reports/${encodeURIComponent(id)}/restated/export/${format}`} download>
          {t('reports.restated')} ({format})
        </a>
      ))}
    </Space>
  );
  return (
    <section aria-labelledby="reports-title">
      <Typography.Title level={1} id="reports-title">
        {t('reports.title')}
      </Typography.Title>
      <Form<RunRequest> layout="vertical" className="filters" name="report-run" initialValues={{ kind: 'semiannual' }} onFinish={(values) => start.mutate(values)}>
        <Form.Item name="kind" label={t('reports.kind')}>
          <Radio.Group options={(['semiannual', 'annual'] as const).map((kind) => ({ value: kind, label: t(`reports.kind.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="periodStart" label={t('reports.period')} rules={[{ required: true, message: t('panel.required') }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={start.isPending || run.data?.status === 'RUNNING'}>
            {t('reports.run')}
          </Button>
        </Form.Item>
      </Form>
      {start.isError && <Failure error={start.error} />}
      {run.isError && <Failure error={run.error} />}
      {run.data && !finished && (
        <div data-testid="report-run" style={{ maxWidth: 480 }}>
          <Typography.Text>
            {t('reports.running', { id: run.data.workflowId, phase: run.data.phase ?? run.data.status, percent: run.data.progress ? `${run.data.progress.percent}%` : '' })}
          </Typography.Text>
          <Progress percent={run.data.progress?.percent ?? 0} status={run.data.status === 'RUNNING' ? 'active' : 'exception'} aria-label={t('reports.run')} />
        </div>
      )}
      {finished && <Alert type="success" showIcon data-testid="report-run" title={t('reports.done', { id: finished.reportId, position: finished.computedAtPosition })} />}
      {reports.isError && <Failure error={reports.error} />}
      <Table<StoredReport>
        rowKey="id"
        loading={reports.isPending}
        dataSource={reports.data ?? []}
        pagination={false}
        style={{ marginTop: 16 }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('reports.period.col'), dataIndex: 'id' },
          { title: t('reports.kind'), dataIndex: 'kind', render: (kind: StoredReport['kind']) => t(`reports.kind.${kind}`) },
          { title: t('reports.dates'), key: 'dates', render: (_, report) => `${date(report.periodStart)} – ${date(report.periodEnd)}` },
          { title: t('reports.position'), dataIndex: 'computedAtPosition' },
          { title: t('reports.downloads'), key: 'downloads', render: (_, report) => downloads(report.id) },
          {
            title: t('reports.compareButton'),
            key: 'compare',
            render: (_, report) => (
              <Button size="small" aria-label={t('reports.compare', { id: report.id })} onClick={() => setCompared(report.id)}>
                {t('reports.compareButton')}
              </Button>
            ),
          },
        ]}
      />
      {compared && <Comparison key={compared} id={compared} />}
    </section>
  );
}

/** The period restated now against its first publication: the facts it could not see and the figures that change. */
function Comparison({ id }: { id: string }) {
  const { t, language } = useI18n();
  const restated = useQuery({
    queryKey: ['report-restated', id],
    queryFn: async () => unwrap(await api.GET('/reports/{id}/restated', { params: { path: { id }, query: {} } })),
  });
  if (restated.isError) return <Failure error={restated.error} />;
  if (!restated.data) return null;
  const { restatement, basis } = restated.data;
  return (
    <section aria-labelledby="comparison-title" data-testid="comparison" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="comparison-title" style={{ fontSize: 18 }}>
        {t('reports.compare', { id })}
      </Typography.Title>
      <Typography.Paragraph>
        {t('reports.comparison', { published: restatement.against.position, restated: basis.position, facts: restatement.total, changes: restatement.changes.length })}
      </Typography.Paragraph>
      {restatement.changes.length === 0 ? (
        <Typography.Paragraph>{t('reports.noChange')}</Typography.Paragraph>
      ) : (
        <Table<FigureChange>
          size="small"
          rowKey={(change) => `${change.scope}:${change.figure}`}
          pagination={false}
          dataSource={restatement.changes}
          columns={[
            { title: t('reports.col.scope'), key: 'scope', render: (_, change) => change.scopeLabel[language] },
            { title: t('reports.col.figure'), key: 'figure', render: (_, change) => change.label[language] },
            { title: t('reports.firstPublished'), dataIndex: 'reference' },
            { title: t('reports.restated'), dataIndex: 'restated' },
          ]}
        />
      )}
    </section>
  );
}
