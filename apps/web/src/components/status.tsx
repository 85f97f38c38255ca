/** Loading and failure states shown the same way on every page. */
import { Alert, Spin } from 'antd';
import { ApiFailure } from '../api/client';
import { useI18n } from '../i18n';

export function Loading() {
  const { t } = useI18n();
  return <Spin aria-label={t('app.loading')} />;
}

export function Failure({ error }: { error: unknown }) {
  const { t } = useI18n();
  const body = error instanceof ApiFailure ? error.body : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
  return <Alert type="error" showIcon role="alert" title={t('app.error', { code: body.code, message: body.message })} />;
}
