/** Every table, gathered for drizzle's typed queries and for drizzle-kit's migration generator. */
export * from '../../org/schema.ts';
export * from '../../audit/schema.ts';
export * from '../events/schema.ts';
export * from '../../routing/schema.ts';
export * from '../../interactions/schema.ts';
export * from '../../crm/schema.ts';
export * from '../../ivr/schema.ts';
export * from '../../wfm/schema.ts';
