/**
 * The worker thread that copies and checks a backup's database
 * (backup-copy.ts), so that the backend's own thread stays free meanwhile.
 */
import { serveJobs } from '../rendering/worker-jobs';
import { makeCheckedCopyNow } from './backup-copy-job';

serveJobs({ makeCheckedCopy: makeCheckedCopyNow });
