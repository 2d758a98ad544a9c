import { parentPort } from 'node:worker_threads';
import { RankingStore } from './ranking-store';
import { serveThread } from './thread-client';

/**
 * The ranking thread's entry (started by RankingThread): answers RankingQuestions from one
 * RankingStore, one at a time, in the order they come.
 */
const store = new RankingStore();
serveThread(parentPort!, (question) => store.answer(question as Parameters<RankingStore['answer']>[0]));
