/** The app's routes, each page loaded when first visited (the first load carries only the shell). */
import { createBrowserRouter, Navigate } from 'react-router';
import { Shell } from './shell';
import { homeOf, useSession } from './session';

function Home() {
  return <Navigate to={homeOf(useSession().role)} replace />;
}

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default });

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { index: true, element: <Home /> },
      { path: 'dashboard', element: <Navigate to="/supervision" replace /> },
      { path: 'workspace', lazy: page(() => import('./pages/regulation-list')) },
      { path: 'workspace/new', lazy: page(() => import('./pages/new-convention')) },
      { path: 'workspace/:id', lazy: page(() => import('./pages/regulation-page')) },
      { path: 'approvals', lazy: page(() => import('./pages/approvals')) },
      { path: 'supervision', lazy: page(() => import('./pages/supervision')) },
      { path: 'supervision/reports', lazy: page(() => import('./pages/reports')) },
      { path: 'audit', lazy: page(() => import('./pages/audit')) },
      { path: 'imports', lazy: page(() => import('./pages/imports')) },
      { path: '*', lazy: page(() => import('./pages/not-found')) },
    ],
  },
]);
