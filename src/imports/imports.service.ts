import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity';
import { cleanFileName } from '../attachments/file-name';
import { assertKindAccepted, checkFileType } from '../attachments/file-type-check';
import type { AttachmentContext } from '../attachments/attachments.service';
import { recordAudit } from '../audit/audit.service';
import { isAdmin, type Actor, type RequestContext } from '../authz/actor';
import type { IfMatch } from '../http/etag';
import { badRequest, conflict, HttpProblem, notFound } from '../http/problem';
import type { ReceivedUpload } from '../http/multipart-upload';
import { assertCanEdit, isBeingDrafted, loadResponseScope, type ResponseScope } from '../responses/response-access';
import { SectionTemplate } from '../section-catalogue/section-template.entity';
import { sectionsOf } from '../statements/statement-snapshot';
import { putStatementBody, type PutStatementInput } from '../statements/statements.schemas';
import { findStatement, StatementsService, type StatementView } from '../statements/statements.service';
import type { FileStore } from '../storage/file-store';
import { IMPORT_FORMATS, ImportFileError, readImportFile, refuse, type ImportFormat } from './file-text';
import { analyseOffThread, ImportBusyError } from './import-threads';
import { loadImportContext } from './import-context';
import { statementFromProposal } from './statement-from-proposal';
import { DEFAULT_OCR_LIMITS, OcrTooManyPagesError } from './ocr';
import { StatementImport } from './statement-import.entity';

export interface AcceptInput {
  /** Keep the imported file as a bilaga of the response. */
  keepFile: boolean;
  /** The statement as the user edited it on the page; absent: the proposal as it stands. */
  statement?: PutStatementInput;
  /** The import's version the user saw: a repair undone or restored since then is a 409, not silently lost. */
  importVersion?: number;
}

/**
 * Imports of a file into a response's draft (DESIGN.md §10). Only the answering organisation's
 * handläggare (and admins), while the answer is drafted: the rule for writing the statement. An
 * import is their working material, invisible to everyone else (404). Nothing becomes the
 * statement until accept(), which writes the proposal as one revision under If-Match.
 */
export class ImportsService {
  private readonly statements: StatementsService;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: FileStore,
  ) {
    this.statements = new StatementsService(dataSource);
  }

  /**
   * Reads the file (off the event loop, bounded), proposes the statement and stores the import, or
   * queues it for OCR when the PDF is a scan. A file that cannot be read is refused (4xx) before
   * anything is stored.
   */
  async create(responseId: string, context: AttachmentContext, receive: () => Promise<ReceivedUpload<Record<string, never>>>): Promise<StatementImport> {
    const actor = context.actor!;
    await this.editableScope(this.dataSource.manager, actor, responseId);
    const upload = await receive();
    try {
      if (upload.file.size === 0) throw badRequest('The file is empty.', [{ path: 'body.file', message: 'is empty' }]);
      const fileName = cleanFileName(upload.file.originalName);
      const { format, contentType } = await importableType(upload.file.path, fileName, upload.file.declaredType);
      // The type check has proved the format from the bytes: the reader is not asked to tell it again.
      const extracted = await readImportFile(await readFile(upload.file.path), format).catch(rethrowAsProblem);
      // A scan beyond what OCR reads is said now, not after it has waited in the queue.
      if (extracted.needsOcr && (extracted.pages ?? 0) > DEFAULT_OCR_LIMITS.maxPages) {
        throw refusal(new ImportFileError('too-many-pages', new OcrTooManyPagesError(extracted.pages!, DEFAULT_OCR_LIMITS.maxPages).message));
      }
      const analysis = extracted.needsOcr ? null : await analyseOffThread({ source: { text: extracted.text, format, cued: extracted.cued }, context: await loadImportContext(this.dataSource.manager) }).catch(rethrowAsProblem);
      const stored = await this.store.put(createReadStream(upload.file.path));
      try {
        if (stored.sha256 !== upload.file.sha256 || stored.size !== upload.file.size) throw new Error('The stored copy of an import differs from the bytes received');
        return await this.dataSource.transaction(async (manager) => {
          const scope = await this.editableScope(manager, actor, responseId, true);
          const created = await manager.save(
            StatementImport,
            manager.create(StatementImport, {
              responseId,
              status: analysis ? 'ready' : 'ocr_queued',
              format,
              fileName,
              contentType,
              sizeBytes: String(stored.size),
              sha256: stored.sha256,
              storageKey: stored.key,
              sourceText: analysis ? extracted.text : null,
              cued: extracted.cued,
              repairs: analysis?.repairs ?? [],
              damaged: analysis?.damaged ?? false,
              proposal: analysis?.proposal ?? null,
              pagesTotal: extracted.pages,
              createdBy: actor.userId,
            }),
          );
          await this.audit(manager, context, scope, created, 'import.created', { fileName, format, status: created.status, repairs: created.repairs.length });
          return created;
        });
      } catch (error) {
        await this.store.delete(stored.key).catch((cleanupError: unknown) => context.log.warn({ err: cleanupError, storageKey: stored.key }, 'could not remove the file of a failed import'));
        throw error;
      }
    } finally {
      await upload.discard();
    }
  }

  async get(responseId: string, importId: string, actor: Actor): Promise<StatementImport> {
    const manager = this.dataSource.manager;
    await this.readableScope(manager, actor, responseId);
    return this.find(manager, responseId, importId);
  }

  /** The response's imports still open (being read or waiting for the user), newest first. */
  async open(responseId: string, actor: Actor): Promise<StatementImport[]> {
    const manager = this.dataSource.manager;
    await this.readableScope(manager, actor, responseId);
    return manager
      .createQueryBuilder(StatementImport, 'i')
      .select(['i.id', 'i.status', 'i.fileName', 'i.format', 'i.createdAt', 'i.pagesDone', 'i.pagesTotal', 'i.error', 'i.version', 'i.responseId'])
      .where('i.response_id = :responseId AND i.status IN (:...statuses)', { responseId, statuses: ['ocr_queued', 'ocr_running', 'ready', 'failed'] })
      .orderBy('i.created_at', 'DESC')
      .take(20)
      .getMany();
  }

  /** Undoes (or redoes) one repair: the proposal is read again from the file's text with the repairs still wanted. */
  async setRepairUndone(responseId: string, importId: string, repairId: number, undone: boolean, context: RequestContext): Promise<StatementImport> {
    const importContext = await loadImportContext(this.dataSource.manager);
    const read = await this.get(responseId, importId, context.actor!);
    assertReady(read);
    if (!read.repairs.some((r) => r.id === repairId)) throw notFound('The repair');
    const undoneIds = new Set(read.undone);
    if (undone) undoneIds.add(repairId);
    else undoneIds.delete(repairId);
    const list = [...undoneIds].sort((a, b) => a - b);
    // Read again outside the transaction (off the event loop); stored only if nobody changed the import meanwhile.
    const { proposal } = await analyseOffThread({ source: { text: read.sourceText!, format: read.format, cued: read.cued }, context: importContext, kept: { repairs: read.repairs, damaged: read.damaged, undone: list } }).catch(rethrowAsProblem);
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.editableScope(manager, context.actor!, responseId);
      const found = await this.find(manager, responseId, importId, true);
      assertReady(found);
      if (found.version !== read.version) throw conflict('The import changed while its proposal was read again; try once more.', 'import-changed');
      await manager.update(StatementImport, { id: found.id }, { undone: list, proposal, version: found.version + 1 });
      await this.audit(manager, context, scope, found, undone ? 'import.repair_undone' : 'import.repair_restored', { repairId });
      return manager.findOneByOrFail(StatementImport, { id: found.id });
    });
  }

  /**
   * Writes the proposal (or the user's edit of it) as the draft: one revision under the statement's
   * If-Match, the file kept as a bilaga if wanted, the import closed, all in one transaction.
   */
  async accept(responseId: string, importId: string, ifMatch: IfMatch, input: AcceptInput, context: RequestContext): Promise<StatementView> {
    const actor = context.actor!;
    const manager = this.dataSource.manager;
    const scope = await this.editableScope(manager, actor, responseId);
    const found = await this.find(manager, responseId, importId);
    assertReady(found);
    const statementInput = input.statement ?? (await this.proposedStatement(manager, scope, found));
    const checked = putStatementBody.safeParse(statementInput);
    if (!checked.success) {
      throw badRequest('The proposal does not make a valid statement; edit it first.', checked.error.issues.map((issue) => ({ path: `body.statement.${issue.path.join('.')}`, message: issue.message })));
    }
    let droppedKey: string | null = null;
    const view = await this.statements.put(responseId, ifMatch, checked.data, context, async (inner) => {
      const locked = await this.find(inner, responseId, importId, true);
      assertReady(locked);
      if (locked.version !== (input.importVersion ?? found.version)) {
        throw conflict('The proposal changed since it was read (a repair was undone or restored); read it again and accept then.', 'import-changed');
      }
      if (input.keepFile && locked.storageKey) {
        await inner.insert(Attachment, {
          consultationId: scope.consultation.id,
          responseId,
          fileName: locked.fileName,
          contentType: locked.contentType,
          sizeBytes: locked.sizeBytes,
          sha256: locked.sha256,
          storageKey: locked.storageKey,
          description: 'Importerad fil',
          uploadedBy: actor.userId,
          answerDocument: false,
          decisionId: null,
        });
      } else droppedKey = locked.storageKey;
      await inner.update(StatementImport, { id: locked.id }, { status: 'accepted', storageKey: null, version: locked.version + 1 });
      await this.audit(inner, context, scope, locked, 'import.accepted', { keepFile: input.keepFile, edited: !!input.statement, repairsUndone: locked.undone.length });
    });
    if (droppedKey) await this.store.delete(droppedKey).catch(() => undefined);
    return view;
  }

  /** The proposal as the PUT it would make, for accept from the page's form and without edits. */
  async proposedStatementFor(responseId: string, importId: string, actor: Actor): Promise<PutStatementInput> {
    const manager = this.dataSource.manager;
    const scope = await this.editableScope(manager, actor, responseId);
    const found = await this.find(manager, responseId, importId);
    assertReady(found);
    return this.proposedStatement(manager, scope, found);
  }

  /** Drops an import that is not wanted; its file leaves the store. */
  async discard(responseId: string, importId: string, context: RequestContext): Promise<void> {
    const storageKey = await this.dataSource.transaction(async (manager) => {
      const scope = await this.readableScope(manager, context.actor!, responseId);
      const found = await this.find(manager, responseId, importId, true);
      if (found.status === 'accepted' || found.status === 'discarded') throw conflict(`The import is already ${found.status}.`, 'import-closed');
      await manager.update(StatementImport, { id: found.id }, { status: 'discarded', storageKey: null, proposal: null, version: found.version + 1 });
      await this.audit(manager, context, scope, found, 'import.discarded', {});
      return found.storageKey;
    });
    if (storageKey) await this.store.delete(storageKey).catch(() => undefined);
  }

  private async proposedStatement(manager: EntityManager, scope: ResponseScope, found: StatementImport): Promise<PutStatementInput> {
    const statement = await findStatement(manager, scope);
    const catalogue = await manager.find(SectionTemplate, { select: { key: true, position: true, required: true } });
    return statementFromProposal(found.proposal!, {
      statement,
      sections: await sectionsOf(manager, statement.id),
      cataloguePositions: new Map(catalogue.map((t) => [t.key, t.position])),
      requiredKeys: new Set(catalogue.filter((t) => t.required).map((t) => t.key)),
    });
  }

  /**
   * Who may see an import: the answering organisation's handläggare and admins, also once drafting
   * has ended (to discard one left open). Anyone else: 404, as if it did not exist, even where the
   * submitted statement is public; the organisation's other roles: 403.
   */
  private async readableScope(manager: EntityManager, actor: Actor, responseId: string): Promise<ResponseScope> {
    const scope = await loadResponseScope(manager, actor, responseId);
    if (!scope.own && !isAdmin(actor)) throw notFound('The response');
    assertCanEdit(scope, actor);
    return scope;
  }

  /** As readableScope, and the answer still drafted with its statement begun: an import writes the draft. */
  private async editableScope(manager: EntityManager, actor: Actor, responseId: string, lock = false): Promise<ResponseScope> {
    const scope = await loadResponseScope(manager, actor, responseId, lock);
    if (!scope.own && !isAdmin(actor)) throw notFound('The response');
    assertCanEdit(scope, actor);
    if (!isBeingDrafted(scope.response)) {
      throw conflict(`A file is imported into a draft; this response is ${scope.response.status}.`, scope.response.status === 'not_started' ? 'draft-not-started' : 'statement-not-editable');
    }
    return scope;
  }

  private async find(manager: EntityManager, responseId: string, importId: string, lock = false): Promise<StatementImport> {
    const found = await manager.findOne(StatementImport, { where: { id: importId, responseId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!found || found.status === 'discarded') throw notFound('The import');
    return found;
  }

  private audit(manager: EntityManager, context: RequestContext, scope: ResponseScope, found: StatementImport, action: string, after: Record<string, unknown>) {
    return recordAudit(manager, context, { action, entityType: 'statement_import', entityId: found.id, organisationId: scope.recipient.organisationId, after: { responseId: scope.response.id, ...after } });
  }
}

function assertReady(found: StatementImport): void {
  if (found.status === 'accepted') throw conflict('The import has already been accepted into the draft.', 'import-closed');
  if (found.status !== 'ready') throw conflict(found.status === 'failed' ? 'The file could not be read; import it again or write the statement.' : 'The file is still being read (OCR); wait for the proposal.', 'import-not-ready');
}

/** The import thread's refusals as the API says them: the file's fault at the file field, a full queue as 503. */
function rethrowAsProblem(error: unknown): never {
  if (error instanceof ImportFileError) throw refusal(error);
  if (error instanceof ImportBusyError) throw new HttpProblem(503, 'The import is busy reading other files; try again in a moment.', { slug: 'import-busy', headers: { 'Retry-After': '5' } });
  throw error;
}

/** A file the import cannot read: the user's message (Swedish) at the file field. */
function refusal(error: ImportFileError): HttpProblem {
  const status = error.code === 'file-too-large' ? 413 : error.code === 'unsupported-file' ? 415 : 422;
  return new HttpProblem(status, `The file cannot be imported (${error.code}).`, { slug: `import-${error.code}`, errors: [{ path: 'body.file', message: error.message }] });
}

/**
 * The upload's type from its bytes (attachments' check), one of the import formats (the documents
 * a tjänsteutlåtande is written or kept in), refused in Swedish at the file as every other import
 * refusal is.
 */
async function importableType(path: string, fileName: string, declaredType: string): Promise<{ format: ImportFormat; contentType: string }> {
  try {
    const checked = await checkFileType(path, { fileName, mimeType: declaredType });
    assertKindAccepted(checked.kind, IMPORT_FORMATS, 'An imported tjänsteutlåtande');
    // assertKindAccepted has refused every kind that is not an import format.
    return { format: checked.kind as ImportFormat, contentType: checked.contentType };
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 415) throw refusal(refuse.unsupported());
    throw error;
  }
}
