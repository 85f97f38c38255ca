/** The administrative units table's checks, global: commands, queries, the inbox, the catalogue and the token guard use them. */
import { Global, Module } from '@nestjs/common';
import { AdminUnitsService } from './admin-units.service';

@Global()
@Module({ providers: [AdminUnitsService], exports: [AdminUnitsService] })
export class AdminUnitsModule {}
