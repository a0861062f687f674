import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { IMPORT_QUEUE } from '../catalog.registration.js';
import { type ImportJob, CatalogImportService } from './import.service.js';

/** Runs spreadsheet imports in the worker; one at a time per worker, since each is one big transaction. */
@Processor(IMPORT_QUEUE, { concurrency: 1 })
export class CatalogImportProcessor extends WorkerHost {
  constructor(@Inject(CatalogImportService) private readonly imports: CatalogImportService) {
    super();
  }

  async process(job: Job<ImportJob>): Promise<void> {
    await this.imports.run(job.data.importId);
  }
}
