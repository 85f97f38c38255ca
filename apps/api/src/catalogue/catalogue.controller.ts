/**
 * Reference data for clients: the administrative units (from their table, with validity and successions), regulation
 * kinds and legal regimes with the source of each rule (from the domain's tables).
 */
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { addCalendarDays, legalRegimes, regimeTransitions, regulationKinds } from '@app/domain';
import { Access } from '../auth/access.decorators';
import { AdminUnitsService } from '../units/admin-units.service';
import { CatalogueDto } from './catalogue.dto';

const byEffectiveDate = [...legalRegimes].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));

const fixed: Omit<CatalogueDto, 'wards' | 'units' | 'reorganizations' | 'successions'> = {
  kinds: regulationKinds.map((k) => ({
    ...k,
    steps: [...k.steps],
    reviewOutcomes: [...k.reviewOutcomes],
    rules: k.rules ? { ...k.rules, sources: { ...k.rules.sources } } : null,
  })),
  regimes: byEffectiveDate.map((regime, i) => {
    const next = byEffectiveDate[i + 1];
    return {
      ...regime,
      dossierDocuments: [...regime.dossierDocuments],
      sources: { ...regime.sources },
      effectiveUntil: next ? addCalendarDays(next.effectiveFrom, -1) : null,
    };
  }),
  transitions: regimeTransitions.map((transition) => ({ ...transition, source: { ...transition.source } })),
};

@ApiTags('catalogue')
@Controller('catalogue')
export class CatalogueController {
  constructor(private readonly units: AdminUnitsService) {}

  @Get()
  @Access.authenticated()
  @ApiOperation({ summary: 'Administrative units with their validity and successions, regulation kinds and legal regimes, each rule with its source and confirmed/unconfirmed mark' })
  @ApiOkResponse({ type: CatalogueDto, description: 'ETag on its content' })
  @ApiResponse({ status: 304, description: 'Not modified' })
  async get(): Promise<CatalogueDto> {
    const { units, reorganizations, successions } = await this.units.list();
    return { wards: units.filter((u) => u.level === 'ward' || u.level === 'commune'), units, reorganizations, successions, ...fixed };
  }
}
