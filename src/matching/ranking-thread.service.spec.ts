import type { DataSource } from 'typeorm';
import type { MatchDirectory } from '../read-side/matching.query';
import { MatchingUnavailableError } from './matching.errors';
import { matchId } from './matching.rules';
import { RankingThread } from './ranking-thread.service';
import { ThreadClient, ThreadGoneError } from './thread-client';

const HUB = '00000000-0000-4000-8000-000000000001';
const SEEKERS = ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];
const SPACE = '00000000-0000-4000-8000-0000000000aa';

/** A hub offering space to two organizations that look for it: two suggestions. */
const DIRECTORY: MatchDirectory = {
  organizations: [
    [HUB, 'Hub', 'active', 10, [], [SPACE], []],
    [SEEKERS[0], 'Ash', 'active', 10, [], [], [SPACE]],
    [SEEKERS[1], 'Birch', 'exploring', 3, [], [], [SPACE]],
  ],
  audiences: [],
  capabilities: [[SPACE, 'Meeting space']],
  partnered: [],
  decided: [],
};

/** The two statements RankingThread sends, answered from `state`; counts the directory reads. */
function fakeDatabase(state: { version: number; directory: MatchDirectory }) {
  const reads = { directory: 0 };
  const dataSource = {
    query: (sql: string) => {
      if (!sql.includes('json_build_object')) return Promise.resolve([{ version: String(state.version) }]);
      reads.directory += 1;
      return Promise.resolve([{ version: String(state.version), directory: JSON.stringify(state.directory) }]);
    },
  } as unknown as DataSource;
  return { dataSource, reads };
}

describe(RankingThread.name, () => {
  let ranking: RankingThread;
  afterEach(async () => {
    jest.restoreAllMocks();
    await ranking.onModuleDestroy();
  });

  it('ranks on its thread, reading the directory once for all the requests of one version', async () => {
    const state = { version: 3, directory: DIRECTORY };
    const { dataSource, reads } = fakeDatabase(state);
    ranking = new RankingThread(dataSource);
    const pages = await Promise.all([1, 2, 3].map(() => ranking.page({}, {}, 0, 10)));
    expect(pages.map((page) => page.data.map((s) => s.seekerName))).toEqual([
      ['Ash', 'Birch'],
      ['Ash', 'Birch'],
      ['Ash', 'Birch'],
    ]);
    expect(reads.directory).toBe(1);
    await ranking.page({}, {}, 1, 10);
    expect(reads.directory).toBe(1);
    // Birch ended: the version moves, the directory is read again.
    state.version = 4;
    state.directory = { ...DIRECTORY, organizations: DIRECTORY.organizations.slice(0, 2) };
    expect((await ranking.page({}, {}, 0, 10)).total).toBe(1);
    expect(reads.directory).toBe(2);
  });

  it('finds suggestions by id and gives the one the rules make for a pair', async () => {
    ranking = new RankingThread(fakeDatabase({ version: 1, directory: DIRECTORY }).dataSource);
    expect(await ranking.find(matchId(HUB, SEEKERS[1]))).toMatchObject({ providerId: HUB, seekerId: SEEKERS[1] });
    expect(await ranking.find(matchId(SEEKERS[1], HUB))).toBeNull();
    expect(await ranking.suggestionsFor([[HUB, SEEKERS[0]]])).toEqual([expect.objectContaining({ seekerName: 'Ash' })]);
  });

  it('asks a new thread once when its thread ended, and is unavailable (503) when that one fails too', async () => {
    ranking = new RankingThread(fakeDatabase({ version: 1, directory: DIRECTORY }).dataSource);
    const ask = jest.spyOn(ThreadClient.prototype, 'ask');
    ask.mockRejectedValueOnce(new ThreadGoneError('the thread exited (code 1)'));
    expect((await ranking.page({}, {}, 0, 10)).total).toBe(2);
    ask.mockRejectedValueOnce(new ThreadGoneError('the thread exited (code 1)'));
    ask.mockRejectedValueOnce(new ThreadGoneError('the thread exited (code 1)'));
    await expect(ranking.page({}, {}, 0, 10)).rejects.toThrow(MatchingUnavailableError);
    // What the thread itself threw is no reason to ask again.
    ask.mockRejectedValueOnce(new Error('a bug'));
    await expect(ranking.page({}, {}, 0, 10)).rejects.toThrow('a bug');
  });

  it('ends its thread when the module is destroyed, and answers nothing after', async () => {
    ranking = new RankingThread(fakeDatabase({ version: 1, directory: DIRECTORY }).dataSource);
    await ranking.page({}, {}, 0, 10);
    await ranking.onModuleDestroy();
    await expect(ranking.page({}, {}, 0, 10)).rejects.toThrow(MatchingUnavailableError);
  });
});
