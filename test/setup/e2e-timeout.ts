// `testTimeout` is a global Jest option, not a project one: the e2e project sets its own here.
// Tests against real Postgres and Redis (and child processes) need more than the default 5 s.
jest.setTimeout(60_000);
