// After each test, a moment for the event loop. A vitest worker's calls to the runner time out after 60 s, and
// their replies are read only when the loop polls: a file of tests that each block it (a `lab` child process
// run synchronously) would otherwise leave the replies unread past 60 s, and a run whose tests all passed
// fails ("Timeout calling onTaskUpdate"). A setImmediate turn is not enough for the reply to be read; 20 ms is.
import { afterEach } from 'vitest';

afterEach(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
