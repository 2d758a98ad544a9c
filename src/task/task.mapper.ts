import type { TaskResponseDto } from './dto/task.dto';
import type { Task } from './task.entity';

/** The one shape a task leaves the API in (lists and reads). */
export function toTaskResponse(task: Task): TaskResponseDto {
  return {
    id: task.id,
    version: task.version,
    title: task.title,
    dueAt: task.dueAt.toISOString(),
    assigneeId: task.assigneeId,
    organizationId: task.organizationId,
    programId: task.programId,
    visitId: task.visitId,
    status: task.status,
    completedAt: task.completedAt ? task.completedAt.toISOString() : null,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}
