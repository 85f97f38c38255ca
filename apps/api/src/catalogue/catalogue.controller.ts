/** Reference data for clients: wards, regulation kinds and legal regimes with the source of each rule, straight from the domain's tables. */
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { addCalendarDays, legalRegimes, regulationKinds, wards } from '@app/domain';
import { Access } from '../auth/access.decorators';
import { CatalogueDto } from './catalogue.dto';

const byEffectiveDate = [...legalRegimes].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));

const catalogue: CatalogueDto = {
  wards: wards.map((w) => ({ ...w })),
  kinds: regulationKinds.map((k) => ({ ...k, steps: [...k.steps], reviewOutcomes: [...k.reviewOutcomes] })),
  regimes: byEffectiveDate.map((regime, i) => {
    const next = byEffectiveDate[i + 1];
    return {
      ...regime,
      dossierDocuments: [...regime.dossierDocuments],
      sources: { ...regime.sources },
      effectiveUntil: next ? addCalendarDays(next.effectiveFrom, -1) : null,
    };
  }),
};

@ApiTags('catalogue')
@Controller('catalogue')
export class CatalogueController {
  @Get()
  @Access.authenticated()
  @ApiOperation({ summary: 'Wards, regulation kinds and legal regimes, each rule with its source and confirmed/unconfirmed mark' })
  @ApiOkResponse({ type: CatalogueDto, description: 'ETag on its content' })
  @ApiResponse({ status: 304, description: 'Not modified' })
  get(): CatalogueDto {
    return catalogue;
  }
}
