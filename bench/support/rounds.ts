/**
 * What every benchmark shares: sides measured in alternating rounds whose order rotates each
 * round (background load that comes and goes then hits every side alike, and no side always
 * runs first or warm), medians, and the line that prints a ratio beside its goal.
 */

/** The middle value (upper middle for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs `rounds` rounds of every side, the order rotated by one each round; returns each side's samples. */
export async function rotatedRounds<Name extends string, Sample>(
  rounds: number,
  sides: Record<Name, () => Promise<Sample>>,
): Promise<Record<Name, Sample[]>> {
  const names = Object.keys(sides) as Name[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<Name, Sample[]>;
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < names.length; i += 1) {
      const name = names[(round + i) % names.length] as Name;
      samples[name].push(await sides[name]());
    }
  }
  return samples;
}

/** A goal a ratio must stay at or under (`max`) or reach (`min`). */
export type Goal = { max: number } | { min: number };

/** "≤ 1.5×" / "≥ 0.6" and whether `ratio` meets it. */
export function judge(ratio: number, goal: Goal): { text: string; met: boolean } {
  return 'max' in goal
    ? { text: `goal ≤ ${goal.max}×`, met: ratio <= goal.max }
    : { text: `goal ≥ ${goal.min}`, met: ratio >= goal.min };
}

/** One printed result line: the ratio, its goal and whether it was met. */
export function ratioLine(label: string, ratio: number, goal: Goal, detail = ''): string {
  const { text, met } = judge(ratio, goal);
  return `${label}: ${ratio.toFixed(2)}  (${text}: ${met ? 'met' : 'NOT met'})${detail ? `  ${detail}` : ''}`;
}

/** Milliseconds with one decimal. */
export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Wall-clock and CPU milliseconds of one timed call (CPU of this whole process, servers included). */
export interface Timing {
  wall: number;
  cpu: number;
}

/** Times `work`; what it returns is handed to `check` untimed (to prove the work was done). */
export async function timed<T>(
  work: () => Promise<T>,
  check: (value: T) => void = () => {},
): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  check(value);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/** Medians of a side's timings, and the median of the per-round wall-clock ratios `side ÷ base`. */
export function compare(side: Timing[], base: Timing[]): { wall: number; cpu: number; ratio: number } {
  return {
    wall: median(side.map((t) => t.wall)),
    cpu: median(side.map((t) => t.cpu)),
    ratio: median(side.map((t, i) => t.wall / (base[i] as Timing).wall)),
  };
}

/** "12.3 ms (CPU 8.1 ms)". */
export const timing = (t: { wall: number; cpu: number }) => `${ms(t.wall).padStart(9)}  (CPU ${ms(t.cpu)})`;

/** What a side-by-side benchmark found: both sides' median wall time, the median ratio, the verdict. */
export interface SideBySideResult {
  gatehouse: number;
  bare: number;
  ratio: number;
  met: boolean;
  /** 1 when the benchmark could not run here, else 0. */
  failed: number;
}

/** Says why benchmark `name` did not run, and the result that counts it as failed. */
export function notRun(name: string, reason: string): SideBySideResult {
  console.log(`${name}: NOT RUN — ${reason}\n`);
  return { gatehouse: Number.NaN, bare: Number.NaN, ratio: Number.NaN, met: false, failed: 1 };
}

/** The result of Gatehouse's side (`ours`, compared against `bare`) judged against `goal`. */
export function sideBySideResult(
  ours: { wall: number; ratio: number },
  bare: { wall: number },
  goal: Goal,
): SideBySideResult {
  return {
    gatehouse: ours.wall,
    bare: bare.wall,
    ratio: ours.ratio,
    met: judge(ours.ratio, goal).met,
    failed: 0,
  };
}
