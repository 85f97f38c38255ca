/**
 * OpenAPI schemas of the probes' answers. Public routes: they say up or down per dependency and nothing
 * more (no address, version, driver message or stack); the reason of a failure goes to the api's log.
 */
import { ApiProperty } from '@nestjs/swagger';

export type DependencyState = 'up' | 'down';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

export class ReadinessChecksDto {
  @ApiProperty({ enum: ['up', 'down'], description: 'PostgreSQL (the event store and its projections) answers SELECT 1' })
  database!: DependencyState;

  @ApiProperty({ enum: ['up', 'down'], description: 'the Temporal frontend answers GetSystemInfo' })
  temporal!: DependencyState;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'error'], description: '`ok` (200) when every dependency is up, else `error` (503)' })
  status!: 'ok' | 'error';

  @ApiProperty({ type: ReadinessChecksDto })
  checks!: ReadinessChecksDto;
}
