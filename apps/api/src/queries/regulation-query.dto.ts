/** Query-string parameters of the regulation queries. */
import { regulationKinds } from '@app/domain';
import { DateField, DateOrInstantField, OneOfField, QueryInt, TextField } from '../http/field.decorators';
import { stages } from './regulation-view.dto';

export class ListRegulationsQueryDto {
  @TextField(100, { optional: true, description: 'Ward code (GET /catalogue; one the administrative units table does not hold: 422 UNIT.UNKNOWN)', example: 'hang-bac' })
  ward?: string;

  @OneOfField(
    regulationKinds.map((k) => k.id),
    { optional: true },
  )
  kind?: string;

  @TextField(300, {
    optional: true,
    description: `One stage or several separated by commas (${stages.join(', ')})`,
    example: 'submitted,under_review',
  })
  stage?: string;

  @TextField(200, { optional: true, description: 'Words in the title; case and Vietnamese diacritics are ignored', example: 'nep song' })
  q?: string;

  @DateField({ optional: true, description: 'Only regulations whose next legal deadline falls before this date' })
  dueBefore?: string;

  @TextField(500, { optional: true, description: 'The `nextCursor` of the previous page' })
  cursor?: string;

  @QueryInt(1, 100, { description: 'Page size, default 20' })
  limit?: number;
}

export class AsOfQueryDto {
  @DateOrInstantField({
    description: 'A civil date YYYY-MM-DD (the end of that day in Asia/Ho_Chi_Minh) or an ISO 8601 instant',
    example: '2025-04-15',
  })
  date!: string;
}
