/** Module boundaries: workflows → domain, domain → nothing, libs never → apps, api never → worker, web → domain only. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      from: { path: '^libs/domain/src' },
      to: { pathNot: '^libs/domain/src' },
    },
    {
      name: 'workflows-only-domain',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { pathNot: ['^workflows/', '^libs/domain/src', '@temporalio/(workflow|common)'] },
    },
    {
      name: 'libs-never-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'api-never-worker',
      severity: 'error',
      from: { path: '^apps/api/' },
      to: { path: '^apps/worker/' },
    },
    {
      // The browser bundle takes pure domain code only (rules, labels, the calendar), never the api's or a library's.
      name: 'web-only-domain',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(apps/(api|worker|idp)|libs/(?!domain/)|workflows)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|/dist/|\\.spec\\.ts$|\\.int-spec\\.ts$|\\.e2e-spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    includeOnly: '^(apps|libs|workflows)/',
  },
};
