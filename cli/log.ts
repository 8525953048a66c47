/**
 * The supervisor's terminal output: one prefixed line per message, a progress line per stage,
 * colour only on a terminal. Child processes' lines are prefixed with their part's name.
 */
const tty = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
export const color = { dim: paint(2), bold: paint(1), red: paint(31), green: paint(32), yellow: paint(33), cyan: paint(36), magenta: paint(35), blue: paint(34) };

const PREFIX_COLORS = [color.cyan, color.magenta, color.blue, color.yellow, color.green];
const width = 9;

export interface PartLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Writes a child's output, line by line, under this part's prefix. */
  pipe(chunk: Buffer | string): void;
}

let next = 0;
export function partLogger(name: string): PartLogger {
  const tint = PREFIX_COLORS[next++ % PREFIX_COLORS.length] ?? color.cyan;
  const prefix = tint(name.padEnd(width).slice(0, width)) + color.dim("│ ");
  let partial = "";
  const write = (line: string) => process.stdout.write(`${prefix}${line}\n`);
  return {
    info: write,
    warn: (m) => write(color.yellow(m)),
    error: (m) => write(color.red(m)),
    pipe(chunk) {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) write(line);
    },
  };
}

/** `[2/5] Applying migrations … done in 120 ms` */
export async function stage<T>(index: number, total: number, title: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`${color.bold(`[${index}/${total}]`)} ${title} …\n`);
  try {
    const result = await run();
    process.stdout.write(`${color.bold(`[${index}/${total}]`)} ${title} ${color.green("done")} ${color.dim(`in ${Math.round(performance.now() - started)} ms`)}\n`);
    return result;
  } catch (error) {
    process.stdout.write(`${color.bold(`[${index}/${total}]`)} ${title} ${color.red("failed")}\n`);
    throw error;
  }
}
