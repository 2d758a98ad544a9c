import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ProgramSession } from './program-session.entity';
import { Program } from './program.entity';
import { ProgramNotFoundError, SessionNotFoundError } from './program.errors';

@Injectable()
export class ProgramService {
  constructor(
    @InjectRepository(Program) private readonly programs: Repository<Program>,
    @InjectRepository(ProgramSession) private readonly sessions: Repository<ProgramSession>,
  ) {}

  /** The program with its partners; ProgramNotFoundError (404) when there is none. */
  async get(id: string): Promise<Program> {
    const program = await this.programs.findOne({ where: { id }, relations: { partners: true } });
    if (!program) throw new ProgramNotFoundError();
    return program;
  }

  /** One session; SessionNotFoundError (404) when there is none. */
  async getSession(id: string): Promise<ProgramSession> {
    const session = await this.sessions.findOneBy({ id });
    if (!session) throw new SessionNotFoundError();
    return session;
  }
}
