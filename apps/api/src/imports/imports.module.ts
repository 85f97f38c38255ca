/** Onboarding of regulations already in force: the import template and the import upload. */
import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller';

@Module({ controllers: [ImportsController] })
export class ImportsModule {}
