/** Query string of the reconciliation routes: one regulation, or every one when absent. */
import { IdField } from '../http/field.decorators';

export class ReconcileQueryDto {
  @IdField({ optional: true, description: 'Only this regulation; every regulation when absent' })
  regulation?: string;
}
