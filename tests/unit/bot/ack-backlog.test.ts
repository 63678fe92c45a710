import { AckBacklog } from '../../../bot/inbox/ack-backlog';

test('the oldest unanswered request sets the wait, whatever order requests are answered in', () => {
  const backlog = new AckBacklog();
  expect(backlog.oldestWaitMs(1_000)).toBe(0);
  const first = backlog.begin(100);
  const second = backlog.begin(400);
  const third = backlog.begin(900);
  expect(backlog.oldestWaitMs(1_000)).toBe(900);
  second();
  expect(backlog.oldestWaitMs(1_000)).toBe(900);
  first();
  expect(backlog.oldestWaitMs(1_000)).toBe(100);
  third();
  expect(backlog.oldestWaitMs(1_000)).toBe(0);
});

test('answering twice is harmless', () => {
  const backlog = new AckBacklog();
  const done = backlog.begin(0);
  const later = backlog.begin(50);
  done();
  done();
  expect(backlog.oldestWaitMs(100)).toBe(50);
  later();
});
