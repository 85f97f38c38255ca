/** The ward's regulations: filters (ward, kind, stage, due before), a title search, pages by cursor. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type RegulationSummary } from '../api/client';
import { Failure } from '../components/status';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { stageLabels } from '../../../../libs/domain/src/labels';

interface Filters {
  ward?: string;
  kind?: 'community_convention' | 'democracy_regulation' | 'agency_democracy_regulation' | 'enterprise_democracy_regulation';
  stage?: string[];
  q?: string;
  dueBefore?: Dayjs;
}

export default function RegulationList() {
  const { t, stage, date, language } = useI18n();
  const session = useSession();
  const [filters, setFilters] = useState<Filters>({});
  const query = {
    ward: filters.ward,
    kind: filters.kind,
    stage: filters.stage?.length ? filters.stage.join(',') : undefined,
    q: filters.q || undefined,
    dueBefore: filters.dueBefore?.format('YYYY-MM-DD'),
    limit: 50,
  };
  const pages = useInfiniteQuery({
    queryKey: ['regulations', query],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/regulations', { params: { query: { ...query, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="list-title">
      <Typography.Title level={1} id="list-title">
        {t('list.title')}
      </Typography.Title>
      <Form layout="vertical" className="filters" onValuesChange={(_, all: Filters) => setFilters(all)} role="search">
        <Form.Item name="q" label={t('list.search')}>
          <Input allowClear />
        </Form.Item>
        {(session.wards.length > 1 || session.wards.includes('*')) && (
          <Form.Item name="ward" label={t('list.ward')}>
            <Input allowClear placeholder="hang-bac" />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('list.kind')}>
          <Select
            allowClear
            placeholder={t('list.any')}
            options={(['community_convention', 'democracy_regulation', 'agency_democracy_regulation', 'enterprise_democracy_regulation'] as const).map((value) => ({ value, label: t(`kind.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="stage" label={t('list.stage')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('list.any')}
            style={{ minWidth: 220 }}
            options={Object.keys(stageLabels[language])
              .filter((s) => s !== 'none')
              .map((value) => ({ value, label: stage(value) }))}
          />
        </Form.Item>
        <Form.Item name="dueBefore" label={t('list.dueBefore')}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </Form>
      {pages.isError && <Failure error={pages.error} />}
      <Table<RegulationSummary>
        rowKey="regulationId"
        loading={pages.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('list.empty') }}
        columns={[
          {
            title: t('list.columnTitle'),
            dataIndex: 'title',
            render: (title: string, row) => <Link to={`/workspace/${encodeURIComponent(row.regulationId)}`}>{title}</Link>,
          },
          { title: t('list.ward'), dataIndex: 'wardCode' },
          { title: t('list.kind'), dataIndex: 'kind', render: (kind: RegulationSummary['kind']) => t(`kind.${kind}`) },
          { title: t('list.stage'), dataIndex: 'stage', render: (s: string) => <Tag>{stage(s)}</Tag> },
          { title: t('list.columnDue'), key: 'due', render: (_, row) => (row.due ? `${date(row.due.dueOn)}` : '—') },
          { title: t('list.columnUpdated'), dataIndex: 'updatedAt', render: (v: string) => date(v) },
        ]}
      />
      {pages.hasNextPage && (
        <Space style={{ marginTop: 12 }}>
          <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            {t('list.loadMore')}
          </Button>
        </Space>
      )}
    </section>
  );
}
