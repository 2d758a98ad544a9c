import { ConflictError } from '../common/errors/domain-error';

export class DemoLoadRunningError extends ConflictError {
  constructor() {
    super(
      'DEMO_LOAD_RUNNING',
      'The demo data is being loaded right now (by another admin, another tab, or npm run seed:demo). Wait until it has finished; loading it again afterwards adds nothing.',
    );
  }
}
