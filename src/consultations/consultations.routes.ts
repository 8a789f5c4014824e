import type { DataSource } from 'typeorm';
import type { DeliveryNotifier } from '../deliveries/delivery-queue';
import { anyUser, rolesOnly } from '../authz/policy';
import { optionalIfMatch, requireIfMatch, setEtag } from '../http/etag';
import type { Api } from '../http/route';
import { idParams } from '../http/schemas';
import { listConsultations } from './consultation-list';
import { presentConsultation } from './consultation.presenter';
import { consultationPageSchema, consultationSchema, createConsultationBody, listConsultationsQuery, recordSentBody, updateConsultationBody } from './consultations.schemas';
import { ConsultationsService } from './consultations.service';
import { SendingService } from './sending.service';

const MANAGERS = ['admin', 'registrator'] as const;

export function registerConsultationRoutes(api: Api, dataSource: DataSource, deliveries?: DeliveryNotifier): void {
  const consultations = new ConsultationsService(dataSource);
  const sending = new SendingService(dataSource, deliveries);

  api.add({
    method: 'get',
    path: '/api/consultations',
    tag: 'Remisser',
    summary: 'List remisser the caller may read: filter, free text on title and Dnr, sort, paginate',
    policy: anyUser('remiss'),
    query: listConsultationsQuery,
    response: consultationPageSchema,
    handler: async ({ query, context }) => {
      const page = await listConsultations(dataSource.manager, context.actor!, query);
      return { ...page, items: page.items.map((view) => presentConsultation(view)) };
    },
  });

  api.add({
    method: 'get',
    path: '/api/consultations/:id',
    tag: 'Remisser',
    summary: 'One remiss with recipient counts and deadline warnings (ETag for later updates)',
    policy: anyUser('remiss'),
    params: idParams,
    response: consultationSchema,
    errors: [404],
    handler: async ({ params, context, res }) => {
      const view = await consultations.get(params.id, context);
      setEtag(res, view.consultation.version);
      return presentConsultation(view);
    },
  });

  api.add({
    method: 'post',
    path: '/api/consultations',
    tag: 'Remisser',
    summary: 'Register a remiss (as a draft)',
    policy: rolesOnly(MANAGERS),
    body: createConsultationBody,
    status: 201,
    response: consultationSchema,
    errors: [409],
    handler: async ({ body, context, res }) => {
      const view = await consultations.create(body, context);
      setEtag(res, view.consultation.version);
      res.location(`/api/consultations/${view.consultation.id}`);
      return presentConsultation(view);
    },
  });

  api.add({
    method: 'patch',
    path: '/api/consultations/:id',
    tag: 'Remisser',
    summary: 'Change a remiss, or close, cancel or reopen it (If-Match required)',
    policy: rolesOnly(MANAGERS),
    params: idParams,
    body: updateConsultationBody,
    response: consultationSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const view = await consultations.update(params.id, requireIfMatch(req), body, context);
      setEtag(res, view.consultation.version);
      return presentConsultation(view);
    },
  });

  api.add({
    method: 'post',
    path: '/api/consultations/:id/send',
    tag: 'Remisser',
    summary:
      "Send a draft remiss to its recipients; answers the opened remiss with deadline warnings. Each recipient's remissbrev is queued for e-mail (PDF attached, with a link to the remiss page) to its registratur address in the register, or marked no_address for sending by post: see delivery on the status board",
    policy: rolesOnly(MANAGERS),
    params: idParams,
    response: consultationSchema,
    errors: [404, 409, 412, 422],
    handler: async ({ params, context, req, res }) => {
      const view = await sending.send(params.id, optionalIfMatch(req), context);
      setEtag(res, view.consultation.version);
      return presentConsultation(view);
    },
  });

  api.add({
    method: 'post',
    path: '/api/consultations/:id/record-sent',
    tag: 'Remisser',
    summary:
      'Register a draft remiss as sent before the remisstjänst existed (registrerad i efterhand): it opens as sent on sentDate (not in the future, not before registeredDate), its recipients checked against the organisation register of that day; no remissbrev is e-mailed and no reminders go out for it. The due date may have passed; answers can then be recorded with their real dates',
    policy: rolesOnly(MANAGERS),
    params: idParams,
    body: recordSentBody,
    response: consultationSchema,
    errors: [404, 409, 412, 422],
    handler: async ({ params, body, context, req, res }) => {
      const view = await sending.recordSent(params.id, body.sentDate, optionalIfMatch(req), context);
      setEtag(res, view.consultation.version);
      return presentConsultation(view);
    },
  });
}
