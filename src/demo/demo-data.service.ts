import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import { DemoLoadRunningError } from './demo.errors';
import { DEMO_LOAD_LOCKED, withDemoLoadLock } from './demo-load-lock';
import type { DemoLoadStatus } from './dto/demo-data.dto';
import { SeedResult, seedDemo, summaryLine } from './seed-demo';
import type { DemoServices } from './seed-outreach';

/** The latest demo load of this process, as GET /demo-data shows it. */
export interface DemoLoadState {
  status: DemoLoadStatus;
  startedAt: Date | null;
  finishedAt: Date | null;
  progress: string[];
  summary: string | null;
  error: string | null;
}

const IDLE: DemoLoadState = {
  status: 'idle',
  startedAt: null,
  finishedAt: null,
  progress: [],
  summary: null,
  error: null,
};

/**
 * Loads the demo data set from the running app (POST /api/v1/demo-data): the same seed as
 * `npm run seed:demo` (src/demo/seed-demo.ts), acting as the admin who asked: how someone trying
 * Tandem in the browser gets the demo. One load at a time: in this process by a flag set before
 * the first await, across processes by an advisory lock.
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);
  private state: DemoLoadState = IDLE;

  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The latest load in this process, with its progress lines so far (a copy). */
  current(): DemoLoadState {
    return { ...this.state, progress: [...this.state.progress] };
  }

  /**
   * Loads whatever of the demo data is missing and reports what it did. 409 while another load
   * runs (here or in another process); what a failed load added stays, and loading again adds
   * the rest.
   */
  async load(actor: AuthUser): Promise<{ result: SeedResult; summary: string; progress: string[] }> {
    if (this.state.status === 'running') throw new DemoLoadRunningError();
    const previous = this.state;
    const startedAt = this.clock.now();
    const run: DemoLoadState = { ...IDLE, status: 'running', startedAt };
    this.state = run;
    try {
      const outcome = await withDemoLoadLock(this.dataSource, () =>
        seedDemo(this.services(), (line) => run.progress.push(line), { actor }),
      );
      if (outcome === DEMO_LOAD_LOCKED) {
        this.state = previous;
        throw new DemoLoadRunningError();
      }
      const summary = summaryLine(outcome);
      const finishedAt = this.clock.now();
      Object.assign(run, { status: 'done', finishedAt, summary });
      const ms = finishedAt.getTime() - startedAt.getTime();
      this.logger.log(
        { actorId: actor.id, created: outcome.created, unchanged: outcome.unchanged, ms },
        'demo data loaded',
      );
      return { result: outcome, summary, progress: [...run.progress] };
    } catch (error) {
      if (this.state === run) {
        // Domain errors say in words what to fix; anything else the error filter logs, and is not shown.
        const message =
          error instanceof DomainError
            ? error.message
            : 'An unexpected error stopped it; the server log has the details.';
        Object.assign(run, { status: 'failed', finishedAt: this.clock.now(), error: message });
      }
      throw error;
    }
  }

  /** The app's services wherever they are declared, as the seed expects from an application context. */
  private services(): DemoServices {
    return { get: (token) => this.moduleRef.get(token, { strict: false }) };
  }
}
