/** OpenAPI schema of a command's answer: the regulation's new version, stage and next actions, after the events committed. */
import { ApiProperty } from '@nestjs/swagger';
import { commandTypes } from '@app/domain';
import { stages } from '../queries/regulation-view.dto';

export class CommandEventDto {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'DraftRevised' })
  type!: string;

  @ApiProperty({ example: 2 })
  streamPosition!: number;
}

export class CommandResultDto {
  @ApiProperty({ example: 'hang-bac-tdp3-nep-song-van-minh' })
  regulationId!: string;

  @ApiProperty({ description: 'The Idempotency-Key, or the id the api generated' })
  commandId!: string;

  @ApiProperty({ description: 'Stream version after the command; send it back as If-Match', example: 2 })
  version!: number;

  @ApiProperty({ enum: stages })
  stage!: string;

  @ApiProperty({ enum: commandTypes, isArray: true })
  allowedActions!: string[];

  @ApiProperty({ type: [CommandEventDto] })
  events!: CommandEventDto[];
}
