import 'reflect-metadata';
import { ApiError } from '../errors/api.errors';
import { ApiValidationPipe } from '../http/api-validation.pipe';
import { CreateDraftDto, FormDraftingGroupDto, RecordAnnualReviewDto, SuspendDto } from './regulation-command.dto';

const pipe = new ApiValidationPipe();

async function refusal(metatype: new () => object, body: object): Promise<{ code: string; field: unknown; problem: unknown }> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, field: error.details.field, problem: error.details.problem };
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(body)}`);
}

const accepts = async (metatype: new () => object, body: object) => expect(await pipe.transform(body, { type: 'body', metatype })).toBeInstanceOf(metatype);

const suspend = {
  complaintId: 'don-7',
  decisionNo: '45/QĐ-UBND',
  suspendedOn: '2025-06-05',
  ground: 'content',
  scope: 'part',
  articles: ['Điều 2'],
  redraftDueOn: '2025-08-05',
  reason: 'Điều 2 trái luật',
};

describe('command DTOs made from the domain schemas', () => {
  it('a field the decider requires of new commands is required by the API', async () => {
    await accepts(SuspendDto, suspend);
    expect(await refusal(SuspendDto, { ...suspend, complaintId: undefined })).toEqual({ code: 'COMMAND.INVALID', field: 'complaintId', problem: 'is required' });
    expect(await refusal(SuspendDto, { ...suspend, redraftDueOn: undefined })).toMatchObject({ field: 'redraftDueOn', problem: 'is required' });
  });

  it('requiredWhen: required when the other field holds the value; the list’s own rules otherwise', async () => {
    expect(await refusal(SuspendDto, { ...suspend, articles: undefined })).toMatchObject({ field: 'articles', problem: 'is required' });
    expect(await refusal(SuspendDto, { ...suspend, articles: [] })).toMatchObject({ field: 'articles', problem: 'must have 1 to 50 items' });
    expect(await refusal(SuspendDto, { ...suspend, articles: ['Điều 2', 'Điều 2'] })).toMatchObject({ field: 'articles', problem: 'names an article twice' });
    await accepts(SuspendDto, { ...suspend, ground: 'procedure', scope: 'whole', articles: undefined });
    const review = { outcome: 'repeal', reviewedOn: '2026-04-20', notes: 'n' };
    expect(await refusal(RecordAnnualReviewDto, review)).toMatchObject({ field: 'decisionNo', problem: 'is required' });
    await accepts(RecordAnnualReviewDto, { ...review, outcome: 'keep' });
  });

  it('a field the API fills in is optional in the request, and checked when sent', async () => {
    const draft = { wardCode: 'hang-bac', kind: 'community_convention', title: 'T', text: 'Điều 1.', startedOn: '2025-03-03' };
    await accepts(CreateDraftDto, draft);
    expect(await refusal(CreateDraftDto, { ...draft, regulationId: 'has space' })).toMatchObject({ code: 'COMMAND.INVALID', field: 'regulationId' });
    expect(await refusal(CreateDraftDto, { ...draft, title: 'x'.repeat(301) })).toMatchObject({ code: 'COMMAND.TEXT_TOO_LONG', field: 'title' });
  });

  it('a list of objects takes its fields from the schema, nothing else', async () => {
    const group = { formedOn: '2025-02-20', members: [{ name: 'An', represents: 'Chi hội' }] };
    await accepts(FormDraftingGroupDto, group);
    expect(await refusal(FormDraftingGroupDto, { ...group, members: [{ name: 'An', represents: 'Chi hội', age: 40 }] })).toMatchObject({ field: 'members' });
    expect(await refusal(FormDraftingGroupDto, { ...group, members: [{ name: 'An', represents: ' ' }] })).toMatchObject({ field: 'members' });
  });

  it('keeps the exported class names the OpenAPI document names its schemas by', () => {
    expect([CreateDraftDto.name, SuspendDto.name]).toEqual(['CreateDraftDto', 'SuspendDto']);
  });
});
