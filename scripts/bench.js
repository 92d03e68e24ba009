// Benchmark of the budgets in the foundation issue. Prints medians [min-max] of wall time and of CPU time (user + sys of
// the command and every child it waited for: GNU time's %U + %S; on a shared machine CPU is the steadier figure), and
// the peak RSS of the largest process (%M), after one unmeasured warm-up. Runs A/B interleaved so noise hits both.
//   npm run bench               synth (fast path vs the `cdktf init` default way) and npm test
//   npm run bench -- --runs 15  more runs;  --no-test  skip npm test
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const { parseCli } = require("./lib/args.js");
const { listStacks } = require("./lib/cdktf-out.js");

const root = path.resolve(__dirname, "..");
const args = parseCli("bench", process.argv.slice(2), { values: ["--runs"], flags: ["--no-test"] },
  "usage: npm run bench [-- --runs 9] [--no-test]");
const runs = Number(args.runs) || 9;
const GNU_TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const env = { ...process.env, CHECKPOINT_DISABLE: "1" };

function measure(command) {
  const started = process.hrtime.bigint();
  const argv = GNU_TIME ? [GNU_TIME, "-f", "BENCH_RSS_KB=%M BENCH_CPU=%U+%S", "sh", "-c", command] : ["sh", "-c", command];
  const run = spawnSync(argv[0], argv.slice(1), { cwd: root, env, encoding: "utf8", maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`"${command}" failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  const rss = /BENCH_RSS_KB=(\d+)/.exec(run.stderr);
  const cpu = /BENCH_CPU=([\d.]+)\+([\d.]+)/.exec(run.stderr);
  return { seconds, rssMiB: rss ? Number(rss[1]) / 1024 : NaN, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const summary = (samples) => {
  const secs = samples.map((s) => s.seconds);
  const cpu = samples.map((s) => s.cpuSeconds);
  return { median: median(secs), min: Math.min(...secs), max: Math.max(...secs), cpuMedian: median(cpu), cpuMin: Math.min(...cpu), cpuMax: Math.max(...cpu),
    peakMiB: Math.max(...samples.map((s) => s.rssMiB)), n: samples.length };
};
const fmt = (s) => `${s.median.toFixed(3)} s [${s.min.toFixed(3)}-${s.max.toFixed(3)}], CPU ${s.cpuMedian.toFixed(1)} s [${s.cpuMin.toFixed(1)}-${s.cpuMax.toFixed(1)}], peak ${s.peakMiB.toFixed(0)} MiB, N=${s.n}`;

const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
const commands = {
  fast: `CDKTF_OUTDIR=${out}/fast npm run --silent synth`,
  // The `cdktf init` TypeScript template's way: the CLI runs `npx ts-node main.ts` (type-checks on every synth).
  template: `./node_modules/.bin/cdktf synth --app "npx ts-node main.ts" --output ${out}/template`,
};

measure(commands.fast); // warm-up (also builds the bundle if sources changed)
measure(commands.template);
const fast = [], template = [], ratios = [];
const templateRuns = Math.max(3, Math.ceil(runs / 2));
for (let i = 0; i < runs; i++) {
  const a = measure(commands.fast);
  fast.push(a);
  if (i < templateRuns) {
    const b = measure(commands.template);
    template.push(b);
    ratios.push(b.seconds / a.seconds);
  }
}
const identical = listStacks(`${out}/fast`).every((s) =>
  fs.readFileSync(s.file, "utf8") === fs.readFileSync(path.join(`${out}/template`, path.relative(`${out}/fast`, s.file)), "utf8"));

const results = { synth: summary(fast), templateSynth: summary(template), pairedSpeedup: median(ratios), identicalOutput: identical };
console.log(`npm run synth (all environments):       ${fmt(results.synth)}`);
console.log(`cdktf synth, app "npx ts-node main.ts":  ${fmt(results.templateSynth)}`);
console.log(`paired speed-up (template / fast):       ${results.pairedSpeedup.toFixed(1)}x median of ${ratios.length} pairs; output identical: ${identical}`);

if (!args.noTest) {
  const tests = [];
  for (let i = 0; i < 3; i++) tests.push(measure("npm test --silent >/dev/null 2>&1"));
  results.npmTest = summary(tests);
  console.log(`npm test (type-check, lint, jest):       ${fmt(results.npmTest)}`);
}

// Issue 20's: synth no slower than when it was filed (~0.9 s, 11-12x faster than the template way; the foundation's
// 0.6 s was for 10 stacks and ~340 resources), npm test within 25 s. Absolute times move with the machine's load,
// the paired speed-up much less.
const budgets = [
  ["synth median <= 1.0 s", results.synth.median <= 1.0],
  ["synth peak RSS <= 150 MB", results.synth.peakMiB * 1.048576 <= 150],
  ["synth >= 11x faster than the template way (paired)", results.pairedSpeedup >= 11],
  ...(results.npmTest ? [["npm test median <= 25 s", results.npmTest.median <= 25]] : []),
];
for (const [name, ok] of budgets) console.log(`${ok ? "within" : "OVER  "} budget: ${name}`);
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(root, ".bench"), { recursive: true });
fs.writeFileSync(path.join(root, ".bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
