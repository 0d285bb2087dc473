// Every setting of the config file, read from the zod schemas themselves (the config's, and each scraper's
// options schema for its `sources.<id>` section): its path, its type and its default, in the words
// docs/configuration.md uses. The doc's test compares the page with this list.
import { z } from 'zod';
import { scrapers } from '../../scrapers/registry.js';
import { configSchema } from '../../src/config/load-config.js';

export interface Setting {
  /** `fetch.timeoutMs`, `jobs[].cron`, `fetch.hosts.<host>.concurrency`, `sources.greenhouse.boards`. */
  path: string;
  type: string;
  /** The default as JSON in backticks, "required", or "—". */
  default: string;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  required?: string[];
  default?: unknown;
}

/** What the key of a map stands for, by the map's path. */
const MAP_KEYS: Record<string, string> = { 'fetch.hosts': '<host>' };

/** Objects shown as one setting (a set of same-shaped fields) rather than field by field. */
const WHOLE_OBJECTS = new Set(['sources.site.sites[].fields', 'sources.site.sites[].detail.fields']);

/** The settings of the config file, in schema order. */
export function configSettings(): Setting[] {
  const root = toJson(configSchema);
  const settings: Setting[] = [];
  for (const [key, schema] of Object.entries(root.properties ?? {})) {
    // Each source's section is the scraper's own (sourceSettings); here only the map itself.
    if (key === 'sources') settings.push({ path: key, type: 'map', default: defaultOf(schema, false) });
    else walk(key, schema, root.required?.includes(key) ?? false, settings);
  }
  return settings;
}

/** The options of each source's section, as `sources.<id>.<option>`. */
export function sourceSettings(): Map<string, Setting[]> {
  const result = new Map<string, Setting[]>();
  for (const scraper of scrapers) {
    const settings: Setting[] = [];
    if (scraper.optionsSchema) {
      const schema = toJson(scraper.optionsSchema);
      for (const [key, option] of Object.entries(schema.properties ?? {})) {
        walk(`sources.${scraper.id}.${key}`, option, schema.required?.includes(key) ?? false, settings);
      }
    }
    result.set(scraper.id, settings);
  }
  return result;
}

function toJson(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function walk(path: string, schema: JsonSchema, required: boolean, out: Setting[]): void {
  if (schema.properties && !schema.anyOf && !WHOLE_OBJECTS.has(path)) {
    // A section: its settings are listed one by one.
    for (const [key, child] of Object.entries(schema.properties)) {
      walk(`${path}.${key}`, child, schema.required?.includes(key) ?? false, out);
    }
    return;
  }
  const listOfObjects = schema.type === 'array' && schema.items?.properties && !schema.items.anyOf;
  const type = listOfObjects ? 'list of objects' : typeOf(schema);
  out.push({ path, type, default: defaultOf(schema, required) });
  const record = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : null;
  if (record?.properties) walk(`${path}.${MAP_KEYS[path] ?? '<name>'}`, record, false, out);
  if (listOfObjects && schema.items?.properties) {
    for (const [key, child] of Object.entries(schema.items.properties)) {
      walk(`${path}[].${key}`, child, schema.items.required?.includes(key) ?? false, out);
    }
  }
}

export function typeOf(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  if (schema.enum) return `one of ${schema.enum.map(String).join(', ')}`;
  switch (schema.type) {
    case 'array':
      return `list of ${schema.items ? plural(typeOf(schema.items)) : 'values'}`;
    case 'object':
      if (schema.properties) return `{${Object.keys(schema.properties).join(', ')}}`;
      return 'map';
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return schema.type;
    default:
      return 'any';
  }
}

function plural(type: string): string {
  if (type.includes(' or ')) return `(${type})`;
  if (type.startsWith('{')) return `objects ${type}`;
  if (type.startsWith('one of')) return `(${type})`;
  return `${type}s`;
}

function defaultOf(schema: JsonSchema, required: boolean): string {
  if (schema.default !== undefined) return `\`${JSON.stringify(schema.default)}\``;
  return required ? 'required' : '—';
}
