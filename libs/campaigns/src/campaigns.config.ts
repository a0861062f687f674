import Joi from 'joi';

/**
 * The campaign module's own settings (environment variables, validated once when the module
 * loads: the mail worker's limiter and lock are BullMQ options fixed when its processor is declared).
 */
export interface CampaignsConfig {
  /** Mails per second over all workers (BullMQ's limiter is per queue). */
  CAMPAIGN_MAIL_PER_SECOND: number;
  /** Mails in flight per worker process (the SMTP pool has as many connections). */
  CAMPAIGN_MAIL_CONCURRENCY: number;
  /** Tries per mail on temporary SMTP errors, with exponential backoff from CAMPAIGN_RETRY_DELAY_MS. */
  CAMPAIGN_MAIL_ATTEMPTS: number;
  CAMPAIGN_RETRY_DELAY_MS: number;
  /** How long a worker's claim on a job lasts without renewal; a killed worker's job is taken back after about this. */
  CAMPAIGN_LOCK_MS: number;
  /** Where the links in the mails point: this API's public address. */
  CAMPAIGN_PUBLIC_URL: string;
  CAMPAIGN_LINK_SECRET?: string;
}

const schema = Joi.object({
  CAMPAIGN_MAIL_PER_SECOND: Joi.number().integer().min(1).max(10_000).default(20),
  CAMPAIGN_MAIL_CONCURRENCY: Joi.number().integer().min(1).max(64).default(4),
  CAMPAIGN_MAIL_ATTEMPTS: Joi.number().integer().min(1).max(20).default(5),
  CAMPAIGN_RETRY_DELAY_MS: Joi.number().integer().min(100).default(5_000),
  CAMPAIGN_LOCK_MS: Joi.number().integer().min(1_000).default(30_000),
  CAMPAIGN_PUBLIC_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .default('http://127.0.0.1:3000'),
  CAMPAIGN_LINK_SECRET: Joi.string().min(32),
});

export function campaignsConfig(env: Record<string, unknown> = process.env): CampaignsConfig {
  const { error, value } = schema.validate(env, { allowUnknown: true, stripUnknown: true, convert: true });
  if (error) throw new Error(`Invalid configuration (环境变量配置错误): ${error.message}`);
  return value as CampaignsConfig;
}

/** A campaign mail job's options: `jobId` is the delivery's id (BullMQ adds a job id once), a resend's its own. */
export function mailJobOptions(cfg: CampaignsConfig, jobId: string) {
  return {
    jobId,
    attempts: cfg.CAMPAIGN_MAIL_ATTEMPTS,
    backoff: { type: 'exponential', delay: cfg.CAMPAIGN_RETRY_DELAY_MS },
    removeOnComplete: 1_000,
    removeOnFail: 10_000,
  };
}
