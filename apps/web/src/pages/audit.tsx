/** The auditor's view: a regulation as it stood at the end of a chosen date, and its event timeline with actors. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { RegulationHeading, RegulationRecord } from '../components/regulation-record';
import { Failure, Loading } from '../components/status';
import { useI18n } from '../i18n';
import { today } from '../clock';

export default function Audit() {
  const { t, date } = useI18n();
  const [params, setParams] = useSearchParams();
  const id = params.get('id') ?? '';
  const on = params.get('date') ?? '';
  const record = useQuery({
    queryKey: ['as-of', id, on],
    enabled: id !== '' && on !== '',
    queryFn: async () => unwrap(await api.GET('/regulations/{id}/as-of', { params: { path: { id }, query: { date: on } } })),
  });
  return (
    <section aria-labelledby="audit-title">
      <Typography.Title level={1} id="audit-title">
        {t('audit.title')}
      </Typography.Title>
      <Form
        layout="vertical"
        className="filters"
        initialValues={{ id, date: on.slice(0, 10) || today(), time: on.length > 10 ? on.slice(11, 19) : undefined }}
        onFinish={(values: { id: string; date: string; time?: string }) =>
          // A date alone is the end of that day in Vietnam; with a time, that instant in Hà Nội.
          setParams({ id: values.id.trim(), date: values.time ? `${values.date}T${values.time.length === 5 ? `${values.time}:00` : values.time}+07:00` : values.date })
        }
      >
        <Form.Item name="id" label={t('audit.regulation')} rules={[{ required: true, message: t('panel.required') }]}>
          <Input style={{ minWidth: 320 }} />
        </Form.Item>
        <Form.Item name="date" label={t('audit.date')} rules={[{ required: true, message: t('panel.required') }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="time" label={t('audit.time')}>
          <Input type="time" step={1} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('audit.show')}
          </Button>
        </Form.Item>
      </Form>
      {record.isFetching && <Loading />}
      {record.isError && <Failure error={record.error} />}
      {record.data && (
        <article>
          <Alert type="info" showIcon title={t('audit.asOf', { date: on.length > 10 ? `${date(on.slice(0, 10))} ${on.slice(11, 19)}` : date(on) })} style={{ marginBottom: 12 }} data-testid="as-of" />
          <RegulationHeading regulation={record.data} />
          <RegulationRecord regulation={record.data} />
        </article>
      )}
    </section>
  );
}
