/** Bulk import of regulations already in force: the template, a dry run's report, then the run (POST /imports). */
import { Alert, Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { CSRF_HEADER } from '../api/client';
import { saveDraftsAndSignIn } from '../drafts';
import { useI18n } from '../i18n';

interface ImportReport {
  counts?: Record<string, number>;
  rows?: { row: number; outcome: string; regulationId?: string; errors?: { code: string; field?: string; message: string }[] }[];
  code?: string;
  message?: string;
}

export default function Imports() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    const body = new FormData();
    body.append('file', file);
    // multipart: openapi-fetch would serialize the body as JSON, so this one call uses fetch.
    const response = await fetch(`/imports?dryRun=${dryRun}`, { method: 'POST', body, credentials: 'same-origin', headers: CSRF_HEADER });
    setBusy(false);
    if (response.status === 401) return saveDraftsAndSignIn();
    setReport((await response.json()) as ImportReport);
  }

  return (
    <section aria-labelledby="imports-title">
      <Typography.Title level={1} id="imports-title">
        {t('imports.title')}
      </Typography.Title>
      <Space orientation="vertical">
        <Space wrap>
          <a href="/imports/template.xlsx" download>
            {t('imports.template')} (.xlsx)
          </a>
          <a href="/imports/template.csv" download>
            {t('imports.template')} (.csv)
          </a>
        </Space>
        <label htmlFor="import-file">{t('imports.file')}</label>
        <input id="import-file" type="file" accept=".xlsx,.csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        <Space>
          <Button disabled={!file} loading={busy} onClick={() => void send(true)}>
            {t('imports.dryRun')}
          </Button>
          <Button type="primary" disabled={!file} loading={busy} onClick={() => void send(false)}>
            {t('imports.run')}
          </Button>
        </Space>
      </Space>
      {report?.code && <Alert type="error" role="alert" showIcon title={`${report.code}: ${report.message}`} style={{ marginTop: 16 }} />}
      {report?.counts && <Alert type="info" showIcon style={{ marginTop: 16 }} title={Object.entries(report.counts).map(([k, v]) => `${k}: ${v}`).join(' · ')} />}
      {report?.rows && (
        <Table
          rowKey="row"
          size="small"
          style={{ marginTop: 16 }}
          dataSource={report.rows}
          columns={[
            { title: '#', dataIndex: 'row' },
            { title: 'outcome', dataIndex: 'outcome' },
            { title: 'id', dataIndex: 'regulationId' },
            { title: 'errors', key: 'errors', render: (_, row) => row.errors?.map((e) => `${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}`).join('; ') },
          ]}
        />
      )}
    </section>
  );
}
