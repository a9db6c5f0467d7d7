import { Options, parseArgs, UsageError } from './args';
import { benchCommand } from './commands/bench';
import { probeCommand } from './commands/probe';
import { shCommand } from './commands/sh';
import { tpCommand } from './commands/tp';
import { trainCommand } from './commands/train';

export interface Command {
  summary: string;
  run(options: Options, rest: string[]): Promise<void>;
}

const commands: Record<string, Command> = {
  sh: shCommand,
  tp: tpCommand,
  bench: benchCommand,
  train: trainCommand,
  probe: probeCommand,
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `usage: npm run -s cli -- <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const { command, rest, options } = parseArgs(argv);
  if (!command || command === 'help' || options.has('help')) {
    process.stdout.write(usage());
    return command ? 0 : 2;
  }
  const cmd = commands[command];
  if (!cmd) throw new UsageError(`unknown command "${command}" (try: ${Object.keys(commands).join(', ')})`);
  await cmd.run(new Options(options), rest);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // One line on stderr: scripts read it, people understand it.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`gauntlet: ${message.replace(/\s+/g, ' ').trim()}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
