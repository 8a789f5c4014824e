import { z } from 'zod';
import { printable } from '../documents/printable-text';
import { isoDate, pageSchema, uuidSchema } from '../http/schemas';
import { timelineEventSchema } from '../recipients/recipient-event.schemas';
import { STANCES } from '../statements/statement.entity';
import { DECISION_OUTCOMES } from './decision.entity';
import { RESPONSE_STATUSES } from './response.entity';

const note = z.string().trim().max(2000).optional();
/** The reason of an answer without a tjänsteutlåtande (avstår, inga synpunkter) is printed in its letter and in the compilation. */
const printedNote = z.string().trim().max(2000).superRefine(printable).optional();

/** One body per action; the server checks role and current state (409 with the reason otherwise). */
export const transitionBody = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.literal('start') }),
    z.strictObject({ action: z.literal('submit_for_review'), note }),
    z.strictObject({ action: z.literal('return_to_drafting'), note }),
    z.strictObject({ action: z.literal('approve'), note }),
    z.strictObject({
      action: z.literal('decide'),
      meetingDate: isoDate,
      // The paragraph (§) is printed in the compilation's list of decisions; the decision text is printed nowhere.
      paragraph: z.string().trim().min(1).max(20).superRefine(printable),
      outcome: z.enum(DECISION_OUTCOMES),
      decisionText: z.string().trim().min(3).max(10_000),
    }),
    z.strictObject({ action: z.literal('submit'), submittedDate: isoDate.optional() }),
    z.strictObject({ action: z.literal('decline'), reason: printedNote.openapi({ description: 'Why the organisation avstår (its skäl), when it says' }), answeredDate: isoDate.optional() }),
    z.strictObject({
      action: z.literal('no_comments'),
      reason: printedNote.openapi({ description: 'Why the organisation has no comments (its motivering), when it says: e.g. that the proposal does not concern its responsibilities' }),
      answeredDate: isoDate.optional(),
    }),
    z.strictObject({ action: z.literal('record_external'), receivedDate: isoDate, stance: z.enum(STANCES), note }),
  ])
  .openapi('Transition', {
    description:
      'start (not_started→drafting), submit_for_review (drafting→in_review), return_to_drafting (in_review|approved→drafting), approve (in_review→approved, attestant), decide (approved→decided, or →drafting when referred back), submit (decided→submitted), decline / no_comments (not_started|drafting→declined|no_comments, each with an optional reason printed in the answer letter), record_external (registrator: an answer that came outside the system).',
  });

export type TransitionInput = z.infer<typeof transitionBody>;

export const patchResponseBody = z.strictObject({ sharedWithCoordinator: z.boolean() }).openapi('PatchResponse');

export const assignResponseBody = z
  .strictObject({
    assigneeId: uuidSchema.openapi({ description: 'An active handläggare or attestant of the answering organisation (its nämnd or förvaltning): GET …/assignee-candidates lists them' }),
  })
  .openapi('AssignResponse');

const assigneeSchema = z.object({ id: z.string(), name: z.string(), title: z.string().nullable() });

export const assigneeCandidateSchema = assigneeSchema
  .extend({ roles: z.array(z.enum(['handlaggare', 'attestant'])).openapi({ description: 'Which of the roles that may work on the answer the person holds' }) })
  .openapi('AssigneeCandidate');
export const assigneeCandidatePageSchema = pageSchema(assigneeCandidateSchema, 'AssigneeCandidatePage');

/** A decision's protokollsutdrag as the answer lists it; href downloads it. */
export const protokollsutdragSchema = z
  .object({ fileName: z.string(), sizeBytes: z.number().int(), uploadedAt: z.string(), href: z.string() })
  .openapi('Protokollsutdrag');

export const responseSchema = z
  .object({
    id: z.string(),
    visibility: z.enum(['full', 'status']).openapi({
      description:
        "status: another organisation's response before it has answered (the coordinator's too, even of a shared draft): no more than the status board shows. assignee, reason, declinedReason, stance, sharedWithCoordinator, hasStatement and version are null, approvals, decisions and timeline empty, and there is no ETag.",
    }),
    status: z.enum(RESPONSE_STATUSES),
    consultation: z.object({ id: z.string(), caseNumber: z.string(), title: z.string() }),
    recipient: z.object({ id: z.string(), organisation: z.object({ id: z.string(), name: z.string() }), dueDate: z.string().nullable() }),
    answeredDate: z.string().nullable(),
    assignee: assigneeSchema.nullable().openapi({
      description:
        'Who of the answering organisation works on the answer (Tilldela): whoever first moved it out of not_started or first saved its statement, then whom the organisation assigns (PUT …/assignee). Null while nobody is, and where the response is shown as the status board shows it.',
    }),
    reason: z.string().nullable().openapi({
      description: 'The reason given with an answer without a tjänsteutlåtande: why it avstår (declined) or why it has no comments (no_comments); printed in the answer letter. Null when none was given.',
    }),
    declinedReason: z.string().nullable().openapi({ deprecated: true, description: 'The reason when the response is declined, else null: use reason, which also holds the motivering of no_comments.' }),
    stance: z.string().nullable(),
    receivedExternally: z.boolean(),
    sharedWithCoordinator: z.boolean().nullable(),
    late: z.boolean(),
    hasStatement: z.boolean().nullable(),
    approvals: z.array(z.object({ name: z.string(), title: z.string(), approvedAt: z.string() })),
    decisions: z.array(
      z.object({
        id: z.string(),
        meetingDate: z.string(),
        paragraph: z.string(),
        outcome: z.enum(DECISION_OUTCOMES),
        decisionText: z.string(),
        recordedAt: z.string(),
        protokollsutdrag: protokollsutdragSchema.nullable().openapi({ description: "The nämnd's protokollsutdrag of this decision (a PDF), once attached" }),
      }),
    ),
    timeline: z.array(timelineEventSchema),
    version: z.number().int().nullable(),
  })
  .openapi('Response');
