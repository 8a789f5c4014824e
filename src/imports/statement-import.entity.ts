import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Response } from '../responses/response.entity';
import type { ImportFormat } from './file-text/detect-format';
import type { Repair } from './ocr-repair';
import type { Proposal } from './proposal';

export { IMPORT_FORMATS } from './file-text/detect-format';
export type ImportFormatName = ImportFormat;

/**
 * ocr_queued → ocr_running → ready (or failed) for a scan; ready at once for a file with text.
 * ready → accepted (the proposal became the draft) or discarded.
 */
export const IMPORT_STATUSES = ['ocr_queued', 'ocr_running', 'ready', 'failed', 'accepted', 'discarded'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * A file a handläggare imports into a response's draft (DESIGN.md §10), and what was read from it.
 * The text as read (`sourceText`) is kept apart from the repairs proposed for it, so that undoing a
 * repair rebuilds the proposal from the file's own words. The file waits in the file store until the
 * import is accepted (then it may become a bilaga) or discarded.
 */
@Entity({ name: 'statement_imports' })
@Index('idx_statement_imports_response', ['responseId', 'createdAt'])
@Index('idx_statement_imports_ocr_queue', ['createdAt'], { where: `status IN ('ocr_queued', 'ocr_running')` })
@Check('chk_statement_imports_status', `status IN ('ocr_queued', 'ocr_running', 'ready', 'failed', 'accepted', 'discarded')`)
@Check('chk_statement_imports_format', `format IN ('docx', 'odt', 'pdf', 'text')`)
export class StatementImport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_statement_imports' })
  id: string;

  @Column('uuid', { name: 'response_id' })
  responseId: string;

  @ManyToOne(() => Response, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id', foreignKeyConstraintName: 'fk_statement_imports_response' })
  response?: Response;

  @Column('varchar', { length: 20 })
  status: ImportStatus;

  @Column('varchar', { length: 10 })
  format: ImportFormatName;

  @Column('varchar', { name: 'file_name', length: 255 })
  fileName: string;

  @Column('varchar', { name: 'content_type', length: 200 })
  contentType: string;

  @Column('bigint', { name: 'size_bytes' })
  sizeBytes: string;

  @Column('char', { length: 64 })
  sha256: string;

  /** The file in the file store; null once it is gone (discarded, or accepted without keeping it) or became a bilaga. */
  @Column('varchar', { name: 'storage_key', length: 200, nullable: true })
  storageKey: string | null;

  /** The text as read from the file or by OCR, before any repair. Null while OCR is still to run. */
  @Column('text', { name: 'source_text', nullable: true })
  sourceText: string | null;

  /** Headings came from styles, sizes or bold (a Word file, a PDF with fonts): they may be trusted. */
  @Column('boolean', { default: false })
  cued: boolean;

  /** The OCR repairs proposed for sourceText, each with its id. */
  @Column('jsonb', { default: () => `'[]'` })
  repairs: Repair[];

  /** Ids of the repairs the user undid. */
  @Column('jsonb', { default: () => `'[]'` })
  undone: number[];

  /** The document as a whole looked OCR-damaged. */
  @Column('boolean', { default: false })
  damaged: boolean;

  @Column('jsonb', { nullable: true })
  proposal: Proposal | null;

  @Column('integer', { name: 'pages_done', default: 0 })
  pagesDone: number;

  @Column('integer', { name: 'pages_total', nullable: true })
  pagesTotal: number | null;

  /** Why OCR failed, in Swedish: shown to the user. */
  @Column('varchar', { length: 1000, nullable: true })
  error: string | null;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
