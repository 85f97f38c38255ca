/** Query string of the reconciliation routes: one regulation, or a page of them in id order. */
import { IdField, QueryInt } from '../http/field.decorators';

export const RECONCILE_PAGE_SIZE = 100;

export class ReconcileQueryDto {
  @IdField({ optional: true, description: 'Only this regulation; a page of every regulation when absent' })
  regulation?: string;

  @IdField({ optional: true, description: 'The page after this regulation id (the `next` of the previous page)' })
  after?: string;

  @QueryInt(1, 1000, { description: `Regulations per page, default ${RECONCILE_PAGE_SIZE}` })
  limit?: number;
}
