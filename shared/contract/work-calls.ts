import type { WorkGroup } from '../work-queues';
import { call, returns } from './define';
import { noInput } from './no-input';

/** The Home page's work for today. */
export const workCalls = {
  'home.workQueues': call({
    summary: 'The signed-in role’s work queues for today: counts and the first items of each, computed from the store and the practice’s day.',
    access: 'session',
    input: noInput,
    output: returns<WorkGroup[]>(),
  }),
};
