// Builds the server and the web app only when their sources changed since the last build, so
// a second `npm start` with nothing changed starts at once. The fingerprint of a build is the
// path, size and modification time of every input; it is kept in dist/ after a build succeeds.
// Usage: node scripts/build-if-stale.js [server|web ...]   (default: both)
// Both include packages/shared (@tandem/shared): the server runs its build, the web app bundles it.
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');

const TARGETS = {
  server: {
    inputs: [
      'src',
      'migrations',
      'packages/shared/src',
      'packages/shared/package.json',
      'packages/shared/tsconfig.json',
      'packages/shared/tsconfig.build.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'package.json',
      'package-lock.json',
    ],
    // The server needs @tandem/shared's build too (Node loads packages/shared/dist).
    outputs: ['dist/src/main.js', 'packages/shared/dist/index.js'],
    command: ['run', 'build:server', '--silent'],
  },
  web: {
    inputs: [
      'web/src',
      'web/public',
      'web/index.html',
      'web/vite.config.ts',
      'web/scripts',
      'web/tsconfig.json',
      'web/package.json',
      'packages/shared/src',
      'packages/shared/package.json',
      'package-lock.json',
    ],
    outputs: ['web/dist/index.html'],
    command: ['run', 'build:web', '--silent'],
  },
};

function walk(path, into) {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path).sort()) walk(join(path, entry), into);
  } else {
    into.push(`${relative(root, path)}\t${stat.size}\t${stat.mtimeMs}`);
  }
}

function fingerprint(target) {
  const lines = [];
  for (const input of target.inputs) walk(join(root, input), lines);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

const label = (name) => (name === 'web' ? 'web app' : name);
const stampOf = (name) => join(root, 'dist', `.build-${name}.fingerprint`);

const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(TARGETS);
for (const name of names) {
  const target = TARGETS[name];
  if (!target) {
    console.error(`build-if-stale: unknown target "${name}" (use ${Object.keys(TARGETS).join(' or ')})`);
    process.exit(2);
  }
  const before = fingerprint(target);
  const stamp = stampOf(name);
  const built = target.outputs.every((output) => existsSync(join(root, output)));
  if (built && existsSync(stamp) && readFileSync(stamp, 'utf8') === before) {
    console.log(`build: the ${label(name)} is up to date`);
    continue;
  }
  console.log(`build: building the ${label(name)} (its sources changed since the last build)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, target.command, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: building the ${label(name)} failed (see above); fix it and run the command again.`);
    process.exit(result.status ?? 1);
  }
  mkdirSync(join(root, 'dist'), { recursive: true });
  // The fingerprint of the sources as they were when the build began: an edit made during the
  // build makes the next start build again.
  writeFileSync(stamp, before);
}
