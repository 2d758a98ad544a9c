import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { NotFoundError } from '../errors/domain-error';

/**
 * Path ids: a malformed id cannot name a record, so it is a 404 like an unknown one — never
 * a database error. Usage: `@Param('id', new ParseIdPipe('user')) id: string`.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly entity: string) {}

  transform(value: string): string {
    if (!isUUID(value, 'all')) {
      throw new NotFoundError('NOT_FOUND', `No ${this.entity} has this id.`);
    }
    return value.toLowerCase();
  }
}
