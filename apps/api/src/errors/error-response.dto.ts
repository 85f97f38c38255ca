/** OpenAPI schema of the api's one error shape. */
import { ApiProperty } from '@nestjs/swagger';
import { domainErrorStatus, importFileErrorStatus, importProgressErrorStatus, reportErrorStatus, requestErrorStatus, unitErrorStatus } from './error-status';

export const errorCodes = [...Object.keys(domainErrorStatus), ...Object.keys(requestErrorStatus), ...Object.keys(reportErrorStatus), ...Object.keys(unitErrorStatus), ...Object.keys(importFileErrorStatus), ...Object.keys(importProgressErrorStatus)].sort();

export class ErrorResponseDto {
  @ApiProperty({ enum: errorCodes, description: 'Stable error code; clients branch on it, never on the message' })
  code!: string;

  @ApiProperty({ example: 'RecordVote is not allowed when the regulation is drafting' })
  message!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Facts about the refusal: `field` for invalid input, `actualVersion` for a stale version, `allowedActions` for a wrong stage',
    example: { command: 'RecordVote', stage: 'drafting', allowedActions: ['ReviseDraft', 'OpenConsultation', 'Withdraw'] },
  })
  details!: Record<string, unknown>;
}
