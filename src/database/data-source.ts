import { DataSource } from 'typeorm';
import { databaseUrlForCli } from '../config/configuration';
import { dataSourceOptions } from './data-source-options';

/** Used only by the TypeORM CLI (`npm run migration:*`); the app builds its own from config. */
export default new DataSource(dataSourceOptions(databaseUrlForCli()));
