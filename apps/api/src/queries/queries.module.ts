/** Regulation queries over the PostgreSQL projections, and the catalogue. */
import { Module } from '@nestjs/common';
import { CatalogueController } from '../catalogue/catalogue.controller';
import { RegulationQueriesController } from './regulation-queries.controller';
import { RegulationQueriesService } from './regulation-queries.service';
import { RegulationReadRepository } from './regulation-read.repository';

@Module({
  controllers: [RegulationQueriesController, CatalogueController],
  providers: [RegulationReadRepository, RegulationQueriesService],
  exports: [RegulationReadRepository],
})
export class QueriesModule {}
