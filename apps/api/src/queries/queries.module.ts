/** Regulation queries over the PostgreSQL projections. */
import { Module } from '@nestjs/common';
import { RegulationQueriesController } from './regulation-queries.controller';
import { RegulationQueriesService } from './regulation-queries.service';
import { RegulationReadRepository } from './regulation-read.repository';

@Module({
  controllers: [RegulationQueriesController],
  providers: [RegulationReadRepository, RegulationQueriesService],
  exports: [RegulationReadRepository],
})
export class QueriesModule {}
