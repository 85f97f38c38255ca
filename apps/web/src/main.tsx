/** Entry: providers (query cache, language, Ant Design locale and CSP nonce, session) and the lazily loaded routes. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiFailure } from './api/client';
import { I18nProvider, useI18n } from './i18n';
import { regulationIdOf, regulationQuery } from './regulation-query';
import { router } from './routes';
import { SessionProvider, sessionQuery } from './session';
import './app.css';

// The app's code is loaded and evaluated (User Timing, read by npm run bench:web).
performance.mark('reglife:app-code');

/** The api puts a fresh nonce in this meta tag of every index.html it serves; Ant Design's style tags carry it. */
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

/**
 * Two helpers under Ant Design (the scroll locker of dialogs and the scrollbar measure of tables, in
 * @rc-component/util) add <style> elements without the nonce, which the CSP blocks: every <style> this page creates
 * gets the nonce, so the policy can stay free of 'unsafe-inline'.
 */
if (nonce) {
  const createElement = document.createElement.bind(document);
  document.createElement = ((tagName: string, options?: ElementCreationOptions) => {
    const element = createElement(tagName, options);
    if (tagName.toLowerCase() === 'style') element.setAttribute('nonce', nonce);
    return element;
  }) as typeof document.createElement;
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (count, error) => !(error instanceof ApiFailure) && count < 2, refetchOnWindowFocus: false },
  },
});

/** Whether the person asked their system for less motion (`prefers-reduced-motion`), followed as it changes. */
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const subscribeToMotion = (changed: () => void) => {
  reducedMotion.addEventListener('change', changed);
  return () => reducedMotion.removeEventListener('change', changed);
};

function Themed() {
  const { language } = useI18n();
  const lessMotion = useSyncExternalStore(subscribeToMotion, () => reducedMotion.matches);
  return (
    <ConfigProvider
      locale={language === 'vi' ? viVN : enUS}
      csp={{ nonce }}
      // Errors, placeholders, empty states and secondary text darkened to AA contrast (4.5:1) on white.
      theme={{
        token: {
          // Ant Design's transitions (loading icons, field errors, tabs, toasts) off for whoever asks for less motion.
          motion: !lessMotion,
          colorPrimary: '#a61d24',
          colorError: '#cf1322',
          colorLink: '#1554ad',
          colorLinkHover: '#0e3c7a',
          colorLinkActive: '#0e3c7a',
          borderRadius: 4,
          colorTextDescription: 'rgba(0,0,0,0.65)',
          colorTextTertiary: 'rgba(0,0,0,0.6)',
          colorTextQuaternary: 'rgba(0,0,0,0.56)',
          colorTextPlaceholder: 'rgba(0,0,0,0.56)',
        },
      }}
    >
      <SessionProvider fallback={<Spin fullscreen />}>
        <RouterProvider router={router} />
      </SessionProvider>
    </ConfigProvider>
  );
}

// The session is asked for before the first render; opened at a regulation's address, that page's code and its
// record are fetched at the same time.
void queryClient.prefetchQuery(sessionQuery);
const openedRegulation = regulationIdOf(window.location.pathname);
if (openedRegulation !== null) {
  void import('./pages/regulation-page');
  void queryClient.prefetchQuery(regulationQuery(openedRegulation));
}

document.documentElement.lang = localStorage.getItem('reglife.language') === 'en' ? 'en' : 'vi';
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
