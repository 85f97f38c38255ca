/** Any other path. */
import { Result } from 'antd';
import { useI18n } from '../i18n';

export default function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title={<h1>404</h1>} subTitle={t('app.notFound')} />;
}
