import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../migrations';

const { migrationFiles } = require('../../scripts/migration-index.js') as { migrationFiles: (dir: string) => string[] };

describe('migrations/index.ts', () => {
  const dir = join(__dirname, '..', '..', 'migrations');

  it('lists every migration file, in timestamp order', () => {
    const files = migrationFiles(dir);
    expect(files.length).toBeGreaterThan(0);
    const classes = files.map((file) => /export class (\w+)/.exec(readFileSync(join(dir, file), 'utf8'))?.[1]);
    expect(MIGRATIONS.map((migration) => migration.name)).toEqual(classes);
  });
});
