/**
 * A worker module for the tests of TimeLimitedWorker: one job that never
 * ends (as pdf-lib did on a truncated PNG), and one that answers.
 */
import { AppError } from '../../../shared/errors';
import { serveJobs } from '../rendering/worker-jobs';

serveJobs({
  spin: () => {
    for (;;) {
      // A synchronous loop: only ending the thread stops it.
    }
  },
  echo: (input: { bytes: Buffer }) => ({ length: input.bytes.length, isBuffer: Buffer.isBuffer(input.bytes), bytes: Buffer.concat([input.bytes, input.bytes]) }),
  refuse: () => {
    throw new AppError('validation', 'Refused in the worker.', { issues: [{ path: 'x', message: 'no' }] });
  },
});
