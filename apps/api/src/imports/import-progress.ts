/**
 * How far each running import of this api process has got, for the web page's progress bar: rows decided or sent
 * out of the file's rows, by import id (`imp-` and the file's hash, which a dry run of the same file names). Kept in
 * memory for a minute after the run ends; a poll that reaches another api instance gets IMPORT.PROGRESS_NOT_FOUND
 * and the page shows the run as running without a figure.
 */
import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

export class ImportProgressDto {
  @ApiProperty({ example: 'imp-3f2a9c0d1e4b5a67' }) importId!: string;
  @ApiProperty({ type: 'integer', description: 'Rows decided (refused, unchanged) or sent so far' }) done!: number;
  @ApiProperty({ type: 'integer', description: 'Rows in the file' }) total!: number;
  @ApiProperty({ description: 'The run has answered' }) finished!: boolean;
}

const KEEP_FINISHED_MS = 60_000;

@Injectable()
export class ImportProgress {
  private readonly runs = new Map<string, ImportProgressDto>();

  update(importId: string, done: number, total: number): void {
    this.runs.set(importId, { importId, done, total, finished: false });
  }

  finish(importId: string): void {
    const run = this.runs.get(importId);
    if (!run) return;
    run.finished = true;
    setTimeout(() => {
      if (this.runs.get(importId) === run) this.runs.delete(importId);
    }, KEEP_FINISHED_MS).unref();
  }

  get(importId: string): ImportProgressDto | undefined {
    return this.runs.get(importId);
  }
}
