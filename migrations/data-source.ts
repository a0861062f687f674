import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, validateAppConfig } from '@techmarket/core';
import { allEntities, allMigrations } from './index.js';

/** Entry point of the TypeORM CLI (`npm run migration:*`); the app uses the same options. */
export default new DataSource(dataSourceOptions(validateAppConfig(process.env).DATABASE_URL, allMigrations, allEntities));
