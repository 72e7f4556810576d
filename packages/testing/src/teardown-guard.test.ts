// Test resources clean up after themselves (house style 11): a test holds a server, worker, sandbox, receiver or
// child process with `await using`, or shares one through `sharedResource`. This fails, naming file:line, on a
// test file that starts one and closes something by hand in afterEach/afterAll (or in a teardown returned from
// beforeEach/beforeAll), so the copied teardown blocks do not come back. Resetting state (faults, mocks, timers,
// temp dirs) in a hook is fine; so is closing a database in a data-layer unit test that starts nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...testFiles(path));
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const self = fileURLToPath(import.meta.url);
const files = ['apps', 'packages']
  .flatMap((parent) => readdirSync(join(root, parent)).map((name) => join(root, parent, name, 'src')))
  .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
  .flatMap(testFiles)
  // Its own samples below are hand teardowns on purpose.
  .filter((file) => file !== self);

/** The text between a hook call's parentheses (string contents are not special-cased: hooks hold plain code). */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

// What starts a server, worker, sandbox, receiver, proxy, pool or worker process: startTestServer(…),
// startSandboxedServer(…), startRunEnv(…), startTestWorker(…), startGongSandbox(…), startWebhookReceiver(…),
// startTokenProxy(…), spawnWorker(…), createServer(…), serve(…), createAnalysisPool(…), createGong(…), a transport.
const starts =
  /\b(start(Test|Another|Sandboxed|Run|Gong|Webhook|Token|Seeded)\w*|spawnWorker|createServer|serve|createAnalysisPool|createGong|create\w*Transport)\(/;
const hook = /\b(afterEach|afterAll|beforeEach|beforeAll)\s*\(/g;
// A call that ends a resource: x.close(), close?.(), worker?.close(), child.kill('SIGKILL'), db.dispose(),
// x[Symbol.asyncDispose](), or a list of closers/cleanups being run.
const teardown = /\b(close|kill|dispose|cleanup|stop)\s*(\?\.)?\(|asyncDispose/;
// In a before-hook only what it returns is teardown (Vitest runs a returned function after the tests).
const returnedTeardown =
  /\breturn\s*(async\s*)?\([^)]*\)\s*=>[^;]*\b(close|kill|dispose|cleanup|stop)\s*(\?\.)?\(/;

function handTeardowns(text: string): number[] {
  const lines: number[] = [];
  if (!starts.test(text)) return lines;
  for (const match of text.matchAll(hook)) {
    const body = argumentsAt(text, match.index + match[0].length - 1);
    const after = match[1]?.startsWith('after');
    if (after ? teardown.test(body) : returnedTeardown.test(body))
      lines.push(text.slice(0, match.index).split('\n').length);
  }
  return lines;
}

describe('test resources tear themselves down', () => {
  it('scans the test files of the apps and packages', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(
      files.some((f) => f.endsWith(join('apps', 'web', 'src', 'features', 'setup', 'SetupPage.test.tsx'))),
    ).toBe(true);
  });

  it('finds no file that starts a server, worker, sandbox or process and closes one by hand in a hook', () => {
    const problems = files.flatMap((file) =>
      handTeardowns(readFileSync(file, 'utf8')).map(
        (line) =>
          `${relative(root, file)}:${line} closes a resource in a hook: use \`await using\` in the test, or sharedResource() from @callmine/testing`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it('would catch each kind of hand teardown, and leaves state resets alone', () => {
    const caught = [
      'const server = await startTestServer();',
      'afterEach(async () => {\n  await server.close();\n});',
      'afterAll(() => env?.close());',
      'afterEach(async () => { await close?.(); });',
      "afterEach(() => { for (const child of children) child.kill('SIGKILL'); });",
      'afterEach(() => db.dispose());',
      'afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));',
      'afterEach(async () => { for (const c of cleanups.splice(0)) await c.cleanup(); });',
      'beforeAll(async () => { env = await start(); return () => env.close(); });',
    ];
    const inFile = (sample: string) => `${caught[0]}\n${sample}`;
    expect(caught.slice(1).map((sample) => handTeardowns(inFile(sample)).length)).toEqual(
      caught.slice(1).map(() => 1),
    );
    const fine = [
      'afterEach(() => sandbox.faults.reset());',
      'afterEach(() => { vi.restoreAllMocks(); vi.useRealTimers(); });',
      'afterEach(() => rmSync(dir, { recursive: true, force: true }));',
      'afterEach(async () => { await env.admin.integrations.gong.disconnect.mutate(); });',
      'beforeAll(async () => { await env.admin.setup.createOwner.mutate(owner); });',
    ];
    expect(fine.flatMap((sample) => handTeardowns(inFile(sample)))).toEqual([]);
    // A data-layer unit test that starts nothing may close its database in a hook.
    expect(
      handTeardowns('const opened = await openTestDatabase(dialect);\nafterEach(() => opened.close());'),
    ).toEqual([]);
  });
});
