/**
 * The ward chair's or district approver's approval tasks: claim one, then decide it on the regulation's page
 * (recognize, or return the dossier with reasons). A refusal shows the api's code and message, and separation of
 * duties is explained.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, asApiError, unwrap, type ApiError, type InboxItem } from '../api/client';
import { InboxTable } from '../components/inbox-table';
import { Failure } from '../components/status';
import { TimelineDialog } from '../components/timeline-dialog';
import { useI18n } from '../i18n';
import { useSession } from '../session';

export default function Approvals() {
  const { t, refusal: refusalText } = useI18n();
  const session = useSession();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<InboxItem | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const tasks = useQuery({
    queryKey: ['inbox', 'mine', session.role],
    queryFn: async () => unwrap(await api.GET('/inbox', { params: { query: { limit: 100, sort: 'due_on' } } })),
  });
  const mine = (tasks.data?.items ?? []).filter((item) => item.candidateRole === session.role);

  async function claim(item: InboxItem) {
    setRefusal(null);
    const { error, response } = await api.POST('/regulations/{id}/claim-task', { params: { path: { id: item.regulationId } }, body: { taskId: item.taskId } });
    if (!response.ok) setRefusal(asApiError(error) ?? { code: 'INTERNAL', message: `HTTP ${response.status}`, details: {} });
    await queryClient.invalidateQueries({ queryKey: ['inbox'] });
  }

  return (
    <section aria-labelledby="approvals-title">
      <Typography.Title level={1} id="approvals-title">
        {t('approvals.title')}
      </Typography.Title>
      {refusal && (
        <Alert
          type="error"
          role="alert"
          showIcon
          style={{ marginBottom: 16 }}
          title={refusalText(refusal)}
          description={refusal.code === 'AUTH.SEPARATION_OF_DUTIES' ? t('panel.separation') : undefined}
        />
      )}
      {tasks.isError && <Failure error={tasks.error} />}
      <InboxTable
        items={mine}
        loading={tasks.isPending}
        onOpen={setOpen}
        actions={(item) => (
          <Space wrap>
            {item.assignee === null && (
              <Button size="small" onClick={() => void claim(item)} aria-label={`${t('reg.task.claim')}: ${item.title}`}>
                {t('reg.task.claim')}
              </Button>
            )}
            <Link to={`/workspace/${encodeURIComponent(item.regulationId)}`} aria-label={`${t('approvals.open')}: ${item.title}`}>
              {t('approvals.open')}
            </Link>
          </Space>
        )}
      />
      <TimelineDialog item={open} onClose={() => setOpen(null)} />
    </section>
  );
}
