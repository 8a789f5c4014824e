import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The section catalogue: standard avsnitt in standard order, with default texts as Handlebars
 * sources per organisation kind. Data an admin changes, seeded from templates/sections/.
 */
@Entity({ name: 'section_templates' })
export class SectionTemplate {
  @PrimaryColumn('varchar', { length: 60 })
  key: string;

  @Column('varchar', { length: 200 })
  heading: string;

  @Column('integer')
  position: number;

  /** Whether a new draft gets this section. */
  @Column('boolean', { default: true })
  standard: boolean;

  /** Must hold text before the statement goes to review. */
  @Column('boolean', { default: false })
  required: boolean;

  /** Handlebars source of the default text by organisation kind; '*' for any other kind. */
  @Column('jsonb', { default: () => "'{}'" })
  defaults: Record<string, string>;

  @Column('integer', { default: 1 })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
