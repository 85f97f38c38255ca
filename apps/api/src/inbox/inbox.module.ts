/** The supervisors' inbox over the `approval_tasks` projection, with its live stream from PostgreSQL notifications. */
import { Module } from '@nestjs/common';
import { InboxClock } from './inbox-clock';
import { InboxCountsCache } from './inbox-counts.cache';
import { InboxController } from './inbox.controller';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { TaskChangeListener } from './task-change.listener';

@Module({
  controllers: [InboxController],
  providers: [InboxClock, InboxCountsCache, InboxRepository, InboxService, TaskChangeListener],
})
export class InboxModule {}
