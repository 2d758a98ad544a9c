import { ValidationFailedError } from '../../common/errors/domain-error';
import { createValidationPipe } from '../../common/pipes/validation';
import { UpdateHealthSettingsDto } from './health-settings.dto';

const pipe = createValidationPipe();
const parse = (body: unknown) => pipe.transform(body, { type: 'body', metatype: UpdateHealthSettingsDto });
const fieldErrors = async (body: unknown) => {
  try {
    await parse(body);
  } catch (error) {
    if (error instanceof ValidationFailedError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('expected the body to be refused');
};

describe(UpdateHealthSettingsDto.name, () => {
  it('accepts some weights and thresholds with the version', async () => {
    const dto = await parse({ weights: { recency: 30, fit: 5 }, bands: { atRisk: 20 }, version: 2 });
    expect(dto).toBeInstanceOf(UpdateHealthSettingsDto);
    expect(dto).toEqual({ weights: { recency: 30, fit: 5 }, bands: { atRisk: 20 }, version: 2 });
  });

  it('accepts the version alone', async () => {
    await expect(parse({ version: 1 })).resolves.toEqual({ version: 1 });
  });

  it('requires a whole positive version', async () => {
    expect(await fieldErrors({ weights: { recency: 30 } })).toEqual(['version']);
    expect(await fieldErrors({ version: '3' })).toEqual(['version']);
    expect(await fieldErrors({ version: 0 })).toEqual(['version']);
  });

  it('refuses weights and thresholds that are not whole numbers from 0 to 100', async () => {
    expect(await fieldErrors({ weights: { recency: -1, sessions: 2.5, fit: 101, checkIn: null }, version: 1 })).toEqual(
      ['weights.recency', 'weights.sessions', 'weights.fit', 'weights.checkIn'],
    );
    expect(await fieldErrors({ bands: { thriving: 120, steady: '50' }, version: 1 })).toEqual([
      'bands.thriving',
      'bands.steady',
    ]);
  });

  it('refuses unknown fields at either level, and null or non-object groups', async () => {
    expect(await fieldErrors({ weights: { popularity: 5 }, version: 1 })).toEqual(['weights.popularity']);
    expect(await fieldErrors({ bands: { dormant: 0 }, version: 1 })).toEqual(['bands.dormant']);
    expect(await fieldErrors({ windows: {}, version: 1 })).toEqual(['windows']);
    expect(await fieldErrors({ weights: null, version: 1 })).toEqual(['weights']);
    expect(await fieldErrors({ bands: 75, version: 1 })).toEqual(['bands']);
  });
});
