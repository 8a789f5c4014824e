import type { DataSource } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import { canManageConsultations } from '../consultations/consultation-access';
import { presentConsultation } from '../consultations/consultation.presenter';
import { ConsultationsService } from '../consultations/consultations.service';
import { DistributionListsService } from '../distribution-lists/distribution-lists.service';
import { etagFor } from '../http/etag';
import { notFound } from '../http/problem';
import { uuidSchema } from '../http/schemas';
import { OrganisationsService } from '../organisations/organisations.service';
import { RecipientsService } from './recipients.service';

/** A remiss id from a page's URL: anything but a UUID is a page that does not exist (never a 500). */
export function consultationIdFrom(value: unknown): string {
  const parsed = uuidSchema.safeParse(value);
  if (!parsed.success) throw notFound('The remiss');
  return parsed.data;
}

/**
 * What the Remissinstanser and Skicka pages show, gathered through the same services the API's
 * remiss, recipients, organisations and sändlistor routes call: the pages stay one call each.
 */
export class DistributionOverview {
  private readonly consultations: ConsultationsService;
  private readonly recipients: RecipientsService;
  private readonly organisations: OrganisationsService;
  private readonly lists: DistributionListsService;

  constructor(dataSource: DataSource) {
    this.consultations = new ConsultationsService(dataSource);
    this.recipients = new RecipientsService(dataSource);
    this.organisations = new OrganisationsService(dataSource);
    this.lists = new DistributionListsService(dataSource);
  }

  /** The remiss with its ETag and warnings, and every recipient in distribution order. */
  async distribution(id: string, context: RequestContext) {
    const view = await this.consultations.get(id, context);
    const board = await this.recipients.board(id, { limit: 1000, offset: 0 }, context);
    const consultation = presentConsultation(view);
    const changeable = consultation.status === 'draft' || consultation.status === 'open';
    return {
      consultation,
      etag: etagFor(view.consultation.version),
      recipients: board.items,
      mayManage: canManageConsultations(context.actor!),
      changeable,
    };
  }

  /**
   * Plus what can still be added: sändlistor, and the organisations active today (a remiss goes to
   * bodies that exist on the day it goes out), or on `registerDay` for a draft to be registered
   * afterwards, grouped by kind, both narrowed by a search text.
   */
  async choices(id: string, search: string | undefined, context: RequestContext, registerDay?: string) {
    const distribution = await this.distribution(id, context);
    const taken = new Set(distribution.recipients.map((r) => r.organisation.id));
    // A draft to be registered afterwards picks from the register of its real send day.
    const day = distribution.consultation.status === 'draft' ? registerDay : undefined;
    const active = day ? { activeOn: day } : { active: true };
    const organisations = await this.organisations.list({ ...active, q: search, sort: 'name', limit: 500, offset: 0 });
    const lists = await this.lists.list({ q: search, limit: 100, offset: 0 });
    return {
      ...distribution,
      organisations: organisations.items.filter((o) => !taken.has(o.id)).map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
      lists: lists.items.map((l) => ({ id: l.list.id, name: l.list.name, memberCount: l.memberCount })),
    };
  }
}
