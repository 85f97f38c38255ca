/** The supervisors' dashboard in the browser (GET /dashboard), a client of the inbox and regulation queries. */
import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';

@Module({ controllers: [DashboardController] })
export class DashboardModule {}
