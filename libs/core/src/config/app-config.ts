import Joi from 'joi';

/** The development JWT secret: fine on a laptop, refused in production. */
export const DEV_JWT_SECRET = 'techmarket-dev-secret-change-me-0123456789';

/**
 * Every environment variable the processes read, validated once at start-up.
 * A missing or malformed value stops the process with one message naming it.
 */
export const appConfigSchema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'test', 'production').default('development'),
  PORT: Joi.number().port().default(3000),
  HOST: Joi.string().hostname().default('127.0.0.1'),
  DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .default('postgres://postgres@127.0.0.1:5432/techmarket'),
  REDIS_URL: Joi.string()
    .uri({ scheme: ['redis', 'rediss'] })
    .default('redis://127.0.0.1:6379/0'),
  /** Prefix of every Redis key and BullMQ queue, so several installs (or test suites) share one Redis. */
  REDIS_PREFIX: Joi.string()
    .pattern(/^[a-z0-9_:-]{1,40}$/)
    .default('tm'),
  SMTP_URL: Joi.string()
    .uri({ scheme: ['smtp', 'smtps'] })
    .default('smtp://127.0.0.1:1025'),
  MAIL_FROM: Joi.string().default('吉林省科技大市场 <noreply@techmarket.local>'),
  JWT_SECRET: Joi.string().min(32).default(DEV_JWT_SECRET),
  JWT_ACCESS_TTL_SECONDS: Joi.number().integer().min(30).max(86_400).default(900),
  JWT_REFRESH_TTL_SECONDS: Joi.number()
    .integer()
    .min(300)
    .default(30 * 86_400),
  LOGIN_MAX_FAILURES: Joi.number().integer().min(1).default(5),
  LOGIN_LOCK_SECONDS: Joi.number().integer().min(1).default(900),
  RATE_LIMIT_PER_MINUTE: Joi.number().integer().min(1).default(600),
  /** Run the BullMQ processors inside the API process (demo); production runs apps/worker. */
  RUN_WORKERS_IN_API: Joi.boolean().truthy('1').falsy('0').default(false),
  LOG_LEVEL: Joi.string().valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent').default('info'),
  /** How often the worker re-enqueues domain events committed but never enqueued (a crash in between), and how old they must be. */
  OUTBOX_RELAY_MS: Joi.number().integer().min(100).max(3_600_000).default(30_000),
});

export interface AppConfig {
  NODE_ENV: 'development' | 'test' | 'production';
  PORT: number;
  HOST: string;
  DATABASE_URL: string;
  REDIS_URL: string;
  REDIS_PREFIX: string;
  SMTP_URL: string;
  MAIL_FROM: string;
  JWT_SECRET: string;
  JWT_ACCESS_TTL_SECONDS: number;
  JWT_REFRESH_TTL_SECONDS: number;
  LOGIN_MAX_FAILURES: number;
  LOGIN_LOCK_SECONDS: number;
  RATE_LIMIT_PER_MINUTE: number;
  RUN_WORKERS_IN_API: boolean;
  LOG_LEVEL: string;
  OUTBOX_RELAY_MS: number;
}

/**
 * Validates an environment; throws one Error whose message names every bad variable.
 * Used by ConfigModule and by the CLI scripts that run outside Nest.
 */
export function validateAppConfig(env: Record<string, unknown>): AppConfig {
  const { error, value } = appConfigSchema.validate(env, {
    allowUnknown: true,
    abortEarly: false,
    convert: true,
  });
  const problems = error ? error.details.map((d) => d.message) : [];
  // Joi does not check a default against `invalid`, so the production rule is explicit.
  if (value?.NODE_ENV === 'production' && value.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('"JWT_SECRET" must be set to a private value in production (the development secret is refused)');
  }
  if (problems.length) {
    const lines = problems.map((m) => `  - ${m}`).join('\n');
    throw new Error(`Invalid configuration (环境变量配置错误):\n${lines}`);
  }
  return value as AppConfig;
}
