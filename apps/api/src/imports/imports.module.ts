/** Onboarding of regulations already in force: the import template, the import upload and its progress. */
import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller';
import { ImportProgress } from './import-progress';

@Module({ controllers: [ImportsController], providers: [ImportProgress] })
export class ImportsModule {}
