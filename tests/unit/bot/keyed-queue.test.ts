import { KeyedQueue } from '../../../bot/inbox/keyed-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedQueue', () => {
  it('runs one key in order and different keys in parallel, within the limit', async () => {
    const queue = new KeyedQueue(2);
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const task = (name: string) => async () => {
      running++;
      peak = Math.max(peak, running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
    };
    for (const name of ['a1', 'a2', 'a3']) void queue.push('a', task(name));
    for (const name of ['b1', 'c1', 'd1']) void queue.push(name[0] ?? '', task(name));
    await queue.drain();
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('end a2')).toBeLessThan(log.indexOf('start a3'));
    expect(peak).toBe(2);
    expect(log).toHaveLength(12);
  });

  it('keeps going after a task fails', async () => {
    const queue = new KeyedQueue(1);
    const done: number[] = [];
    await expect(queue.push('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await queue.push('k', async () => void done.push(2));
    expect(done).toEqual([2]);
  });
});
