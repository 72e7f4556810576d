// The README is the operator's manual (config table, commands): a paragraph that starts mid-sentence is a merge
// leftover — one shipped at the end of "Analyses and reports" ("the key the run fails and …").
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../README.md'), 'utf8');

/** Prose paragraphs' first lines: outside code fences, not headings, tables or list items. */
function paragraphStarts(markdown: string): string[] {
  const starts: string[] = [];
  let inFence = false;
  let previous = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    else if (!inFence && previous.trim() === '' && line.trim() !== '' && !/^(#|\||- |\d+\. |>)/.test(line)) {
      starts.push(line);
    }
    previous = inFence ? 'x' : line;
  }
  return starts;
}

describe('README', () => {
  it('has no paragraph that starts mid-sentence', () => {
    const starts = paragraphStarts(readme);
    expect(starts.length).toBeGreaterThan(10);
    expect(starts.filter((line) => /^[a-z]/.test(line))).toEqual([]);
  });

  it('has no line that starts mid-sentence right after a paragraph ends', () => {
    // The leftover was glued to the end of a paragraph: a line ending a sentence, then one starting lowercase.
    const lines = readme.split('\n');
    const glued = lines.filter(
      (line, i) =>
        i > 0 && /^[a-z]/.test(line) && /[.!?]\)?$/.test(lines[i - 1] ?? '') && !line.startsWith('npm'),
    );
    expect(glued).toEqual([]);
  });
});
