import type { Closure } from './closure.entity';
import type { ClosureResponseDto } from './dto/closure.dto';

export function toClosureResponse(closure: Closure): ClosureResponseDto {
  return { id: closure.id, date: closure.date, name: closure.name, createdAt: closure.createdAt.toISOString() };
}
