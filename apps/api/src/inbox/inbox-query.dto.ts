/** Query-string parameters of the inbox: the filters shared by its page, its counts and its stream. */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { agingBuckets, pendingTaskStatuses, regulationKinds, taskSteps, UNIT_CODE_PATTERN } from '@app/domain';
import type { Aging, Authority } from '@app/domain';
import { DateField, OneOfField, QueryInt, TextField } from '../http/field.decorators';
import { unitCodesOf } from '../units/known-units.pipe';

export const authorities: readonly Authority[] = ['ward_peoples_committee', 'district_peoples_committee'];
export const inboxSorts = ['due_on', '-due_on', 'opened_at', '-opened_at', 'priority', 'ward'] as const;
export type InboxSort = (typeof inboxSorts)[number];

/** As many wards as a token may carry: longer lists are refused (and a request line stays far below 16 KiB). */
const MAX_WARDS = 100;

/**
 * Why a `ward` parameter is refused by its shape, or null. Whether each code is a unit of the administrative units
 * table is checked next (KnownWardFilterPipe: `UNIT.UNKNOWN`).
 */
function wardParamProblem(value: unknown): string | null {
  const codes = unitCodesOf(value);
  if (codes.length > MAX_WARDS) return `may name at most ${MAX_WARDS} wards`;
  const malformed = codes.find((code) => typeof code !== 'string' || !UNIT_CODE_PATTERN.test(code));
  return malformed === undefined ? null : `"${String(malformed).slice(0, 100)}" is not a unit code`;
}

/** The ward codes of a validated `ward` parameter, each once; undefined when it was not given. */
export function wardsOfParam(value: string | string[] | undefined): string[] | undefined {
  return value === undefined ? undefined : [...new Set(unitCodesOf(value) as string[])];
}

function WardsField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      required: false,
      type: 'array',
      items: { type: 'string', pattern: UNIT_CODE_PATTERN.source },
      maxItems: MAX_WARDS,
      // Documented as the comma list; the parameter may also be repeated (ward=a&ward=b).
      style: 'form',
      explode: false,
      description: 'Ward codes (GET /catalogue), separated by commas or in repeated parameters; each must be one of the caller’s wards (an unknown one: 422 UNIT.UNKNOWN)',
      example: ['hang-bac'],
    } as ApiPropertyOptions),
    IsOptional(),
    ValidateBy({
      name: 'wardList',
      validator: {
        validate: (value: unknown) => wardParamProblem(value) === null,
        defaultMessage: (args) => wardParamProblem(args?.value) ?? 'must be ward codes',
      },
    }),
  );
}

export class InboxStreamQueryDto {
  @WardsField()
  ward?: string | string[];
}

export class InboxFilterQueryDto extends InboxStreamQueryDto {
  @OneOfField(authorities, { optional: true, description: 'The deciding body' })
  authority?: Authority;

  @OneOfField(
    regulationKinds.map((k) => k.id),
    { optional: true },
  )
  kind?: string;

  @OneOfField(taskSteps, { optional: true })
  step?: string;

  @OneOfField(pendingTaskStatuses, { optional: true, description: 'open: nobody has claimed it; claimed: it has an assignee' })
  status?: string;

  @TextField(100, { optional: true, description: 'The assignee’s actor id (the `sub` of their token)', example: 'chair-hang-bac' })
  assignee?: string;

  @OneOfField(['true', 'false'], { optional: true, description: 'true: due before today; false: due today or later' })
  overdue?: 'true' | 'false';

  @OneOfField(agingBuckets, { optional: true, description: 'One aging bucket (see the `aging` of an item)' })
  aging?: Aging;

  @DateField({ optional: true, description: 'Only tasks due before this date (exclusive)' })
  dueBefore?: string;
}

export class ListInboxQueryDto extends InboxFilterQueryDto {
  @OneOfField(inboxSorts, {
    optional: true,
    description: 'Order of the page (default due_on): `-` for descending; priority and ward sort by due date next',
  })
  sort?: InboxSort;

  @QueryInt(1, 100, { description: 'Page size, default 50' })
  limit?: number;

  @TextField(500, { optional: true, description: 'The `nextCursor` of the previous page, with the same filters and sort' })
  cursor?: string;
}
