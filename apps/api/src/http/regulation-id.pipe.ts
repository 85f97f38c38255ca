/** A path id that no regulation could have is answered 404 at once, without asking Temporal or PostgreSQL. */
import { Injectable, PipeTransform } from '@nestjs/common';
import { RegulationNotFoundError } from '@app/domain';
import { isRegulationId } from './field.decorators';

@Injectable()
export class RegulationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isRegulationId(value)) throw new RegulationNotFoundError(value.slice(0, 100));
    return value;
  }
}
