import { DataSource } from 'typeorm';
import { Task, TaskStatus } from '../../src/task/task.entity';

const HOUR = 60 * 60 * 1000;

export function buildTask(assigneeId: string, overrides: Partial<Task> = {}): Partial<Task> {
  return {
    title: 'Send the spring schedule',
    dueAt: new Date(Date.now() + 48 * HOUR),
    assigneeId,
    organizationId: null,
    programId: null,
    visitId: null,
    status: TaskStatus.Open,
    completedAt: null,
    ...overrides,
  };
}

/** Saves a task directly (no audit: use the API for that). */
export function persistTask(dataSource: DataSource, assigneeId: string, overrides: Partial<Task> = {}): Promise<Task> {
  const repo = dataSource.getRepository(Task);
  return repo.save(repo.create(buildTask(assigneeId, overrides)));
}
