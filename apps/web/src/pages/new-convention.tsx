/** Drafting a new regulation (POST /regulations): ward, kind, title, residential group, text, start date. */
import { Alert, Button, Form, Input, Radio, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { today } from '../clock';
import { fieldLabels, word } from '../action-labels';
import { api, asApiError, errorField, type ApiError, type Schemas } from '../api/client';
import { registerDraft, takeDraft } from '../drafts';
import { useI18n } from '../i18n';
import { useSession } from '../session';

type CreateDraft = Schemas['CreateDraftDto'];
const FORM = 'new-convention';
const FIELDS: (keyof CreateDraft)[] = ['wardCode', 'kind', 'title', 'residentialGroup', 'text', 'startedOn'];

export default function NewConvention() {
  const { t, language, refusal: refusalText } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateDraft>();
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const initialValues = useMemo<Partial<CreateDraft>>(
    () => ({
      wardCode: session.wards.find((ward) => ward !== '*'),
      kind: 'community_convention',
      startedOn: today(),
      ...takeDraft<Partial<CreateDraft>>(FORM),
    }),
    [session],
  );
  useEffect(() => registerDraft(FORM, () => form.getFieldsValue()), [form]);
  const label = (name: keyof CreateDraft) => word(fieldLabels, name, language);
  const required = [{ required: true, message: t('panel.required') }];

  async function submit(values: CreateDraft) {
    setRefusal(null);
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as CreateDraft;
    const { data, error, response } = await api.POST('/regulations', { body, headers: { 'Idempotency-Key': idempotencyKey } });
    if (data) {
      void navigate(`/workspace/${encodeURIComponent(data.regulationId)}`);
      return;
    }
    const failure = asApiError(error) ?? { code: 'INTERNAL', message: `HTTP ${response.status}`, details: {} };
    const field = errorField(failure) ?? (failure.code.startsWith('UNIT.') ? 'wardCode' : null);
    if (field && FIELDS.includes(field as keyof CreateDraft)) form.setFields([{ name: field as keyof CreateDraft, errors: [refusalText(failure)] }]);
    else setRefusal(failure as ApiError);
  }

  return (
    <section aria-labelledby="new-title" style={{ maxWidth: 800 }}>
      <Typography.Title level={1} id="new-title">
        {t('new.title')}
      </Typography.Title>
      {refusal && <Alert type="error" role="alert" showIcon title={refusalText(refusal)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name={FORM} initialValues={initialValues} onFinish={(values) => void submit(values)}>
        <Form.Item name="wardCode" label={label('wardCode')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={label('kind')} rules={required}>
          <Radio.Group options={(['community_convention', 'democracy_regulation', 'agency_democracy_regulation', 'enterprise_democracy_regulation'] as const).map((value) => ({ value, label: t(`kind.${value}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={label('title')} rules={required}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="residentialGroup" label={label('residentialGroup')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="text" label={label('text')} rules={required}>
          <Input.TextArea rows={8} />
        </Form.Item>
        <Form.Item name="startedOn" label={label('startedOn')} rules={required}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('new.title')}
        </Button>
      </Form>
    </section>
  );
}
