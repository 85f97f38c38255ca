/**
 * The steering committee's inbox across units: totals per aging bucket, counts per ward, the pending tasks tinted by
 * aging with filters and pages, kept current by the live stream, and the drill-down to a regulation's timeline.
 */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap, type InboxItem, type Schemas } from '../api/client';
import { InboxTable } from '../components/inbox-table';
import { Failure } from '../components/status';
import { TimelineDialog } from '../components/timeline-dialog';
import { useI18n } from '../i18n';
import { followInbox, type LiveState } from '../live-inbox';

type Aging = InboxItem['aging'];
type Step = InboxItem['step'];
interface Filters {
  ward?: string;
  step?: Step;
  aging?: Aging;
  overdue?: boolean;
}
const agings: Aging[] = ['on_time', 'due_soon', 'overdue', 'overdue_long'];
const steps: Step[] = ['dossier_decision', 'complaint_answer', 'repeal_decision', 'suspension_report', 'annual_review'];

export default function Supervision() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<Filters>({});
  const [live, setLive] = useState<LiveState>('connecting');
  const [open, setOpen] = useState<InboxItem | null>(null);
  const query = {
    ward: filters.ward ? filters.ward.split(',').map((ward) => ward.trim()).filter(Boolean) : undefined,
    step: filters.step,
    aging: filters.aging,
    overdue: filters.overdue ? ('true' as const) : undefined,
  };
  const counts = useQuery({ queryKey: ['inbox-counts', query], queryFn: async () => unwrap(await api.GET('/inbox/counts', { params: { query } })) });
  const pages = useInfiniteQuery({
    queryKey: ['inbox', query],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/inbox', { params: { query: { ...query, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  useEffect(
    () =>
      followInbox('', {
        onState: setLive,
        onReady: () => void queryClient.invalidateQueries({ queryKey: ['inbox'] }).then(() => queryClient.invalidateQueries({ queryKey: ['inbox-counts'] })),
        onTask: () => {
          void queryClient.invalidateQueries({ queryKey: ['inbox'] });
          void queryClient.invalidateQueries({ queryKey: ['inbox-counts'] });
        },
      }),
    [queryClient],
  );
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="inbox-title">
      <Space align="baseline" wrap>
        <Typography.Title level={1} id="inbox-title">
          {t('inbox.title')}
        </Typography.Title>
        <Badge status={live === 'connected' ? 'success' : 'warning'} text={<span id="live" data-state={live} role="status">{t(`inbox.live.${live}`)}</span>} />
      </Space>
      {counts.isError && <Failure error={counts.error} />}
      {counts.data && <Counts counts={counts.data} />}
      <Form layout="vertical" className="filters" onValuesChange={(_, all: Filters) => setFilters(all)} role="search">
        <Form.Item name="ward" label={t('list.ward')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="step" label={t('reg.task.step')}>
          <Select allowClear placeholder={t('list.any')} options={steps.map((value) => ({ value, label: t(`step.${value}`) }))} />
        </Form.Item>
        <Form.Item name="aging" label={t('inbox.aging')}>
          <Select allowClear placeholder={t('list.any')} options={agings.map((value) => ({ value, label: t(`aging.${value}`) }))} />
        </Form.Item>
        <Form.Item name="overdue" valuePropName="checked">
          <Checkbox>{t('inbox.overdueOnly')}</Checkbox>
        </Form.Item>
      </Form>
      {pages.isError && <Failure error={pages.error} />}
      <InboxTable items={items} loading={pages.isPending} onOpen={setOpen} />
      {pages.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => void pages.fetchNextPage()}>
          {t('list.loadMore')}
        </Button>
      )}
      <TimelineDialog item={open} onClose={() => setOpen(null)} />
      {live === 'reconnecting' && <Alert type="warning" showIcon title={t('inbox.live.reconnecting')} style={{ marginTop: 12 }} />}
    </section>
  );
}

function Counts({ counts }: { counts: Schemas['InboxCountsDto'] }) {
  const { t, date } = useI18n();
  return (
    <section aria-label={t('inbox.total')} style={{ marginBottom: 16 }}>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={`${t('inbox.total')} · ${date(counts.today)}`} value={counts.total} />
          </Card>
        </Col>
        {agings.map((aging) => (
          <Col xs={12} md={5} key={aging}>
            <Card size="small" className={`aging-card aging-card-${aging}`}>
              <Statistic title={t(`aging.${aging}`)} value={counts.byAging[aging]} />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t('inbox.byWard')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="wardCode"
        pagination={false}
        dataSource={counts.byWard}
        scroll={{ x: 600 }}
        columns={[
          { title: t('list.ward'), dataIndex: 'wardName' },
          { title: t('inbox.total'), dataIndex: 'total' },
          ...agings.map((aging) => ({ title: t(`aging.${aging}`), dataIndex: aging })),
        ]}
      />
    </section>
  );
}
