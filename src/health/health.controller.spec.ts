import { overallStatus } from './health.controller';

describe('overallStatus', () => {
  it('is ok when both answer', () => {
    expect(overallStatus({ database: { status: 'up' }, redis: { status: 'up' } })).toBe('ok');
  });

  it('is degraded without Redis', () => {
    expect(overallStatus({ database: { status: 'up' }, redis: { status: 'down' } })).toBe('degraded');
  });

  it('is down without the database, whatever Redis says', () => {
    expect(overallStatus({ database: { status: 'down' }, redis: { status: 'up' } })).toBe('down');
  });
});
