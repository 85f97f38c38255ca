/** Pending approval tasks, each row tinted and badged by its aging; the title opens the regulation's timeline. */
import { Button, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { InboxItem } from '../api/client';
import { useI18n } from '../i18n';
import { optionLabels, word } from '../action-labels';
import { tagColour } from './colours';

const agingColour: Record<InboxItem['aging'], string> = { on_time: tagColour.green, due_soon: tagColour.gold, overdue: tagColour.red, overdue_long: tagColour.magenta };

export function AgingTag({ item }: { item: InboxItem }) {
  const { t } = useI18n();
  return (
    <Tag color={agingColour[item.aging]}>
      {t(`aging.${item.aging}`)}
      {item.overdueWorkingDays > 0 && ` · ${t('inbox.late', { days: item.overdueWorkingDays })}`}
    </Tag>
  );
}

export function InboxTable(props: { items: InboxItem[]; loading: boolean; onOpen(item: InboxItem): void; actions?: (item: InboxItem) => ReactNode }) {
  const { t, date, language } = useI18n();
  return (
    <Table<InboxItem>
      rowKey="taskId"
      loading={props.loading}
      dataSource={props.items}
      pagination={false}
      scroll={{ x: 900 }}
      data-testid="inbox"
      rowClassName={(item) => `aging-${item.aging}`}
      onRow={(item) => ({ 'data-task-id': item.taskId }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('list.ward'), dataIndex: 'wardName' },
        {
          title: t('list.columnTitle'),
          dataIndex: 'title',
          render: (title: string, item) => (
            <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => props.onOpen(item)} aria-label={t('inbox.timeline', { title })}>
              {title}
            </Button>
          ),
        },
        { title: t('reg.task.step'), dataIndex: 'step', render: (step: InboxItem['step']) => t(`step.${step}`) },
        { title: word({ a: { vi: 'Thẩm quyền', en: 'Authority' } }, 'a', language), dataIndex: 'authority', responsive: ['lg'], render: (v: string) => word(optionLabels, v, language) },
        { title: t('reg.task.assignee'), dataIndex: 'assignee', render: (v: string | null) => v ?? t('reg.task.unclaimed') },
        { title: t('reg.task.due'), dataIndex: 'dueOn', render: (v: string) => date(v) },
        { title: t('inbox.aging'), key: 'aging', render: (_, item) => <AgingTag item={item} /> },
        ...(props.actions ? [{ title: t('inbox.actions'), key: 'actions', render: (_: unknown, item: InboxItem) => props.actions!(item) }] : []),
      ]}
    />
  );
}
