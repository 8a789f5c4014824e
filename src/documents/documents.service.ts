import type { DataSource } from 'typeorm';
import type { Actor } from '../authz/actor';
import { assertContentReadable, loadResponseScope } from '../responses/response-access';
import type { StatementDocumentModel } from './document-model';
import { loadStatementDocument } from './statement-document.loader';

/** Documents of a response are readable exactly when its statement is (GET …/statement's rules). */
export class DocumentsService {
  constructor(private readonly dataSource: DataSource) {}

  async statementModel(responseId: string, actor: Actor): Promise<StatementDocumentModel> {
    const manager = this.dataSource.manager;
    const scope = await loadResponseScope(manager, actor, responseId);
    assertContentReadable(scope, actor);
    return loadStatementDocument(manager, responseId);
  }
}
