import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * Lets the bench profile exactly its measured run: the first SIGUSR2 starts V8's CPU profiler, the next
 * one writes `<dir>/<name>-<pid>-<n>.cpuprofile` (open it in Chrome DevTools, or sum it up with
 * profile-summary.ts). `--cpu-prof` would also record start-up,
 * the warm-up and the drain after the run, which swamp the part being measured.
 */
export function profileOnSignal(dir: string, name: string): void {
  let session: Session | undefined;
  let written = 0;
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!session) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        return;
      }
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(dir, `${name}-${process.pid}-${++written}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
      session = undefined;
      process.stdout.write('PROFILED\n');
    })();
  });
}
