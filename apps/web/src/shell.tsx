/** The frame of every page: a skip link, the app's name, the role's navigation, who is signed in, language, sign-out. */
import { Button, Layout, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import type { ActorRole } from '../../../libs/domain/src/commands';
import { useI18n, type MessageKey } from './i18n';
import { signOut, useSession } from './session';
import { Loading } from './components/status';

const navigation: { to: string; label: MessageKey; roles: ActorRole[] }[] = [
  { to: '/workspace', label: 'nav.regulations', roles: ['officer', 'ward_chair', 'district_approver', 'front', 'supervisor'] },
  { to: '/workspace/new', label: 'nav.new', roles: ['officer'] },
  { to: '/approvals', label: 'nav.approvals', roles: ['ward_chair', 'district_approver'] },
  { to: '/supervision', label: 'nav.supervision', roles: ['supervisor', 'ward_chair', 'district_approver'] },
  { to: '/supervision/reports', label: 'nav.reports', roles: ['supervisor', 'auditor'] },
  { to: '/audit', label: 'nav.audit', roles: ['auditor', 'supervisor'] },
  { to: '/imports', label: 'nav.imports', roles: ['officer'] },
];

export function Shell() {
  const session = useSession();
  const { t, language, setLanguage } = useI18n();
  const wards = session.wards.includes('*') ? t('app.allWards') : session.wards.join(', ');
  return (
    <Layout className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Layout.Header className="app-header">
        <Typography.Text className="app-title" strong>
          {t('app.title')}
        </Typography.Text>
        <nav aria-label={t('app.nav')} className="app-nav">
          {navigation
            .filter((item) => item.roles.includes(session.role))
            .map((item) => (
              <NavLink key={item.to} to={item.to} end>
                {t(item.label)}
              </NavLink>
            ))}
        </nav>
        <Space wrap className="app-user">
          <span id="who">{t('app.signedInAs', { name: session.name ?? session.id, role: t(`role.${session.role}`), wards })}</span>
          <Button size="small" lang={language === 'vi' ? 'en' : 'vi'} title={t('app.switchLanguageLabel')} onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}>
            {t('app.switchLanguage')}
          </Button>
          <Button size="small" onClick={() => void signOut()}>
            {t('app.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} className="app-main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
