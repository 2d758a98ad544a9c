import { DynamicModule, Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { EventEmitter } from 'node:events';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { databaseConfig, DatabaseConfig } from '../config/configuration';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedMode, EmbeddedPostgres } from './embedded-postgres';
import { guardCheckedOutClients } from './pool-client-errors';
import { errorReason } from '../common/logging/safe-error';
import { SafeTypeOrmLogger } from './safe-typeorm-logger';

/** Holds the embedded server between the TypeORM factory and shutdown (one per process). */
let embedded: EmbeddedPostgres | undefined;

@Module({})
export class DatabaseModule implements OnModuleInit, OnApplicationShutdown {
  /**
   * `embedded` says what to do without DATABASE_URL: `own` (the app) runs the embedded server;
   * `share` (the demo seed) uses the one a running Tandem runs, or runs it for itself.
   */
  static forRoot(options: { embedded: EmbeddedMode } = { embedded: 'own' }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [ConfigModule.forFeature(databaseConfig)],
          inject: [databaseConfig.KEY],
          useFactory: async (config: DatabaseConfig) => {
            let url = config.url;
            if (!url) {
              const started = performance.now();
              embedded = await EmbeddedPostgres.start(config.dataDir, options.embedded);
              url = embedded.url;
              new Logger('Database').log(
                { dataDir: config.dataDir, ms: Math.round(performance.now() - started), shared: embedded.shared },
                'embedded PostgreSQL started (set DATABASE_URL to use your own server)',
              );
            }
            return {
              ...dataSourceOptions(url, config.poolSize),
              // Statements and codes only, never a query's parameters (personal data).
              logger: new SafeTypeOrmLogger(),
              // The embedded database is the try-it-now default: it migrates itself. A real
              // server is migrated on purpose with `npm run migration:run`.
              migrationsRun: config.embedded,
              retryAttempts: config.embedded ? 0 : 3,
              retryDelay: 1000,
            };
          },
        }),
      ],
    };
  }

  constructor(
    private readonly dataSource: DataSource,
    @Inject(databaseConfig.KEY) private readonly config: DatabaseConfig,
  ) {}

  /** Every connection the pool hands out gets an error listener (see pool-client-errors.ts). */
  onModuleInit(): void {
    const pool = (this.dataSource.driver as unknown as { master?: EventEmitter }).master;
    if (!pool) return;
    const logger = new Logger('Database');
    guardCheckedOutClients(pool, (error) =>
      logger.warn(
        { reason: errorReason(error) },
        'a database connection in use was closed by the server; what it was running fails and is retried',
      ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.config.embedded || !embedded) return;
    // Close the pool before the server under it, whichever hook Nest runs first.
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await embedded.stop();
    embedded = undefined;
  }
}
