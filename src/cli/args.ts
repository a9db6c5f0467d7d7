/** A user error in the command line or its input: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  command: string | undefined;
  rest: string[];
  options: Map<string, string | true>;
}

/** `cmd sub --key value --flag --no-thing` → command, positional rest, options (`--no-x` → `no-x`). */
export function parseArgs(argv: string[]): ParsedArgs {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (eq >= 0) options.set(key, arg.slice(eq + 1));
    else if (key.startsWith('no-') || i + 1 >= argv.length || argv[i + 1].startsWith('--'))
      options.set(key, true);
    else options.set(key, argv[++i]);
  }
  return { command: positional[0], rest: positional.slice(1), options };
}

/** Typed access to options, refusing unknown ones so typos do not pass silently. */
export class Options {
  private readonly used = new Set<string>();
  constructor(private readonly options: Map<string, string | true>) {}

  string(key: string, fallback?: string): string | undefined {
    this.used.add(key);
    const v = this.options.get(key);
    if (v === true) throw new UsageError(`--${key} needs a value`);
    return v ?? fallback;
  }

  choice<T extends string>(key: string, choices: readonly T[], fallback: T): T {
    const v = this.string(key, fallback)!;
    if (!choices.includes(v as T))
      throw new UsageError(`--${key} must be one of ${choices.join(', ')} (got "${v}")`);
    return v as T;
  }

  int(key: string, range: [number, number], fallback?: number): number {
    const v = this.string(key);
    if (v === undefined) {
      if (fallback === undefined) throw new UsageError(`--${key} is required`);
      return fallback;
    }
    const n = Number(v);
    if (!Number.isInteger(n) || n < range[0] || n > range[1]) {
      throw new UsageError(`--${key} must be an integer from ${range[0]} to ${range[1]} (got "${v}")`);
    }
    return n;
  }

  flag(key: string): boolean {
    this.used.add(key);
    const v = this.options.get(key);
    if (v !== undefined && v !== true) throw new UsageError(`--${key} takes no value`);
    return v === true;
  }

  /** Call after reading every option a command knows. */
  rejectUnknown(): void {
    const unknown = [...this.options.keys()].filter((k) => !this.used.has(k));
    if (unknown.length) throw new UsageError(`unknown option ${unknown.map((k) => `--${k}`).join(', ')}`);
  }
}
