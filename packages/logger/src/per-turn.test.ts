import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index.ts';
import { perTurnDestination } from './per-turn.ts';

describe('perTurnDestination', () => {
  it('writes the lines of one turn in one write, in order, before the next turn', async () => {
    const writes: string[] = [];
    const logger = createLogger({
      service: 'test',
      level: 'info',
      destination: perTurnDestination({ write: (text) => writes.push(text) }),
    });
    logger.info({ n: 1 }, 'first');
    logger.info({ n: 2, password: 'hunter2hunter2' }, 'second');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    const lines = (writes[0] ?? '')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.n, line.msg])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    expect(writes[0]).not.toContain('hunter2');
    logger.info('third');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(2);
  });

  it('writes what is pending when the process exits in the same turn', () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `import { createLogger, perTurnDestination } from ${JSON.stringify(entry)};
      const logger = createLogger({ service: 'exit-test', level: 'info', destination: perTurnDestination() });
      logger.info('last words');
      process.exit(3);`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(3);
    expect(result.stdout).toContain('"msg":"last words"');
  });
});
