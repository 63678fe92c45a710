/** Runs a CLI entry with the process's streams and turns its answer (or failure) into the exit code. */
export function runCli(
  run: (io: { out: (line: string) => void; err: (line: string) => void }) => Promise<number>,
): void {
  run({ out: (line) => console.log(line), err: (line) => console.error(line) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
