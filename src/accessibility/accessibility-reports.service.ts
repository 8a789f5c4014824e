import type { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';

export interface AccessibilityReport {
  description: string;
  page?: string;
  contact?: string;
}

/**
 * Reports of accessibility problems (DOS-lagen asks for a way to report them). Kept in the audit
 * log, where the administrators read them (filter: entity "accessibility-report"), whoever sent
 * them, logged in or not.
 */
export class AccessibilityReportsService {
  constructor(private readonly dataSource: DataSource) {}

  async report(input: AccessibilityReport, context: RequestContext): Promise<string> {
    const id = randomUUID();
    await this.dataSource.transaction((manager) =>
      recordAudit(manager, context, { action: 'accessibility.reported', entityType: 'accessibility-report', entityId: id, after: { ...input } }),
    );
    return id;
  }
}
