import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An admin's replacement for one document template or partial (templates/documents are the
 * defaults). Resetting to the default keeps the row with source null, so a name's version only
 * ever grows: ETags never repeat, and workers can cache compiled sets by name and version.
 */
@Entity({ name: 'document_templates' })
export class DocumentTemplate {
  @PrimaryColumn('varchar', { length: 60 })
  name: string;

  /** Handlebars source; null means the file default applies. */
  @Column('text', { nullable: true })
  source: string | null;

  @Column('integer', { default: 1 })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @Column('varchar', { name: 'updated_by_name', length: 200, nullable: true })
  updatedByName: string | null;
}
