/**
 * The next step panel: the actions the API allows on this regulation (its `allowedActions`) that the signed-in role
 * may ever take on its kind (the domain's `mayEverIssueOn`), each as a form from actions.ts. A refusal is shown on the field its
 * code or `details.field` names, else above the form with its code; separation of duties is explained.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, message as messages, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { commandPowers, mayEverIssueOn } from '../../../../libs/domain/src/access';
import { regimeById } from '../../../../libs/domain/src/regimes';
import { shortId, today } from '../clock';
import { actionSpecs, fieldOfCode, type ActionSpec, type FieldSpec } from '../actions';
import { actionWord, fieldLabels, optionLabels, word } from '../action-labels';
import { api, asApiError, errorField, type ApiError, type CommandType, type RegulationDetail } from '../api/client';
import { registerDraft, takeDraft } from '../drafts';
import { useI18n } from '../i18n';
import { useSession, type Session } from '../session';
import { VoteExplanation } from './vote-explanation';

type Values = Record<string, unknown>;

/** POST to a command route; the route and body were type-checked where the spec was written (actions.ts). */
type CommandPost = (path: string, init: { params: { path: { id: string } }; body: Values; headers: Record<string, string> }) => Promise<{ error?: unknown; response: Response }>;

export function NextStepPanel({ regulation }: { regulation: RegulationDetail }) {
  const { t, language } = useI18n();
  const session = useSession();
  const kind = regulation.kind;
  const actions = regulation.allowedActions.filter((action): action is CommandType => mayEverIssueOn(session.role, action, kind) && actionSpecs[action] !== undefined);
  // Steps of this stage that are someone else's: named with who takes them, so nobody wonders where a step went.
  const others = regulation.allowedActions.filter((action) => !mayEverIssueOn(session.role, action, kind) && actionSpecs[action] !== undefined);
  const draftAction = useMemo(() => takeDraft<{ action: CommandType }>('next-step')?.action, []);
  const [chosen, setChosen] = useState<CommandType | undefined>(draftAction);
  const action = chosen && actions.includes(chosen) ? chosen : actions[0];
  useEffect(() => registerDraft('next-step', () => (action ? { action } : undefined)), [action]);
  return (
    <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 18 }} id="next-step-title">{t('panel.title')}</Typography.Title>} aria-labelledby="next-step-title">
      {others.length > 0 && (
        <Typography.Paragraph type="secondary" data-testid="others-steps">
          {t('panel.others')}{' '}
          {others
            .map((action) => {
              const holders = (Object.keys(commandPowers[action]) as Session['role'][]).filter((role) => mayEverIssueOn(role, action, kind));
              return `${actionWord(action, kind, language)} (${holders.map((role) => t(`role.${role}`)).join(', ')})`;
            })
            .join('; ')}
        </Typography.Paragraph>
      )}
      {actions.length === 0 ? (
        <Typography.Paragraph>{t('panel.none')}</Typography.Paragraph>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Radio.Group
            aria-label={t('panel.choose')}
            value={action}
            onChange={(event) => setChosen(event.target.value as CommandType)}
            optionType="button"
            options={actions.map((value) => ({ value, label: actionWord(value, kind, language) }))}
          />
          {action && <ActionForm key={`${action}:${regulation.version}`} action={action} spec={actionSpecs[action]!} regulation={regulation} />}
        </Space>
      )}
    </Card>
  );
}

function initialValue(field: FieldSpec): unknown {
  return field.initial === 'today' ? today() : field.initial;
}

function toBody(spec: ActionSpec, values: Values): Values {
  const body: Values = {};
  for (const field of spec.fields) {
    const value = values[field.name];
    if (value === undefined || value === null || value === '') continue;
    body[field.name] = field.kind === 'list' ? listOf(value) : field.kind === 'members' ? membersOf(value) : value;
  }
  return body;
}

const listOf = (value: unknown): string[] =>
  String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** One member a line, "name; whom they represent"; a line without the second part represents nobody named (the api says so). */
const membersOf = (value: unknown): { name: string; represents: string }[] =>
  String(value)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name, ...represents] = line.split(';');
      return { name: name.trim(), represents: represents.join(';').trim() };
    });

function ActionForm({ action, spec, regulation }: { action: CommandType; spec: ActionSpec; regulation: RegulationDetail }) {
  const { t, language, refusal: refusalText } = useI18n();
  const [message, messageHolder] = messages.useMessage();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  // One command, one key: a retry after no answer or a server error sends the same key (the command runs once); after a
  // refusal the corrected form is another command, with a key of its own.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const regimeId = regulation.draft?.regimeId ?? regulation.regimeId;
  const formName = `action-${action}`;
  const initialValues = useMemo(() => {
    const values: Values = Object.fromEntries(spec.fields.map((field) => [field.name, initialValue(field)]));
    if (action === 'RecordComment') values.commentId = `c-${String(regulation.comments.length + 1).padStart(3, '0')}`;
    if (action === 'ReceiveComplaint') values.complaintId = shortId('k');
    if (regulation.complaint) values.complaintId ??= regulation.complaint.complaintId;
    if (spec.fields.some((field) => field.kind === 'task')) values.taskId = regulation.tasks[0]?.taskId;
    return { ...values, ...takeDraft<Values>(formName) };
  }, [action, spec, regulation, formName]);
  useEffect(() => registerDraft(formName, () => form.getFieldsValue()), [form, formName]);
  const method = Form.useWatch('method', form) as string | undefined;
  const total = Form.useWatch('totalHouseholds', form) as number | undefined;
  const present = Form.useWatch('present', form) as number | undefined;
  const approving = Form.useWatch('approving', form) as number | undefined;

  const options = (field: FieldSpec): readonly string[] => {
    if (field.name === 'documents') return regimeById(regimeId).dossierDocuments;
    if (field.name === 'commentId' && field.kind === 'choice') return regulation.comments.filter((c) => c.disposition === null).map((c) => c.commentId);
    return field.options ?? [];
  };
  // A field named alike in two commands (the conference's `present` counts people, the vote's households) may have its own label.
  const label = (name: string) => word(fieldLabels, fieldLabels[`${action}.${name}`] ? `${action}.${name}` : name, language);

  async function submit(values: Values) {
    setRefusal(null);
    setSending(true);
    const post = api.POST as unknown as CommandPost;
    const { error, response } = await post(spec.path, {
      params: { path: { id: regulation.regulationId } },
      body: toBody(spec, values),
      headers: { 'If-Match': `"${regulation.version}"`, 'Idempotency-Key': idempotencyKey },
    });
    setSending(false);
    if (response.status < 500) setIdempotencyKey(crypto.randomUUID());
    if (response.ok) {
      message.success(t('panel.done', { action: actionWord(action, regulation.kind, language) }));
      await queryClient.invalidateQueries({ queryKey: ['regulation', regulation.regulationId] });
      await queryClient.invalidateQueries({ queryKey: ['regulations'] });
      return;
    }
    const body = asApiError(error) ?? { code: 'INTERNAL', message: `HTTP ${response.status}`, details: {} };
    const field = errorField(body) ?? fieldOfCode[body.code];
    if (field && spec.fields.some((f) => f.name === field)) {
      form.setFields([{ name: field, errors: [refusalText(body)] }]);
      form.scrollToField(field, { focus: true });
    } else {
      setRefusal(body);
    }
  }

  return (
    <Form form={form} name={formName} layout="vertical" initialValues={initialValues} onFinish={(values) => void submit(values)} aria-label={actionWord(action, regulation.kind, language)}>
      {messageHolder}
      {refusal && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={refusalText(refusal)}
          description={refusal.code === 'AUTH.SEPARATION_OF_DUTIES' ? t('panel.separation') : undefined}
        />
      )}
      {spec.fields.map((field) => (
        <Form.Item
          key={field.name}
          name={field.name}
          label={field.kind === 'checklist' && field.name === 'documents' ? t('dossier.checklist') : label(field.name)}
          rules={field.required ? [{ required: true, message: t('panel.required') }] : []}
        >
          {renderControl(field, options(field), language, regulation)}
        </Form.Item>
      ))}
      {action === 'RecordVote' && <VoteExplanation regimeId={regimeId} method={method} total={total} present={present} approving={approving} />}
      <Button type="primary" htmlType="submit" loading={sending} style={{ marginTop: 16 }}>
        {actionWord(action, regulation.kind, language)}
      </Button>
    </Form>
  );
}

function renderControl(field: FieldSpec, options: readonly string[], language: 'vi' | 'en', regulation: RegulationDetail) {
  const optionList = options.map((value) => ({ value, label: word(optionLabels, value, language) }));
  switch (field.kind) {
    case 'text':
    case 'list':
      return <Input />;
    case 'textarea':
    case 'members':
      return <Input.TextArea rows={4} />;
    case 'date':
      return <Input type="date" />;
    case 'number':
      return <InputNumber min={0} precision={0} style={{ width: '100%' }} />;
    case 'choice':
      if (field.name === 'commentId') {
        return (
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={options.map((value) => ({ value, label: `${value}: ${regulation.comments.find((c) => c.commentId === value)?.content.slice(0, 80) ?? ''}` }))}
          />
        );
      }
      return <Radio.Group options={optionList} />;
    case 'checklist':
      return <Checkbox.Group options={optionList} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} />;
    case 'task':
      return <Select options={regulation.tasks.map((task) => ({ value: task.taskId, label: `${task.step} · ${task.dueOn}` }))} />;
  }
}
