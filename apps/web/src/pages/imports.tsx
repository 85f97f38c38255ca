/**
 * Bulk import of regulations already in force: the template, a dry run's report (each row's outcome and coded errors),
 * then the run with its progress (rows done out of the file's, polled by the file's import id).
 */
import { Alert, Button, Progress, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { api, CSRF_HEADER, type ApiError, type Schemas } from '../api/client';
import { tagColour } from '../components/colours';
import { saveDraftsAndSignIn } from '../drafts';
import { useI18n, type MessageKey } from '../i18n';

type ImportReport = Schemas['ImportReportDto'];
type RowReport = ImportReport['rows'][number];
type Progress = Schemas['ImportProgressDto'];

const statusColour: Record<RowReport['status'], string> = { created: tagColour.green, to_create: tagColour.gold, unchanged: tagColour.grey, refused: tagColour.red };
const POLL_MS = 250;

/** The api's id of an import of this file (libs/imports importIdOf): `imp-` and the start of the file's sha256. */
async function importIdOf(file: File): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return `imp-${Array.from(digest.slice(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export default function Imports() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [running, setRunning] = useState<{ importId: string | null } | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);

  // While a run is sent, its progress is polled (the dry run of the same file named its import id).
  useEffect(() => {
    const importId = running?.importId;
    if (!importId) return;
    let stopped = false;
    const poll = async () => {
      const { data } = await api.GET('/imports/{importId}/progress', { params: { path: { importId } } });
      if (!stopped && data) setProgress(data);
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    void poll();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [running]);

  async function send(dryRun: boolean) {
    if (!file) return;
    setRefusal(null);
    setProgress(null);
    setRunning({ importId: dryRun ? null : await importIdOf(file) });
    const body = new FormData();
    body.append('file', file);
    // multipart: openapi-fetch would serialize the body as JSON, so this one call uses fetch.
    const response = await fetch(`/imports?dryRun=${dryRun}`, { method: 'POST', body, credentials: 'same-origin', headers: CSRF_HEADER });
    setRunning(null);
    if (response.status === 401) return saveDraftsAndSignIn();
    if (response.ok) {
      setReport((await response.json()) as ImportReport);
      return;
    }
    setReport(null);
    setRefusal((await response.json()) as ApiError);
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
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
        <input
          id="import-file"
          type="file"
          accept=".xlsx,.csv"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setReport(null);
          }}
        />
        <Space>
          <Button disabled={!file} loading={running !== null} onClick={() => void send(true)}>
            {t('imports.dryRun')}
          </Button>
          <Button type="primary" disabled={!file} loading={running !== null} onClick={() => void send(false)}>
            {t('imports.run')}
          </Button>
        </Space>
      </Space>
      {running?.importId && (
        <div data-testid="import-progress" style={{ marginTop: 16, maxWidth: 480 }}>
          <Typography.Text>{progress ? t('imports.running', { done: progress.done, total: progress.total }) : t('imports.runningNoFigure')}</Typography.Text>
          <Progress percent={percent} status="active" aria-label={t('imports.progress')} />
        </div>
      )}
      {refusal && <Alert type="error" role="alert" showIcon title={`${refusal.code}: ${refusal.message}`} style={{ marginTop: 16 }} />}
      {report && (
        <section aria-labelledby="import-report-title" style={{ marginTop: 16 }}>
          <Typography.Title level={2} id="import-report-title" style={{ fontSize: 18 }}>
            {t(report.dryRun ? 'imports.checked' : 'imports.imported', { total: report.total })}
          </Typography.Title>
          <Space wrap data-testid="import-counts">
            {(Object.keys(statusColour) as RowReport['status'][]).map((status) => (
              <Tag key={status} color={statusColour[status]}>
                {t(`imports.status.${status}` as MessageKey)}: {report.counts[status]}
              </Tag>
            ))}
          </Space>
          <Table<RowReport>
            rowKey="row"
            size="small"
            style={{ marginTop: 16 }}
            pagination={false}
            dataSource={report.rows}
            onRow={(row) => ({ 'data-row': row.row }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('imports.col.row'), dataIndex: 'row' },
              { title: t('imports.col.status'), dataIndex: 'status', render: (status: RowReport['status']) => <Tag color={statusColour[status]}>{t(`imports.status.${status}` as MessageKey)}</Tag> },
              { title: t('imports.col.id'), dataIndex: 'regulationId' },
              {
                title: t('imports.col.errors'),
                key: 'errors',
                render: (_, row) => row.errors.map((e) => `${e.code}${e.column ? ` (${e.column})` : ''}: ${e.message}`).join('; '),
              },
            ]}
          />
        </section>
      )}
    </section>
  );
}
