// npm run migration:generate -- AddProgramCapacity
// Applies pending migrations to DATABASE_URL, diffs it against the entities, writes the
// difference as migrations/<timestamp>-<Name>.ts and refreshes migrations/index.ts.
// The generated SQL is a draft: read and tidy it before committing.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { writeIndex } = require('./migration-index');

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('Give the migration a PascalCase name: npm run migration:generate -- AddProgramCapacity');
  process.exit(1);
}
const root = join(__dirname, '..');
const typeorm = join(root, 'node_modules', '.bin', 'typeorm');
const dataSource = join(root, 'dist', 'src', 'database', 'data-source.js');
try {
  console.log('Applying pending migrations first…');
  execFileSync(typeorm, ['migration:run', '-d', dataSource], { stdio: 'inherit', cwd: root });
  console.log(`Generating migrations/…-${name}.ts from the entity differences…`);
  execFileSync(typeorm, ['migration:generate', join('migrations', name), '-d', dataSource, '--pretty'], {
    stdio: 'inherit',
    cwd: root,
  });
} catch {
  process.exit(1);
}
const files = writeIndex();
console.log(`Done: migrations/index.ts lists ${files.length} migration(s). Review the SQL before committing.`);
