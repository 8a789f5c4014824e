import { IsNull, type DataSource } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity';
import type { RequestContext } from '../authz/actor';
import { findReadableConsultation } from './consultation-access';
import { consultationActions, type ConsultationActions } from './consultation-actions';
import { mayCompile } from '../compilation/compilation.service';
import type { ConsultationView } from './consultation.presenter';
import { consultationTimeline, type TimelineEntry } from './consultation-timeline';
import { viewsOf } from './consultations.service';

export interface ConsultationOverview {
  view: ConsultationView;
  attachments: Attachment[];
  timeline: TimelineEntry[];
  /** What the caller may do with it now (the services' own rules). */
  actions: ConsultationActions;
  /** The Sammanställning (CompilationService's rule), once the remiss is sent. */
  mayCompile: boolean;
}

/** Everything a remiss's page shows, for one reader: its facts, remisshandlingar, history and what they may do. */
export class ConsultationOverviewService {
  constructor(private readonly dataSource: DataSource) {}

  async overview(id: string, context: RequestContext): Promise<ConsultationOverview> {
    const manager = this.dataSource.manager;
    const actor = context.actor!;
    const consultation = await findReadableConsultation(manager, actor, id);
    const [[view], attachments, timeline] = await Promise.all([
      viewsOf(manager, [consultation]),
      // The remiss's own files only: a response's files follow the response's visibility.
      manager.find(Attachment, { where: { consultationId: id, responseId: IsNull() }, order: { uploadedAt: 'ASC', id: 'ASC' }, take: 500 }),
      consultationTimeline(manager, id),
    ]);
    return { view, attachments, timeline, actions: consultationActions(actor, consultation.status), mayCompile: consultation.status !== 'draft' && (await mayCompile(manager, actor, consultation)) };
  }
}
