/** The inbox's clock: "today" in Vietnam decides every task's aging. One provider, so tests can set the day. */
import { Injectable } from '@nestjs/common';
import { CivilDate, civilDateInVietnam } from '@app/domain';

@Injectable()
export class InboxClock {
  now(): number {
    return Date.now();
  }

  today(): CivilDate {
    return civilDateInVietnam(this.now());
  }
}
