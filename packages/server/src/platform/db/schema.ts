/** Every table, gathered for drizzle's typed queries and for drizzle-kit's migration generator. */
export * from '../../org/schema.ts';
export * from '../../audit/schema.ts';
export * from '../events/schema.ts';
