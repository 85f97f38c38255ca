/** The drill-down from an inbox row: the regulation's timeline in a dialog (Escape closes it, focus returns). */
import { useQuery } from '@tanstack/react-query';
import { Modal } from 'antd';
import { Link } from 'react-router';
import { api, unwrap, type InboxItem } from '../api/client';
import { useI18n } from '../i18n';
import { Timeline } from './regulation-record';
import { Failure, Loading } from './status';

export function TimelineDialog({ item, onClose }: { item: InboxItem | null; onClose(): void }) {
  const { t } = useI18n();
  const regulation = useQuery({
    queryKey: ['regulation', item?.regulationId],
    enabled: item !== null,
    queryFn: async () => unwrap(await api.GET('/regulations/{id}', { params: { path: { id: item!.regulationId } } })),
  });
  return (
    <Modal open={item !== null} onCancel={onClose} footer={null} width={1000} title={item ? t('inbox.timeline', { title: item.title }) : ''} destroyOnHidden>
      {item && <Link to={`/workspace/${encodeURIComponent(item.regulationId)}`}>{t('approvals.open')}</Link>}
      {regulation.isPending ? <Loading /> : regulation.isError ? <Failure error={regulation.error} /> : <Timeline entries={regulation.data.timeline} />}
    </Modal>
  );
}
