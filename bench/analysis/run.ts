// Part 1 — 100 trackers over ≥ 200 MB of generated transcript text: the Aho–Corasick matcher of @callmine/analysis
// against the obvious alternative, one case-insensitive Unicode regex per tracker (phrases longest first, so
// the regex also takes the longest phrase at each position). Both count per sentence, as analyze() does, and
// must agree. Single-threaded, so MB/s is per core. Run: npx -y pnpm@12.4.2 exec tsx bench/analysis/run.ts
// Optional arguments: total MB (default 200) and baseline MB (default 20: the baseline is slow; its MB/s is
// measured on that prefix of the same corpus).
// Part 2 — the whole analyze() (trackers, questions, themes, talk) over generated calls (third argument: MB,
// default 20), before and after issue 16 in the same run: "before" is the engine as it was (baseline/, the n-gram
// themes and the old question grouping), "after" is @callmine/analysis. One thread, so MB/s is per core.
import os from 'node:os';
import { analyze, TrackerMatcher } from '@callmine/analysis';
import { analyzeBaseline } from './baseline/analyze.ts';
import { benchCalls } from './calls.ts';
import { benchSentences, benchTrackers, mulberry32, vocabulary } from './corpus.ts';

const MB = 1024 * 1024;
const totalMb = Number(process.argv[2] ?? 200);
const baselineMb = Number(process.argv[3] ?? 20);
const analyzeMb = Number(process.argv[4] ?? 20);

const random = mulberry32(20261129);
const words = vocabulary(random, 5000);
const trackers = benchTrackers(random, vocabulary(mulberry32(7), 800));
const phrases = trackers.flatMap((t) => t.phrases.map((p) => p.phrase));
console.log(`generating ${totalMb} MB of sentences…`);
const { sentences, bytes } = benchSentences(random, words, phrases, totalMb * MB);
console.log(`${sentences.length.toLocaleString()} sentences, ${(bytes / MB).toFixed(1)} MB (UTF-8)`);

function timed<T>(work: () => T): { value: T; seconds: number } {
  const start = process.hrtime.bigint();
  const value = work();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const matcher = new TrackerMatcher(trackers);
const countAll = (upTo: number) => {
  const counts = new Array<number>(trackers.length).fill(0);
  for (let i = 0; i < upTo; i++) for (const m of matcher.matchSentence(sentences[i]!)) counts[m.tracker]!++;
  return counts;
};
// Warm-up for the JIT: V8 needs a few hundred thousand calls before the scan loop runs optimised.
for (let round = 0; round < 3; round++) countAll(Math.min(sentences.length, 200_000));
const automaton = timed(() => countAll(sentences.length));
const automatonMbps = bytes / MB / automaton.seconds;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const regexes = trackers.map(
  (t) =>
    new RegExp(
      `(?<![\\p{L}\\p{N}\\p{M}_])(?:${[...t.phrases]
        .map((p) => p.phrase)
        .sort((a, b) => b.length - a.length)
        .map(escapeRegex)
        .join('|')})(?![\\p{L}\\p{N}\\p{M}_])`,
      'giu',
    ),
);
let prefix = 0;
let prefixBytes = 0;
while (prefix < sentences.length && prefixBytes < baselineMb * MB) {
  prefixBytes += Buffer.byteLength(sentences[prefix]!, 'utf8');
  prefix++;
}
const baseline = timed(() => {
  const counts = new Array<number>(trackers.length).fill(0);
  for (let i = 0; i < prefix; i++) {
    const sentence = sentences[i]!;
    regexes.forEach((re, t) => {
      counts[t]! += sentence.match(re)?.length ?? 0;
    });
  }
  return counts;
});
const baselineMbps = prefixBytes / MB / baseline.seconds;

const agree = JSON.stringify(countAll(prefix)) === JSON.stringify(baseline.value);
const mentions = automaton.value.reduce((a, b) => a + b, 0);
console.log(`cpu: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores; this run uses one)`);
console.log(
  `aho-corasick: ${(bytes / MB).toFixed(1)} MB in ${automaton.seconds.toFixed(2)} s = ${automatonMbps.toFixed(1)} MB/s per core, ${mentions.toLocaleString()} mentions`,
);
console.log(
  `regex per tracker: ${(prefixBytes / MB).toFixed(1)} MB in ${baseline.seconds.toFixed(2)} s = ${baselineMbps.toFixed(1)} MB/s per core`,
);
console.log(
  `ratio: ${(automatonMbps / baselineMbps).toFixed(1)}×; counts agree on the baseline's prefix: ${agree ? 'yes' : 'NO'}`,
);
console.log(
  `goal ≥ 50 MB/s: ${automatonMbps >= 50 ? 'met' : 'missed'}; goal ≥ 10×: ${automatonMbps / baselineMbps >= 10 ? 'met' : 'missed'}`,
);
if (!agree) process.exitCode = 1;

// Part 2: the whole engine, before and after.
console.log(`\ngenerating ${analyzeMb} MB of calls for analyze()…`);
const callWords = vocabulary(mulberry32(99), 3000);
const corpus = benchCalls(mulberry32(2026), callWords, phrases, analyzeMb * MB);
const warmUp = benchCalls(mulberry32(7), callWords, phrases, 1 * MB);
const settings = { trackers, topN: 50, evidenceLimit: 50 };
const firstUse = timed(() =>
  analyze({ calls: warmUp.calls.slice(0, 5), transcripts: warmUp.transcripts.slice(0, 5) }, settings),
);
console.log(`first analyze() in this process (loads the tagger's model): ${firstUse.seconds.toFixed(2)} s`);
const threads = 1;
const engines = [
  { name: 'before (n-gram themes)', run: analyzeBaseline },
  { name: 'after (noun-phrase themes, deal slices)', run: analyze },
] as const;
const figures: Record<string, number> = {};
// Besides wall time, the process's CPU time (user + system, GC helper threads included, so never flattering): on a
// shared machine the wall clock also counts the time other processes held the core.
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
for (const engine of engines) {
  engine.run(warmUp, settings);
  const cpuBefore = cpuSeconds();
  const { seconds, value } = timed(() => engine.run(corpus, settings));
  const cpu = cpuSeconds() - cpuBefore;
  const mbps = corpus.bytes / MB / seconds / threads;
  figures[engine.name] = mbps;
  console.log(
    `analyze() ${engine.name}: ${(corpus.bytes / MB).toFixed(1)} MB, ${corpus.calls.length} calls in ${seconds.toFixed(2)} s = ${mbps.toFixed(1)} MB/s per core (${threads} thread); CPU ${cpu.toFixed(2)} s = ${(corpus.bytes / MB / cpu).toFixed(1)} MB per CPU-second; ${value.themes?.themes.length ?? 0} themes, ${value.questions?.groups.length ?? 0} question groups`,
  );
}
const after = figures[engines[1].name]!;
console.log(
  `analyze() after ÷ before: ${(after / figures[engines[0].name]!).toFixed(2)}; goal ≥ 10 MB/s per core: ${after >= 10 ? 'met' : 'missed'}`,
);
