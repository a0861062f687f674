import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { type AppConfig, validateAppConfig } from './app-config.js';

/** Typed access to the validated configuration. */
export class AppConfigService {
  constructor(private readonly config: ConfigService<AppConfig, true>) {}

  get<K extends keyof AppConfig>(key: K): AppConfig[K] {
    return this.config.get(key, { infer: true });
  }
}

@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateAppConfig, ignoreEnvFile: true })],
  providers: [
    { provide: AppConfigService, useFactory: (c: ConfigService<AppConfig, true>) => new AppConfigService(c), inject: [ConfigService] },
  ],
  exports: [AppConfigService],
})
export class AppConfigModule {}
