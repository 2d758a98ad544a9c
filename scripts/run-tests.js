// `npm test` after the build: all Jest projects, then the web app's component tests (Vitest,
// two workers). One after the other, not side by side: on a 2-CPU machine Vitest's jsdom renders
// (CPU-bound) beside Jest's three workers starved both, so timing-sensitive suites (fault
// injection, the worker process, Testing Library's waits) failed now and then. Vitest runs even
// when Jest failed, so one run reports both; the exit code is non-zero if either failed. Extra
// arguments go to Jest.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, ...options });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0) }));
  });
}

async function main() {
  const jest = await run(
    process.execPath,
    [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  console.log("\n--- the web app's component tests (Vitest) ---");
  const web = await run(npm, ['run', 'test:web', '--silent', '--', '--maxWorkers=2'], { stdio: 'inherit' });
  const failed = [jest.code !== 0 && 'Jest', web.code !== 0 && 'Vitest'].filter(Boolean);
  console.log(
    failed.length === 0 ? 'tests: Jest and Vitest passed' : `tests: ${failed.join(' and ')} failed (see above)`,
  );
  process.exit(failed.length === 0 ? 0 : 1);
}

void main();
