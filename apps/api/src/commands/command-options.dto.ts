import { limits } from '@app/domain';
import { IntField, TextField } from '../http/field.decorators';

/** Fields every command body may carry besides its own: they go into the envelope, not the command. */
export class CommandOptionsDto {
  @IntField(0, 2_147_483_647, {
    optional: true,
    description: 'The version the client saw; a different current version refuses the command (409). Same as `If-Match`.',
  })
  expectedVersion?: number;

  @TextField(limits.reason, { optional: true, description: 'The legal basis of this step, recorded on the timeline', example: 'Nghị định 61/2023/NĐ-CP, Điều 5' })
  legalBasis?: string;
}
