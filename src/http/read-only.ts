/**
 * Read-only fields on writes. A client that GETs a resource and PUTs (or PATCHes) it back unchanged
 * sends fields the server sets itself (id, version, etag, updatedAt, a section's position …). They
 * are accepted and ignored: every field of the resource as it is read that the write body does not
 * take is documented as `readOnly` in the write's request schema and dropped before validation, so
 * a field that is neither writable nor part of the resource is still refused as unknown.
 *
 * This works on the generated OpenAPI document (JSON Schema 2020-12), so what is documented and
 * what is accepted are one computation.
 */
export type JsonSchema = { [keyword: string]: unknown };
type Components = Record<string, JsonSchema>;

interface Core {
  schema: JsonSchema;
  /** Puts a changed copy of `schema` back where it was found (inlining a $ref, keeping a nullable anyOf). */
  wrap(inner: JsonSchema): JsonSchema;
}

/** The object or array a schema describes once a $ref and a nullable anyOf are looked through. */
function core(schema: JsonSchema, components: Components): Core {
  if (typeof schema.$ref === 'string') {
    const target = components[schema.$ref.replace('#/components/schemas/', '')];
    if (target) return core(target, components);
  }
  const branches = Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : [];
  const nonNull = branches.filter((branch) => branch.type !== 'null');
  if (nonNull.length === 1 && branches.length === 2) {
    const inner = core(nonNull[0], components);
    return { schema: inner.schema, wrap: (changed) => ({ ...schema, anyOf: branches.map((b) => (b === nonNull[0] ? inner.wrap(changed) : b)) }) };
  }
  return { schema, wrap: (changed) => changed };
}

const propertiesOf = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema> | undefined;

/**
 * The write schema with every field of `resource` it lacks added as readOnly, at every depth;
 * undefined when it lacks none.
 */
export function withReadOnlyFields(write: JsonSchema, resource: JsonSchema, components: Components): JsonSchema | undefined {
  if (write.$ref && write.$ref === resource.$ref) return undefined;
  const w = core(write, components);
  const r = core(resource, components);
  const writable = propertiesOf(w.schema);
  const readable = propertiesOf(r.schema);
  if (writable && readable) {
    const properties = { ...writable };
    let changed = false;
    for (const [key, field] of Object.entries(readable)) {
      const merged = key in properties ? withReadOnlyFields(properties[key], field, components) : { ...field, readOnly: true };
      if (merged) {
        properties[key] = merged;
        changed = true;
      }
    }
    return changed ? w.wrap({ ...w.schema, properties }) : undefined;
  }
  if (w.schema.items && r.schema.items) {
    const items = withReadOnlyFields(w.schema.items as JsonSchema, r.schema.items as JsonSchema, components);
    return items ? w.wrap({ ...w.schema, items }) : undefined;
  }
  return undefined;
}

/** Removes, in place, the fields `schema` marks readOnly from a parsed JSON body. */
export function dropReadOnlyFields(value: unknown, schema: JsonSchema, components: Components): void {
  const { schema: shape } = core(schema, components);
  if (Array.isArray(value)) {
    if (shape.items) for (const item of value) dropReadOnlyFields(item, shape.items as JsonSchema, components);
    return;
  }
  const properties = propertiesOf(shape);
  if (!properties || typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const field = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (!field) continue;
    if (field.readOnly === true) delete record[key];
    else dropReadOnlyFields(record[key], field, components);
  }
}
