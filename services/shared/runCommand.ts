/**
 * Runs a command-line entry point: its answer is the exit code, and a crash prints its stack and exits 1. Through
 * `process.exitCode`, never `process.exit`, so output still being written reaches the terminal.
 */
export function runCommand(main: (args: readonly string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
