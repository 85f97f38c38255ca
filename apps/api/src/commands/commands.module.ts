/** Lifecycle commands over HTTP, sent to the regulation workflows as Temporal Updates. */
import { Module } from '@nestjs/common';
import { QueriesModule } from '../queries/queries.module';
import { RegulationCommandsController } from './regulation-commands.controller';
import { RegulationCommandsService } from './regulation-commands.service';

@Module({
  imports: [QueriesModule],
  controllers: [RegulationCommandsController],
  providers: [RegulationCommandsService],
})
export class CommandsModule {}
