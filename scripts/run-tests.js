// `npm test` after the build: the web app's component tests (Vitest) and all Jest projects at
// once. Jest's end-to-end suites spend much of their time waiting on PostgreSQL, Redis, child
// processes and timers, which leaves room for Vitest — with one worker, so that its component
// tests (React renders in jsdom, CPU-bound) are not starved beside Jest's three workers on a
// 2-CPU machine; it still finishes long before Jest. Vitest's output is kept until it is done and
// then printed whole, so the two never interleave; the exit code is non-zero if either failed.
// Extra arguments go to Jest.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, ...options });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function main() {
  console.log("tests: the web app's component tests (Vitest) run beside Jest; their report follows Jest's");
  const web = run(npm, ['run', 'test:web', '--silent', '--', '--maxWorkers=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const jest = run(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  const [jestResult, webResult] = await Promise.all([jest, web]);
  console.log("\n--- the web app's component tests (Vitest) ---");
  process.stdout.write(webResult.output);
  const failed = [jestResult.code !== 0 && 'Jest', webResult.code !== 0 && 'Vitest'].filter(Boolean);
  console.log(
    failed.length === 0 ? 'tests: Jest and Vitest passed' : `tests: ${failed.join(' and ')} failed (see above)`,
  );
  process.exit(failed.length === 0 ? 0 : 1);
}

void main();
