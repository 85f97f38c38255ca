/** OpenAPI schema of a terminus health result. */
import { ApiProperty } from '@nestjs/swagger';

export class HealthResultDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty({ type: 'object', additionalProperties: true, example: { postgres: { status: 'up' }, temporal: { status: 'up' } } })
  info!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, example: {} })
  error!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;
}
