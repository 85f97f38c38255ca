/** Periodic reports: the stored ones, each with its first-published and restated downloads; running one. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Space, Table, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { Failure } from '../components/status';
import { useI18n } from '../i18n';

type Report = Record<string, unknown> & { id?: string; reportId?: string };

export default function Reports() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const reports = useQuery({ queryKey: ['reports'], queryFn: async () => unwrap(await api.GET('/reports', { params: { query: {} } })) as Report[] });
  const run = useMutation({
    mutationFn: async (values: { kind: 'semiannual' | 'annual'; periodStart: string }) => unwrap(await api.POST('/reports/runs', { body: values })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
  const idOf = (report: Report) => String(report.id ?? report.reportId ?? '');
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
      <Form layout="vertical" className="filters" initialValues={{ kind: 'semiannual' }} onFinish={(values: { kind: 'semiannual' | 'annual'; periodStart: string }) => run.mutate(values)}>
        <Form.Item name="kind" label={t('reports.kind')}>
          <Radio.Group options={[{ value: 'semiannual', label: 'semiannual' }, { value: 'annual', label: 'annual' }]} />
        </Form.Item>
        <Form.Item name="periodStart" label={t('reports.period')} rules={[{ required: true, message: t('panel.required') }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={run.isPending}>
            {t('reports.run')}
          </Button>
        </Form.Item>
      </Form>
      {run.isError && <Failure error={run.error} />}
      {run.isSuccess && <Alert type="success" showIcon title={JSON.stringify(run.data)} />}
      {reports.isError && <Failure error={reports.error} />}
      <Table<Report>
        rowKey={idOf}
        loading={reports.isPending}
        dataSource={reports.data ?? []}
        pagination={false}
        columns={[
          { title: 'id', key: 'id', render: (_, report) => idOf(report) },
          { title: t('reports.kind'), dataIndex: 'kind' },
          { title: t('reports.firstPublished'), key: 'downloads', render: (_, report) => downloads(idOf(report)) },
        ]}
      />
    </section>
  );
}
