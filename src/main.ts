import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { configureHttpApp } from './app.setup';
import { exitGracefullyOnSignals } from './common/shutdown';
import { AppModule } from './app.module';
import { loadDotEnv, readEnv } from './config/configuration';
import { ConfigValidationError } from './config/env.schema';
import { EmbeddedDatabaseError } from './database/embedded-database.error';

async function bootstrap(): Promise<void> {
  loadDotEnv();
  const env = readEnv();
  const role = env.TANDEM_PROCESS;
  const module = AppModule.forRoot({ worker: role !== 'api' });

  if (role === 'worker') {
    const context = await NestFactory.createApplicationContext(module, {
      bufferLogs: true,
      abortOnError: false,
      logger: false,
    });
    context.useLogger(context.get(Logger));
    exitGracefullyOnSignals(context);
    new NestLogger('Tandem').log({ process: role }, 'Tandem worker started; stop it with SIGTERM');
    return;
  }

  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
    logger: false,
  });
  const config = configureHttpApp(app);
  exitGracefullyOnSignals(app);
  await app.listen(config.port, config.host);
  new NestLogger('Tandem').log(
    { process: role, port: config.port, embeddedDatabase: !env.DATABASE_URL },
    `Tandem is running: open ${config.publicUrl} in your browser (API docs: ${config.publicUrl}/api/docs)`,
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigValidationError || error instanceof EmbeddedDatabaseError) {
    console.error(error.message);
  } else {
    console.error(`Tandem could not start: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof Error && error.stack) console.error(error.stack);
  }
  process.exit(1);
});
